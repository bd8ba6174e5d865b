package dev.ketch.server.launch;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code -d}: memcached forks, the parent exits with status 0 at once and the child carries on as
 * the server in a session of its own ({@code setsid}), in {@code /} unless {@code -r} was given,
 * with standard input, output and error on {@code /dev/null} unless {@code -v} was given; the
 * child writes the {@code -P} pid file. A JVM cannot fork, so the launching JVM starts a second
 * JVM with the same options and arguments (through {@code setsid} when the system has it) and
 * exits; the environment variable {@link #CHILD_MARKER} tells the second one that it is the
 * daemon already.
 */
public final class Daemon {

    /** Set in the daemon's environment: it serves rather than start another daemon. */
    public static final String CHILD_MARKER = "KETCH_DAEMONIZED";

    private Daemon() {
    }

    /** True when this process is the daemon a {@code -d} launch started. */
    public static boolean isDaemon(Function<String, String> environment) {
        return "1".equals(environment.apply(CHILD_MARKER));
    }

    /**
     * Starts the daemon: this JVM's command again, detached.
     *
     * @param args the command line's arguments, {@code -d} included
     * @param keepDirectory {@code -r}: memcached stays in its directory (its {@code nochdir})
     * @param keepStdio {@code -v}: memcached keeps its standard streams (its {@code noclose})
     * @throws IOException if the second JVM cannot be started
     */
    public static void start(String[] args, boolean keepDirectory, boolean keepStdio) throws IOException {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid");
        } else if (new File("/bin/setsid").canExecute()) {
            command.add("/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(absoluteClassPath(System.getProperty("java.class.path")));
        command.add(dev.ketch.server.Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(CHILD_MARKER, "1");
        if (!keepDirectory) {
            pb.directory(new File("/"));
        }
        if (keepStdio) {
            pb.inheritIO();
        } else {
            File devNull = new File("/dev/null");
            pb.redirectInput(devNull).redirectOutput(devNull).redirectError(devNull);
        }
        pb.start();
    }

    /** The class path with every entry absolute, since the daemon may not run in this directory. */
    static String absoluteClassPath(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
