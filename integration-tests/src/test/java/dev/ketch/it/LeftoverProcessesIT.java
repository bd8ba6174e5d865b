package dev.ketch.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ketch.server.testing.LeftoverProcesses;
import dev.ketch.testcontainers.testing.TestImages;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test (its own failsafe execution): no process that the
 * suite started, directly or through a script, may still be running, and no container it started
 * may still exist (they carry the run's label). Leftovers are killed or removed, and the build
 * fails naming them.
 */
class LeftoverProcessesIT {

    @Test
    void noContainerStartedByTheSuiteIsLeft() {
        Assumptions.assumeTrue(LeftoverProcesses.marker().isPresent(), "the build sets " + LeftoverProcesses.MARKER
                + "; run through Maven");
        var left = TestImages.leftovers();
        if (!left.isEmpty()) {
            TestImages.remove(left);
            fail("containers started by the integration tests were left behind (removed now): "
                    + left.stream().map(c -> c.getId().substring(0, 12) + " " + c.getImage() + " " + c.getStatus())
                            .toList());
        }
    }

    @Test
    void noProcessStartedByTheSuiteIsStillRunning() throws Exception {
        String runId = LeftoverProcesses.marker().orElse(null);
        Assumptions.assumeTrue(runId != null, "the build sets " + LeftoverProcesses.MARKER + "; run through Maven");
        List<ProcessHandle> left = LeftoverProcesses.carrying(runId);
        // A process that is exiting right now gets a moment to finish.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = left.stream().filter(ProcessHandle::isAlive).toList();
        }
        if (!left.isEmpty()) {
            String described = LeftoverProcesses.describe(left);
            left.forEach(ProcessHandle::destroyForcibly);
            fail("processes started by the integration tests were still running when they ended (killed now):"
                    + described);
        }
    }
}
