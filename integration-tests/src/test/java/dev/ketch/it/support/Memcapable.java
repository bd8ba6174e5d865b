package dev.ketch.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libmemcached's protocol conformance checker. Debian's {@code libmemcached-tools} installs it as
 * {@code memccapable}; upstream calls it {@code memcapable}. It FLUSHES the server it checks.
 */
public final class Memcapable {

    /** Skip message used when neither name is on {@code PATH}. */
    public static final String NOT_FOUND = "memcapable not found on PATH (as memcapable or memccapable):"
            + " install Debian package 'libmemcached-tools' (apt-get install libmemcached-tools)";

    private static final Duration WALL_CLOCK_LIMIT = Duration.ofMinutes(3);
    private static final String IO_TIMEOUT_SECONDS = "2";

    private Memcapable() {
    }

    /** The checker's binary; skips the calling test when it is not installed. */
    public static Path binary() {
        Optional<Path> binary = Executables.onPath("memcapable", "memccapable");
        Skip.unless(binary.isPresent(), NOT_FOUND);
        return binary.get();
    }

    /** Runs all 27 ascii tests in one memcapable process against 127.0.0.1:{@code port}. */
    public static MemcapableReport runAscii(int port) {
        return run(port, List.of("-a"), MemcapableReport.ASCII_TESTS);
    }

    /** Runs all 54 tests, ascii then binary, in one memcapable process (no filter). */
    public static MemcapableReport runAll(int port) {
        return run(port, List.of(), MemcapableReport.ALL_TESTS);
    }

    private static MemcapableReport run(int port, List<String> filter, List<String> expected) {
        List<String> command = new java.util.ArrayList<>(List.of(binary().toString()));
        command.addAll(filter);
        command.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(port), "-t", IO_TIMEOUT_SECONDS));
        ExternalCommand.Result result = new ExternalCommand(command, Map.of(), null)
                .run(WALL_CLOCK_LIMIT, line -> { });
        String output = result.output();
        if (result.timedOut()) {
            output += "\n(memcapable killed after " + WALL_CLOCK_LIMIT.toSeconds() + " s)";
        }
        return MemcapableReport.parse(output + "\n(exit status " + result.exitCode() + ")", expected);
    }
}
