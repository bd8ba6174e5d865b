package dev.ketch.server.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code -P file}: memcached writes its pid (and a newline) to {@code file.tmp} and renames it into
 * place, so a reader never sees an empty file; it warns when the old file names a running process.
 * Failures are reported, not fatal.
 */
public final class PidFile {

    private PidFile() {
    }

    /** Writes {@code pid} to {@code path}; returns what to print to stderr (possibly empty). */
    public static String write(Path path, long pid) {
        StringBuilder messages = new StringBuilder();
        Long previous = runningPid(path);
        if (previous != null) {
            messages.append("WARNING: The pid file contained the following (running) pid: ")
                    .append(previous).append('\n');
        }
        Path tmp = Path.of(path + ".tmp");
        try {
            Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            messages.append("Could not open the pid file ").append(tmp).append(" for writing: ")
                    .append(reason(e)).append('\n');
            return messages.toString();
        }
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            messages.append("Could not rename the pid file from ").append(tmp).append(" to ").append(path)
                    .append(": ").append(reason(e)).append('\n');
        }
        return messages.toString();
    }

    /** memcached removes a daemon's pid file when it stops; returns what to print to stderr (possibly empty). */
    public static String remove(Path path) {
        try {
            Files.delete(path);
            return "";
        } catch (IOException e) {
            return "Could not remove the pid file " + path + ": " + reason(e) + "\n";
        }
    }

    private static Long runningPid(Path path) {
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
            if (lines.isEmpty()) {
                return null;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
