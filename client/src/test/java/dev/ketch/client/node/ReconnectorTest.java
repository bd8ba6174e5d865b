package dev.ketch.client.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One attempt at a time per node, and the delays between them. */
class ReconnectorTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final DefaultEventLoop timer = new DefaultEventLoop();
    /** Attempts started, in order, with when. */
    private final BlockingQueue<Opened> opened = new LinkedBlockingQueue<>();

    private record Opened(Fake connection, long nanos) {
    }

    private final class Fake implements Reconnector.Connectable {
        private final String name;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public void open() {
            opened.add(new Opened(this, System.nanoTime()));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @AfterEach
    void stop() {
        timer.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    /** Reconnects 20..200 ms, probes 100..400 ms. */
    private Reconnector reconnector() {
        return new Reconnector(timer, 20 * MS, 200 * MS, new HealthSettings(3, 100 * MS, 400 * MS));
    }

    private Opened next() throws InterruptedException {
        Opened o = opened.poll(5, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("no attempt within 5 s");
        }
        return o;
    }

    private void assertNothingFor(long millis) throws InterruptedException {
        Opened o = opened.poll(millis, TimeUnit.MILLISECONDS);
        assertEquals(null, o, "no attempt while one is under way or not due");
    }

    @Test
    void connectionsAreOpenedOneAfterAnotherNeverTwoAtOnce() throws Exception {
        Reconnector r = reconnector();
        Fake a = new Fake("a");
        Fake b = new Fake("b");
        Fake c = new Fake("c");
        r.start(new Fake[] {a, b, c});
        assertEquals(a, next().connection());
        assertNothingFor(100);
        r.attemptEnded(a, true);
        assertEquals(b, next().connection());
        assertNothingFor(100);
        r.attemptEnded(b, true);
        assertEquals(c, next().connection());
        r.attemptEnded(c, true);
        assertNothingFor(100);
    }

    @Test
    void aFailedAttemptIsRepeatedAfterADoublingDelayBeforeAnyOther() throws Exception {
        Reconnector r = reconnector();
        Fake a = new Fake("a");
        Fake b = new Fake("b");
        r.start(new Fake[] {a, b});
        long last = next().nanos();
        long[] least = {10, 20, 40, 80, 100, 100}; // half of 20, 40, 80, 160, 200, 200 ms
        for (long bound : least) {
            r.attemptEnded(a, false);
            Opened o = next();
            assertEquals(a, o.connection(), "the same connection again, b waits");
            long gap = (o.nanos() - last) / MS;
            assertTrue(gap >= bound - 1, gap + " ms, at least " + bound + " expected");
            last = o.nanos();
        }
        r.attemptEnded(a, true);
        assertEquals(b, next().connection(), "then the next one at once");
    }

    @Test
    void aDeadNodeIsProbedAfterTheRetryTimeoutNeverSooner() throws Exception {
        Reconnector r = reconnector();
        Fake a = new Fake("a");
        r.start(new Fake[] {a});
        next();
        r.attemptEnded(a, true);
        long down = System.nanoTime();
        r.nodeDown(new Fake[] {a});
        long gap = (next().nanos() - down) / MS;
        assertTrue(gap >= 99 && gap < 2000, "first probe after " + gap + " ms");
        long last = System.nanoTime();
        r.attemptEnded(a, false);
        gap = (next().nanos() - last) / MS;
        assertTrue(gap >= 199, "second probe after " + gap + " ms");
        r.nodeUp();
        r.attemptEnded(a, true);
        assertNothingFor(100);
    }

    @Test
    void aConnectionLostAfterAStablePeriodIsReopenedAtOnceAndQuickLossesWait() throws Exception {
        Reconnector r = reconnector();
        Fake a = new Fake("a");
        r.start(new Fake[] {a});
        next();
        r.attemptEnded(a, true);
        assertTrue(r.lost(a, 300 * MS), "up longer than the longest reconnect delay: at once");
        next();
        r.attemptEnded(a, true);
        long lost = System.nanoTime();
        assertFalse(r.lost(a, 5 * MS), "lost again at once: wait");
        long gap = (next().nanos() - lost) / MS;
        assertTrue(gap >= 19, "after " + gap + " ms");
    }

    @Test
    void nothingRunsAfterClose() throws Exception {
        Reconnector r = reconnector();
        Fake a = new Fake("a");
        r.start(new Fake[] {a});
        next();
        r.attemptEnded(a, false);
        r.close();
        assertNothingFor(150);
    }
}
