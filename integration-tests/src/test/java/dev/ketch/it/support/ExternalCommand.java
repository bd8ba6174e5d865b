package dev.ketch.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a command to completion with a wall-clock limit, collecting its merged stdout and stderr
 * line by line. On timeout the process and all its descendants are killed.
 */
public final class ExternalCommand {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;

    public ExternalCommand(List<String> command, Map<String, String> environment, Path workingDirectory) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    /** What a finished (or killed) command produced. */
    public record Result(List<String> command, int exitCode, boolean timedOut, List<String> outputLines) {

        public String output() {
            return String.join("\n", outputLines);
        }
    }

    /** Runs the command; each output line goes to {@code onLine} as soon as it is read. */
    public Result run(Duration wallClockLimit, Consumer<String> onLine) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> readLines(process, lines, onLine), "output-of-" + command.get(0));
        reader.setDaemon(true);
        reader.start();
        boolean timedOut = false;
        try {
            if (!process.waitFor(wallClockLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(process);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new Result(command, exit, timedOut, List.copyOf(lines));
    }

    private static void readLines(Process process, List<String> lines, Consumer<String> onLine) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                onLine.accept(line);
            }
        } catch (IOException e) {
            lines.add("(output unreadable: " + e + ")");
        }
    }

    /** Kills descendants first (deepest last collected), then the process itself. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
