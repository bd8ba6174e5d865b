package dev.ketch.client.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When timeouts add up to a dead server, and when they do not. */
class NodeHealthTest {

    @Test
    void aBurstOfTimeoutsOfOperationsSentTogetherCountsOnce() {
        NodeHealth health = new NodeHealth(3);
        assertFalse(health.timedOut(100, 1_000));
        for (int i = 0; i < 1000; i++) {
            assertFalse(health.timedOut(100 + i % 500, 1_000 + i), "sent before the failure was counted");
        }
        assertEquals(1, health.softFailures());
    }

    @Test
    void timeoutsOfOperationsSentAfterTheLastCountedFailureReachTheLimit() {
        NodeHealth health = new NodeHealth(3);
        assertFalse(health.timedOut(0, 1_000));
        assertFalse(health.timedOut(1_001, 2_000));
        assertTrue(health.timedOut(2_001, 3_000), "third chance in a row");
        assertTrue(health.timedOut(3_001, 4_000), "stays at the limit while nothing answers");
    }

    @Test
    void anyReplyResetsTheCount() {
        NodeHealth health = new NodeHealth(2);
        assertFalse(health.timedOut(0, 1_000));
        health.replied();
        assertEquals(0, health.softFailures());
        assertFalse(health.timedOut(500, 2_000), "counts again from one, even if sent before the old failure");
        assertTrue(health.timedOut(2_001, 3_000));
    }

    @Test
    void everyFailedConnectionAttemptCounts() {
        NodeHealth health = new NodeHealth(3);
        assertFalse(health.attemptTimedOut(10));
        assertFalse(health.attemptTimedOut(10));
        assertTrue(health.attemptTimedOut(10));
    }

    @Test
    void aLimitOfOneDeclaresTheFirstFailure() {
        assertTrue(new NodeHealth(1).timedOut(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new NodeHealth(0));
    }
}
