package dev.ketch.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference server: a real memcached daemon found on {@code PATH} (Debian package
 * {@code memcached}, 1.6.18 on bookworm), started on loopback with UDP off.
 */
public final class RealMemcached {

    /** Skip message used when the daemon is not installed. */
    public static final String NOT_FOUND =
            "real memcached not found on PATH: install Debian package 'memcached' (apt-get install memcached)";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private RealMemcached() {
    }

    /** True when a memcached binary is on {@code PATH}. */
    public static boolean isInstalled() {
        return Executables.onPath("memcached").isPresent();
    }

    /** The memcached binary; skips the calling test (JUnit assumption) when there is none. */
    public static Path binary() {
        Optional<Path> binary = Executables.onPath("memcached");
        Skip.unless(binary.isPresent(), NOT_FOUND);
        return binary.get();
    }

    /**
     * Starts {@code memcached [-u root] -l 127.0.0.1 -p PORT -U 0 <extraFlags>} on a free port and
     * waits until it listens; skips the calling test when memcached is not installed.
     */
    public static ServerProcess start(String... extraFlags) {
        return start(Map.of(), extraFlags);
    }

    /** Like {@link #start(String...)}, with {@code environment} added to the daemon's environment. */
    public static ServerProcess start(Map<String, String> environment, String... extraFlags) {
        Path binary = binary();
        return ServerProcess.startOnFreePort("memcached", environment, port -> command(binary, port, extraFlags),
                START_TIMEOUT);
    }

    static List<String> command(Path binary, int port, String... extraFlags) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        if (Executables.runningAsRoot()) {
            command.add("-u");
            command.add("root");
        }
        command.addAll(List.of("-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0"));
        command.addAll(List.of(extraFlags));
        return command;
    }
}
