package dev.ketch.server.launch;

import dev.ketch.server.ServerStartException;
import dev.ketch.server.config.CommandLine;
import dev.ketch.server.config.ExitStatus;
import dev.ketch.server.config.Features;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.transport.ListeningSocket;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What memcached's {@code main()} does around the server: read the command line, print help or
 * errors with memcached's exit statuses, check the user and the listen addresses, start, write the
 * port file ({@code MEMCACHED_PORT_FILENAME}) and the pid file, then serve until SIGINT, SIGTERM or
 * SIGUSR1 (reloading on SIGHUP) and stop cleanly with status 0.
 *
 * <p>No logger may be created before {@link LogSetup#configure} has run, so this class has none.
 */
public final class Launcher {

    /** Starts the server; throws with a message fit for stderr when it cannot. */
    @FunctionalInterface
    public interface ServerStarter {
        /**
         * @param beforeListening to run before the first socket listens (it returns once the
         *     signal handlers are in place, so that a client that sees the port open can stop the
         *     server with a signal); meanwhile the server may load and build everything else
         */
        RunningServer start(ServerSettings settings, Runnable beforeListening) throws Exception;
    }

    /** A started server. */
    @FunctionalInterface
    public interface RunningServer {
        void close() throws Exception;

        /** SIGUSR1: like {@link #close()}, saving the items first when there is a {@code -e} file. */
        default void closeGracefully() throws Exception {
            close();
        }

        /** Whether the server stopped itself gracefully ({@code shutdown graceful}). */
        default boolean closedGracefully() {
            return false;
        }

        /** Returns when the server has stopped by itself (the {@code shutdown} command). */
        default void awaitClose() throws InterruptedException {
            new CountDownLatch(1).await();
        }

        /** What memcached does on SIGHUP (reload the {@code -Y} file). */
        default void reload() {
        }

        /** The sockets listened on, for the port file. */
        default List<ListeningSocket> listeningSockets() {
            return List.of();
        }
    }

    /** memcached's warning when it cannot lock memory; a JVM cannot call mlockall. */
    static final String MLOCK_WARNING =
            "warning: -k invalid, mlockall() not supported on this platform.  proceeding without.";

    private final PrintStream out;
    private final PrintStream err;
    private final Features features;
    private final UserCheck userCheck;
    private final ListenPreflight listenPreflight;
    private final ServerStarter starter;
    private final Function<String, String> environment;

    public Launcher(PrintStream out, PrintStream err, Features features, UserCheck userCheck,
            ListenPreflight listenPreflight, ServerStarter starter) {
        this(out, err, features, userCheck, listenPreflight, starter, System::getenv);
    }

    /** @param environment reads an environment variable (null when unset) */
    public Launcher(PrintStream out, PrintStream err, Features features, UserCheck userCheck,
            ListenPreflight listenPreflight, ServerStarter starter, Function<String, String> environment) {
        this.out = out;
        this.err = err;
        this.features = features;
        this.userCheck = userCheck;
        this.listenPreflight = listenPreflight;
        this.starter = starter;
        this.environment = environment;
    }

    /** Settings ready to start with, or the status to exit with now. */
    public record Prepared(ServerSettings settings, int exitStatus) {
        boolean start() {
            return settings != null;
        }
    }

    /** Runs the whole life of the process; returns the exit status (blocks while serving). */
    public int run(String[] args) {
        Prepared prepared = prepare(args);
        if (!prepared.start()) {
            return prepared.exitStatus();
        }
        ServerSettings settings = prepared.settings();
        if (settings.daemonize && !Daemon.isDaemon(environment)) {
            return daemonize(args, settings);
        }
        return serve(settings);
    }

    /**
     * Everything before the server starts: parsing, logging set-up, and the checks that can refuse
     * to start. Prints what memcached would print.
     */
    public Prepared prepare(String[] args) {
        CommandLine.Result result = CommandLine.parse(args);
        if (result instanceof CommandLine.Exit exit) {
            out.print(exit.stdout());
            err.print(exit.stderr());
            flush();
            return new Prepared(null, exit.status());
        }
        CommandLine.Start start = (CommandLine.Start) result;
        ServerSettings settings = start.settings();
        LogSetup.configure();
        NettyDefaults.configure();
        err.print(start.stderr());
        DescriptorLimit descriptors = DescriptorLimit.forThisProcess();
        Optional<Refusal> refusal = UnsupportedOptions.check(settings, features)
                .or(() -> descriptors.checkLimit(settings))
                .or(() -> userCheck.check(settings.username));
        if (refusal.isEmpty() && settings.lockMemory) {
            err.println(MLOCK_WARNING);
        }
        refusal = refusal.or(() -> descriptors.checkStartup(settings))
                .or(() -> listenPreflight.check(settings));
        if (refusal.isPresent()) {
            err.println(refusal.get().message());
            flush();
            return new Prepared(null, refusal.get().status());
        }
        flush();
        return new Prepared(settings, ExitStatus.SUCCESS);
    }

    /** {@code -d}: the daemon takes over; this process exits with status 0, as memcached's parent does. */
    private int daemonize(String[] args, ServerSettings settings) {
        try {
            Daemon.start(args, settings.maxCoreFile, settings.verbose > 0);
        } catch (IOException e) {
            err.println("failed to daemon() in order to daemonize");
            flush();
            return ExitStatus.FAILURE;
        }
        flush();
        return ExitStatus.SUCCESS;
    }

    private int serve(ServerSettings settings) {
        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicReference<Signals.Stop> how = new AtomicReference<>(Signals.Stop.NORMAL);
        AtomicReference<RunningServer> running = new AtomicReference<>();
        // Undoing a SIGINT inherited as ignored loads JNA, about 0.1 s: done while the server
        // loads its transport, and waited for before the first socket listens.
        CompletableFuture<Optional<String>> signals = new CompletableFuture<>();
        Thread signalSetup = new Thread(() -> {
            try {
                signals.complete(Signals.install(stop -> {
                    how.compareAndSet(Signals.Stop.NORMAL, stop);
                    stopRequested.countDown();
                }, () -> {
                    RunningServer s = running.get();
                    if (s != null) {
                        s.reload();
                    }
                }));
            } catch (RuntimeException | Error e) {
                signals.completeExceptionally(e);
            }
        }, "ketch-signals");
        signalSetup.setDaemon(true);
        signalSetup.start();
        RunningServer server;
        try {
            server = starter.start(settings, signals::join);
        } catch (Exception e) {
            err.println(e.getMessage() != null ? e.getMessage() : "failed to start: " + e);
            flush();
            return e instanceof ServerStartException s ? s.exitStatus() : ExitStatus.OS_ERROR;
        }
        running.set(server);
        signals.join().ifPresent(err::println);
        String portFile = environment.apply(PortFile.ENVIRONMENT_VARIABLE);
        if (portFile != null && settings.socketPath == null) {
            err.print(PortFile.write(Path.of(portFile), server.listeningSockets()));
            flush();
        }
        if (settings.pidFile != null) {
            err.print(PidFile.write(Path.of(settings.pidFile), ProcessHandle.current().pid()));
            flush();
        }
        Thread watcher = new Thread(() -> {
            try {
                server.awaitClose();
                stopRequested.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ketch-await-shutdown");
        watcher.setDaemon(true);
        watcher.start();
        // Signals normally end the wait below; the hook covers a JVM that exits any other way.
        AtomicBoolean closed = new AtomicBoolean();
        Thread hook = new Thread(() -> closeOnce(server, closed, false), "ketch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        awaitUninterruptibly(stopRequested);
        boolean graceful = how.get() == Signals.Stop.GRACEFUL || server.closedGracefully();
        if (graceful) {
            err.println("Gracefully stopping");
        } else if (settings.verbose > 0) {
            err.println("Exiting normally");
        }
        closeOnce(server, closed, graceful);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run
        }
        if (settings.daemonize && settings.pidFile != null) {
            err.print(PidFile.remove(Path.of(settings.pidFile)));
        }
        flush();
        return ExitStatus.SUCCESS;
    }

    private void closeOnce(RunningServer server, AtomicBoolean closed, boolean graceful) {
        if (closed.compareAndSet(false, true)) {
            try {
                if (graceful) {
                    server.closeGracefully();
                } else {
                    server.close();
                }
            } catch (Exception e) {
                err.println("error while stopping: " + e);
            }
        }
    }

    /** Only a signal stops the server; an interrupt is remembered and restored afterwards. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void flush() {
        out.flush();
        err.flush();
    }
}
