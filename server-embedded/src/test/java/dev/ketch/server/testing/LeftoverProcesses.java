package dev.ketch.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the processes a test run left behind. The build gives its test JVMs an environment
 * variable, {@value #MARKER}, naming the run; every process a test starts inherits it, and so do
 * their children (the servers memcached's perl suite starts, for instance). Whatever still carries
 * the marker when the run ends was left behind. Reads {@code /proc}, so it finds nothing elsewhere
 * than on Linux.
 */
public final class LeftoverProcesses {

    /** The environment variable that marks the processes of one test run. */
    public static final String MARKER = "KETCH_TEST_RUN";

    private LeftoverProcesses() {
    }

    /** This JVM's run marker, if the build set one. */
    public static Optional<String> marker() {
        return Optional.ofNullable(System.getenv(MARKER)).filter(v -> !v.isEmpty());
    }

    /**
     * Every live process whose environment carries {@code MARKER=runId}, except this JVM and its
     * ancestors (the build starts test JVMs through a shell that carries the marker too).
     */
    public static List<ProcessHandle> carrying(String runId) {
        byte[] entry = (MARKER + "=" + runId).getBytes(StandardCharsets.UTF_8);
        Set<Long> selfAndAncestors = new HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            selfAndAncestors.add(p.get().pid());
        }
        return ProcessHandle.allProcesses()
                .filter(p -> !selfAndAncestors.contains(p.pid()))
                .filter(p -> environmentHas(p.pid(), entry))
                .toList();
    }

    /** One line per process: its pid and command line. */
    public static String describe(List<ProcessHandle> processes) {
        StringBuilder text = new StringBuilder();
        for (ProcessHandle p : processes) {
            text.append("\n  ").append(p.pid()).append(' ')
                    .append(p.info().commandLine().orElse(p.info().command().orElse("?")));
        }
        return text.toString();
    }

    private static boolean environmentHas(long pid, byte[] entry) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | SecurityException gone) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
