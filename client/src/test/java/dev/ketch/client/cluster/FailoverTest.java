package dev.ketch.client.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings, their defaults and what they refuse. */
class FailoverTest {

    @Test
    void defaults() {
        Failover f = Failover.ejectSkip();
        assertEquals(FailoverPolicy.EJECT_SKIP, f.policy());
        assertEquals(3, f.failureLimit());
        assertEquals(Duration.ofSeconds(2), f.retryTimeout());
        assertEquals(Duration.ofSeconds(10), f.maxRetryTimeout());
        assertTrue(f.retryReads());
        assertEquals(1, f.maxSoftEjectedFor(1));
        assertEquals(1, f.maxSoftEjectedFor(5));
        assertEquals(2, f.maxSoftEjectedFor(6));
        assertEquals(10, f.maxSoftEjectedFor(30));
    }

    @Test
    void settersReturnChangedCopies() {
        Failover base = Failover.failFast();
        Failover changed = base.failureLimit(5).retryTimeout(Duration.ofMillis(100), Duration.ofSeconds(1))
                .maxSoftEjected(0).retryReads(false);
        assertEquals(3, base.failureLimit());
        assertEquals(FailoverPolicy.FAIL_FAST, changed.policy());
        assertEquals(5, changed.failureLimit());
        assertEquals(Duration.ofMillis(100), changed.retryTimeout());
        assertEquals(Duration.ofSeconds(1), changed.maxRetryTimeout());
        assertEquals(0, changed.maxSoftEjectedFor(9));
        assertFalse(changed.retryReads());
        assertEquals(Duration.ofSeconds(30), base.retryTimeout(Duration.ofSeconds(30)).maxRetryTimeout(),
                "the longest delay is raised to a first delay above it");
        assertFalse(FailoverPolicy.FAIL_FAST.ejects());
        assertTrue(FailoverPolicy.EJECT_REBUILD.ejects());
    }

    @Test
    void refusesNonsense() {
        Failover f = Failover.ejectRebuild();
        assertThrows(IllegalArgumentException.class, () -> f.failureLimit(0));
        assertThrows(IllegalArgumentException.class, () -> f.retryTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> f.retryTimeout(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> f.maxSoftEjected(-1));
        assertThrows(NullPointerException.class, () -> Failover.of(null));
    }
}
