package dev.ketch.client.node;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts: a bound doubling from {@code initial} up to {@code max}, with jitter so
 * that many clients do not retry in lockstep. Not thread-safe: its owner serializes the calls.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final boolean atLeastBound;
    private int attempts;

    /** Each delay is drawn from between half and all of the current bound. */
    public Backoff(long initialNanos, long maxNanos) {
        this(initialNanos, maxNanos, false);
    }

    private Backoff(long initialNanos, long maxNanos, boolean atLeastBound) {
        if (initialNanos <= 0 || maxNanos < initialNanos) {
            throw new IllegalArgumentException("bad backoff " + initialNanos + ".." + maxNanos + " ns");
        }
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.atLeastBound = atLeastBound;
    }

    /**
     * Each delay is drawn from between the current bound and a quarter more, so that no attempt
     * comes before the bound (a retry timeout is a promise not to try sooner).
     */
    public static Backoff atLeast(long initialNanos, long maxNanos) {
        return new Backoff(initialNanos, maxNanos, true);
    }

    /** The delay before the next attempt. */
    public long nextDelayNanos() {
        long bound = initialNanos << Math.min(attempts, 30);
        if (bound <= 0 || bound > maxNanos) {
            bound = maxNanos;
        }
        attempts++;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return atLeastBound ? bound + random.nextLong(bound / 4 + 1) : bound / 2 + random.nextLong(bound / 2 + 1);
    }

    /** After a success: start again from the initial delay. */
    public void reset() {
        attempts = 0;
    }

    /** Delays handed out since the last reset. */
    public int attempts() {
        return attempts;
    }
}
