package dev.ketch.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the processes of a test and makes sure none outlives it: after each test every process it
 * started that is still alive gets SIGTERM, then SIGKILL if it has not exited after a grace period;
 * the process tree goes with it. A JVM shutdown hook does the same for a run that is interrupted.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ChildProcesses processes = new ChildProcesses();
 * ...
 * Process p = processes.start(new ProcessBuilder(...));
 * }</pre>
 */
public final class ChildProcesses implements AfterEachCallback {

    private static final long STOP_GRACE_MILLIS = 5_000;
    private static final Set<Process> EVERY_LIVE_CHILD = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> EVERY_LIVE_CHILD.forEach(ChildProcesses::killTree), "kill-test-processes"));
    }

    private final List<Process> started = new CopyOnWriteArrayList<>();

    /** Starts {@code builder}'s process; it is stopped after the current test if still running. */
    public Process start(ProcessBuilder builder) {
        try {
            Process process = builder.start();
            started.add(process);
            EVERY_LIVE_CHILD.add(process);
            process.onExit().thenRun(() -> EVERY_LIVE_CHILD.remove(process));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", builder.command()), e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (Process process : started) {
            stop(process);
        }
        started.clear();
    }

    /** SIGTERM to the process and its descendants, then SIGKILL to whatever is left after the grace period. */
    public static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
            killTree(process);
            process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
