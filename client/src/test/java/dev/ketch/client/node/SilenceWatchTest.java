package dev.ketch.client.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The silence arithmetic on a clock of its own: waits, p99, thresholds, reports, re-reports. */
class SilenceWatchTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long FLOOR = 100 * MS;
    private static final long CEILING = 1000 * MS;

    private long now = 1_000_000 * MS;

    @Test
    void aWaitLongerThanTheFloorIsReportedOnce() {
        SilenceWatch w = new SilenceWatch(FLOOR, 10, CEILING);
        w.written(true, now);
        assertEquals(0, w.silentFor(now += 100 * MS), "not beyond the floor yet");
        assertEquals(101 * MS, w.silentFor(now += MS));
        assertEquals(0, w.silentFor(now += 500 * MS), "reported once per wait");
    }

    @Test
    void theThresholdFollowsTheConnectionsOwnP99AboveTheFloor() {
        SilenceWatch w = new SilenceWatch(FLOOR, 10, CEILING);
        for (int i = 0; i < 256; i++) {
            w.written(true, now);
            w.read(false, now += (i % 100 == 0 ? 30 : 2) * MS);
        }
        assertEquals(30 * MS, w.p99Nanos());
        assertEquals(300 * MS, w.thresholdNanos());
        w.written(true, now);
        assertEquals(0, w.silentFor(now += 299 * MS), "usual for this connection");
        assertEquals(301 * MS, w.silentFor(now += 2 * MS));
    }

    @Test
    void longUsualWaitsDoNotRaiseTheThresholdPastTheCeiling() {
        SilenceWatch w = new SilenceWatch(FLOOR, 10, CEILING);
        for (int i = 0; i < 256; i++) {
            w.written(true, now);
            w.read(false, now += 400 * MS); // large values on a slow link: 10 x p99 would be 4 s
        }
        assertEquals(400 * MS, w.p99Nanos());
        assertEquals(CEILING, w.thresholdNanos());
        w.written(true, now);
        assertEquals(0, w.silentFor(now += 1000 * MS));
        assertEquals(1001 * MS, w.silentFor(now += MS), "noticed at the ceiling, not after 4 s");
    }

    @Test
    void aCeilingBelowTheFloorLeavesTheFloor() {
        SilenceWatch w = new SilenceWatch(FLOOR, 10, FLOOR / 2);
        assertEquals(FLOOR, w.thresholdNanos());
    }

    @Test
    void aSilenceThatGoesOnAfterAnAnsweredProbeIsReportedAgainAtDoublingIntervals() {
        SilenceWatch w = new SilenceWatch(FLOOR, 10, CEILING);
        w.written(true, now);
        long start = now;
        assertTrue(w.silentFor(now += 101 * MS) > 0);
        w.probeAnswered(now += 10 * MS);
        assertEquals(0, w.silentFor(now += 200 * MS), "twice the threshold since the answer: not yet");
        assertEquals(now + MS - start, w.silentFor(now += MS), "then again, with the whole wait");
        w.probeAnswered(now);
        assertEquals(0, w.silentFor(now += 400 * MS));
        assertTrue(w.silentFor(now += MS) > 0, "four times the threshold after the second answer");
    }

    @Test
    void bytesReadStartAFreshWaitWithTheFloorAgain() {
        SilenceWatch w = new SilenceWatch(FLOOR, 10, CEILING);
        w.written(true, now);
        assertTrue(w.silentFor(now += 150 * MS) > 0);
        w.probeAnswered(now);
        w.read(true, now += MS);
        assertEquals(0, w.silentFor(now += 100 * MS));
        assertTrue(w.silentFor(now += MS) > 0, "a new wait is judged by the threshold alone");
    }

    @Test
    void anAnsweredProbeWithoutAReportedSilenceChangesNothing() {
        SilenceWatch w = new SilenceWatch(FLOOR, 10, CEILING);
        w.written(true, now);
        w.probeAnswered(now += 50 * MS);
        assertTrue(w.silentFor(now += 51 * MS) > 0, "the threshold counts from the start of the wait");
    }

    @Test
    void timeTheEventLoopDidNotRunIsNotSilence() {
        SilenceWatch w = new SilenceWatch(FLOOR, 10, CEILING);
        w.written(true, now);
        now += 500 * MS;
        w.stalled(450 * MS);
        assertEquals(0, w.silentFor(now));
        assertTrue(w.silentFor(now += 51 * MS) > 0);
    }
}
