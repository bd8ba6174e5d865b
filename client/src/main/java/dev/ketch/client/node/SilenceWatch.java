package dev.ketch.client.node;

import java.util.Arrays;

/**
 * Times one connection's waits: how long it has had requests outstanding with nothing read, now
 * and normally. A wait starts when a request is written while none is outstanding, and ends (a
 * sample) whenever bytes arrive; if requests are still outstanding then, the next wait starts at
 * once. The connection is silent when its current wait exceeds {@code max(floor, multiple × p99)}
 * of its recent waits (the server is much slower to answer than it usually is), or the ceiling,
 * whichever is less: a connection whose waits are long (large values, a slow link) must not push
 * the threshold past the point where its operations have timed out anyway. A silence is
 * reported once; if the server then answers a probe and the same wait goes on, it is reported
 * again after twice the threshold since that answer, then four times, and so on: a server that
 * was only slow when first suspected and froze afterwards is still caught by its silence, while a
 * long transfer on a slow link costs a few probes, not one per threshold. Event loop only.
 */
final class SilenceWatch {

    /** Waits remembered: the p99 of the last 256 is the 3rd longest. */
    private static final int SAMPLES = 256;
    /** The p99 is recomputed every this many samples, and used once there are that many. */
    private static final int RECOMPUTE_EVERY = 32;
    /** Re-reports of one wait stop doubling their spacing here (2^16 thresholds: never in practice). */
    private static final int MAX_DOUBLINGS = 16;

    private final long floorNanos;
    private final int multiple;
    private final long ceilingNanos;
    private final long[] samples = new long[SAMPLES];
    private final long[] sorted = new long[SAMPLES];
    private int count;
    private long p99Nanos;
    /** When the current wait started; 0 when there is none. */
    private long waitStartNanos;
    /** The current wait was already reported as silent. */
    private boolean reported;
    /** When a probe last answered during the current wait; 0 if none did. */
    private long answeredAtNanos;
    /** Probes answered during the current wait: the next report needs 2^this thresholds since. */
    private int answeredProbes;

    /** @param ceilingNanos the longest threshold, however long the usual waits; at least {@code floorNanos} */
    SilenceWatch(long floorNanos, int multiple, long ceilingNanos) {
        this.floorNanos = floorNanos;
        this.multiple = multiple;
        this.ceilingNanos = Math.max(floorNanos, ceilingNanos);
    }

    /** A request expecting a reply was written; {@code wasIdle} if none was outstanding before. */
    void written(boolean wasIdle, long nowNanos) {
        if (wasIdle || waitStartNanos == 0) {
            startWait(nowNanos);
        }
    }

    /** Bytes were read; {@code stillWaiting} if requests are still outstanding after them. */
    void read(boolean stillWaiting, long nowNanos) {
        if (waitStartNanos != 0) {
            record(nowNanos - waitStartNanos);
        }
        if (stillWaiting) {
            startWait(nowNanos);
        } else {
            waitStartNanos = 0;
        }
    }

    /**
     * The connection's own event loop did not run for {@code stalledNanos} (a GC pause of the
     * client, a busy thread): whatever the server sent meanwhile is still unread, so that time
     * says nothing about the server. The current wait is moved forward by it.
     */
    void stalled(long stalledNanos) {
        if (waitStartNanos != 0) {
            waitStartNanos += stalledNanos;
            if (answeredAtNanos != 0) {
                answeredAtNanos += stalledNanos;
            }
        }
    }

    /**
     * The server answered a probe at {@code nowNanos}, after this connection's silence was
     * reported: if the wait goes on, it is reported again, after twice as long as the last time.
     */
    void probeAnswered(long nowNanos) {
        if (waitStartNanos != 0 && reported) {
            reported = false;
            answeredAtNanos = nowNanos;
            answeredProbes = Math.min(answeredProbes + 1, MAX_DOUBLINGS);
        }
    }

    /** Nothing is outstanding any more (the connection was lost, or its requests were failed). */
    void idle() {
        waitStartNanos = 0;
    }

    /**
     * How long the current wait has lasted if it is past the threshold and not yet reported (it is
     * then reported: once per wait); otherwise 0.
     */
    long silentFor(long nowNanos) {
        if (waitStartNanos == 0 || reported) {
            return 0;
        }
        long waited = nowNanos - waitStartNanos;
        long since = answeredAtNanos == 0 ? waited : nowNanos - answeredAtNanos;
        long threshold = thresholdNanos();
        long needed = threshold > Long.MAX_VALUE >> answeredProbes ? Long.MAX_VALUE : threshold << answeredProbes;
        if (since <= needed) {
            return 0;
        }
        reported = true;
        return waited;
    }

    /** {@code max(floor, multiple × p99)} of the recent waits (the floor until there are enough), at most the ceiling. */
    long thresholdNanos() {
        long usual = p99Nanos > Long.MAX_VALUE / multiple ? Long.MAX_VALUE : multiple * p99Nanos;
        return Math.min(ceilingNanos, Math.max(floorNanos, usual));
    }

    /** The p99 of the recent waits, 0 until there are enough of them. */
    long p99Nanos() {
        return p99Nanos;
    }

    private void startWait(long nowNanos) {
        waitStartNanos = nowNanos;
        reported = false;
        answeredAtNanos = 0;
        answeredProbes = 0;
    }

    private void record(long waitNanos) {
        samples[count % SAMPLES] = waitNanos;
        count++;
        if (count % RECOMPUTE_EVERY == 0) {
            int n = Math.min(count, SAMPLES);
            System.arraycopy(samples, 0, sorted, 0, n);
            Arrays.sort(sorted, 0, n);
            p99Nanos = sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)];
        }
        if (count == Integer.MAX_VALUE - SAMPLES) {
            count = SAMPLES; // keeps the ring's order without overflowing
        }
    }
}
