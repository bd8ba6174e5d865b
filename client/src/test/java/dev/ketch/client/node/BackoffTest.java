package dev.ketch.client.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Delays double up to the cap, with jitter inside the promised range. */
class BackoffTest {

    @Test
    void reconnectDelaysAreBetweenHalfAndAllOfADoublingBound() {
        Backoff backoff = new Backoff(100, 1_000);
        long[] bounds = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (long bound : bounds) {
            long delay = backoff.nextDelayNanos();
            assertTrue(delay >= bound / 2 && delay <= bound, delay + " for bound " + bound);
        }
        assertEquals(bounds.length, backoff.attempts());
        backoff.reset();
        assertTrue(backoff.nextDelayNanos() <= 100, "from the start again");
    }

    @Test
    void atLeastNeverComesBeforeTheBound() {
        for (int round = 0; round < 100; round++) {
            Backoff backoff = Backoff.atLeast(1_000, 3_000);
            long[] bounds = {1_000, 2_000, 3_000, 3_000};
            for (long bound : bounds) {
                long delay = backoff.nextDelayNanos();
                assertTrue(delay >= bound && delay <= bound + bound / 4, delay + " for bound " + bound);
            }
        }
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5));
    }
}
