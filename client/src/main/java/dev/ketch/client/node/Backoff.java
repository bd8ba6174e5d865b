package dev.ketch.client.node;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: exponential from {@code initial}, capped at {@code max}, with jitter (a random
 * delay between half and all of the current bound) so many clients do not reconnect in lockstep.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private int attempts;

    public Backoff(long initialNanos, long maxNanos) {
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
    }

    /** The delay before the next attempt. */
    public long nextDelayNanos() {
        long bound = initialNanos << Math.min(attempts, 30);
        if (bound <= 0 || bound > maxNanos) {
            bound = maxNanos;
        }
        attempts++;
        return bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1);
    }

    /** After a success: start again from the initial delay. */
    public void reset() {
        attempts = 0;
    }

    public int attempts() {
        return attempts;
    }
}
