package dev.ketch.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The check that fails a build whose tests left processes behind finds them, and only them. */
class LeftoverProcessesTest {

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    @Test
    void findsAGrandchildCarryingTheRunMarkerAndNothingElse() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads /proc (Linux)");
        String run = UUID.randomUUID().toString();
        ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-c", "sleep 60 & sleep 60");
        shell.environment().put(LeftoverProcesses.MARKER, run);
        Process parent = processes.start(shell);
        ProcessBuilder unmarked = new ProcessBuilder("sleep", "60");
        unmarked.environment().remove(LeftoverProcesses.MARKER);
        processes.start(unmarked);

        List<ProcessHandle> found = awaitCount(run, 3);
        assertEquals(3, found.size(), "the shell and its two sleeps: " + LeftoverProcesses.describe(found));
        assertTrue(found.stream().anyMatch(p -> p.pid() == parent.pid()));
        ChildProcesses.stop(parent);
        assertEquals(List.of(), awaitCount(run, 0), "stopping a process stops its children too");
    }

    private static List<ProcessHandle> awaitCount(String run, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<ProcessHandle> found = LeftoverProcesses.carrying(run);
        while (found.size() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = LeftoverProcesses.carrying(run);
        }
        return found;
    }
}
