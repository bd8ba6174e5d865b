package dev.ketch.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A server started as an operating-system process that listens on 127.0.0.1:{@link #port()}.
 *
 * <p>{@link #start} returns only once the port accepts TCP connections; if the process exits first
 * or does not listen in time, it fails with a message that includes the command line and the
 * process's stderr. {@link #close()} sends SIGTERM, waits, then kills. Processes still running when
 * the test JVM exits are killed by a shutdown hook.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int OUTPUT_TAIL_CHARS = 8_000;
    private static final int KEPT_STDERR_CHARS = 4 << 20;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.forEach(Process::destroyForcibly), "kill-test-servers"));
    }

    private final String name;
    private final List<String> command;
    private final int port;
    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;
    private String finalStderr;

    private ServerProcess(String name, List<String> command, int port, Process process,
                          Path stdoutFile, Path stderrFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.port = port;
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
    }

    /**
     * Starts {@code command} (which must make the server listen on 127.0.0.1:{@code port}) and
     * waits until the port accepts connections.
     *
     * @throws AssertionError if the process exits or does not listen within {@code startTimeout}
     */
    public static ServerProcess start(String name, List<String> command, int port, Duration startTimeout) {
        ServerProcess server = launch(name, Map.of(), command, port);
        server.awaitListening(startTimeout);
        return server;
    }

    /**
     * Like {@link #start}, on a {@link FreePort}; if the process dies because another process took
     * the port in the meantime, retries on a new port (up to three attempts).
     */
    public static ServerProcess startOnFreePort(String name, IntFunction<List<String>> commandForPort,
                                                Duration startTimeout) {
        return startOnFreePort(name, Map.of(), commandForPort, startTimeout);
    }

    /**
     * Like {@link #startOnFreePort(String, IntFunction, Duration)}, with {@code environment} added to
     * the environment the process inherits from the test JVM.
     */
    public static ServerProcess startOnFreePort(String name, Map<String, String> environment,
                                                IntFunction<List<String>> commandForPort, Duration startTimeout) {
        AssertionError lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = FreePort.find();
            ServerProcess server = launch(name, environment, commandForPort.apply(port), port);
            try {
                server.awaitListening(startTimeout);
                return server;
            } catch (AssertionError e) {
                lastFailure = e;
                boolean portTakenByOther = !server.isAlive() && accepts(port);
                server.close();
                if (!portTakenByOther) {
                    throw e;
                }
            }
        }
        throw lastFailure;
    }

    private static ServerProcess launch(String name, Map<String, String> environment, List<String> command,
                                        int port) {
        try {
            Path out = Files.createTempFile("ketch-it-" + safe(name) + "-", ".stdout");
            Path err = Files.createTempFile("ketch-it-" + safe(name) + "-", ".stderr");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            RUNNING.add(process);
            return new ServerProcess(name, command, port, process, out, err);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with status " + process.exitValue()
                        + " before listening on 127.0.0.1:" + port + describe());
            }
            if (accepts(port)) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        close();
        throw new AssertionError(name + " did not accept connections on 127.0.0.1:" + port + " within "
                + timeout.toMillis() + " ms (it was stopped)" + describe());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The human-readable name given at start, e.g. "memcached" or "ketch". */
    public String name() {
        return name;
    }

    /** The TCP port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The exact command line the process was started with. */
    public List<String> command() {
        return command;
    }

    /** The process id (to send it signals). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The tail of what the process wrote to stderr so far (or until it was closed). */
    public String stderr() {
        String text = finalStderr != null ? finalStderr : tail(stderrFile, KEPT_STDERR_CHARS);
        return text.length() <= OUTPUT_TAIL_CHARS ? text : "..." + text.substring(text.length() - OUTPUT_TAIL_CHARS);
    }

    /** Whether the process's stderr (its last 4 MiB) contains {@code text}. */
    public boolean stderrContains(String text) {
        return (finalStderr != null ? finalStderr : tail(stderrFile, KEPT_STDERR_CHARS)).contains(text);
    }

    /**
     * Stops the server: SIGTERM, then SIGKILL if it has not exited after a grace period. Idempotent.
     */
    @Override
    public void close() {
        if (finalStderr != null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
        finalStderr = tail(stderrFile, KEPT_STDERR_CHARS);
        try {
            Files.deleteIfExists(stdoutFile);
            Files.deleteIfExists(stderrFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String describe() {
        return "\n  command: " + String.join(" ", command)
                + "\n  stderr: " + indent(stderr())
                + "\n  stdout: " + indent(tail(stdoutFile, OUTPUT_TAIL_CHARS));
    }

    private static String indent(String text) {
        return text.isBlank() ? "(empty)" : text.strip().replace("\n", "\n    ");
    }

    private static String tail(Path file, int maxChars) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            return text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a server to listen", e);
        }
    }

    @Override
    public String toString() {
        return name + " on 127.0.0.1:" + port;
    }
}
