package dev.ketch.client.node;

/**
 * Counts one server's soft failures in a row: timeouts and connect timeouts, until a reply resets
 * the count. A timeout counts only if its operation started after the last counted failure, so
 * operations that were outstanding together and time out together count once; a failed connection
 * attempt always counts. Thread-safe; the time is passed in.
 */
final class NodeHealth {

    private final int failureLimit;
    /** Written under the lock; read without it on the hot path. */
    private volatile int softFailures;
    private long lastCountedNanos;

    NodeHealth(int failureLimit) {
        if (failureLimit < 1) {
            throw new IllegalArgumentException("failure limit must be at least 1: " + failureLimit);
        }
        this.failureLimit = failureLimit;
    }

    /** The server answered. */
    void replied() {
        if (softFailures != 0) {
            reset();
        }
    }

    /** An operation started at {@code startNanos} timed out; true when the limit is reached. */
    synchronized boolean timedOut(long startNanos, long nowNanos) {
        if (softFailures > 0 && startNanos - lastCountedNanos <= 0) {
            return false; // sent before the last counted failure: the same outage, already counted
        }
        return count(nowNanos);
    }

    /** A connection attempt timed out; true when the limit is reached. */
    synchronized boolean attemptTimedOut(long nowNanos) {
        return count(nowNanos);
    }

    private boolean count(long nowNanos) {
        softFailures++;
        lastCountedNanos = nowNanos;
        return softFailures >= failureLimit;
    }

    synchronized void reset() {
        softFailures = 0;
    }

    int softFailures() {
        return softFailures;
    }
}
