package dev.ketch.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link MemcacheClient#getOrLoad} protects a key from a stampede. Immutable; each
 * {@code with} method returns a copy. memcached counts these in seconds: fractions are rounded up.
 *
 * <ul>
 *   <li>{@link #lockTime}: how long the caller that won the right to load may take before another
 *       caller may win it instead (memcached's {@code N} flag: the TTL of the placeholder item;
 *       with the text and binary protocols the TTL of the lock item). 30 s by default.
 *   <li>{@link #maxWait}: how long the other callers wait for the winner's value when there is no
 *       value to give them meanwhile; then their call fails with {@link MemcacheTimeoutException}.
 *       2 s by default.
 *   <li>{@link #earlyRecache}: with the meta protocol, when an item has less than this left to
 *       live, one caller reloads it while every caller, that one included, gets the current value
 *       at once (memcached's {@code R} flag). Zero (off) by default.
 *   <li>{@link #staleTime}: how long {@link MemcacheClient#invalidate} lets readers keep the
 *       stale value while it is recomputed. 30 s by default.
 * </ul>
 */
public final class LoadSettings {

    /** The defaults. */
    public static final LoadSettings DEFAULTS = new LoadSettings(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ZERO,
            Duration.ofSeconds(30));

    private final Duration lockTime;
    private final Duration maxWait;
    private final Duration earlyRecache;
    private final Duration staleTime;

    private LoadSettings(Duration lockTime, Duration maxWait, Duration earlyRecache, Duration staleTime) {
        this.lockTime = lockTime;
        this.maxWait = maxWait;
        this.earlyRecache = earlyRecache;
        this.staleTime = staleTime;
    }

    private static Duration checked(Duration d, String what, boolean zeroAllowed) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || !zeroAllowed && d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException(what + " must be " + (zeroAllowed ? "zero or more" : "positive")
                    + " and at most 30 days, not " + d);
        }
        return d;
    }

    /** Whole seconds, rounded up: memcached's tokens count seconds. */
    static int ceilSeconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return (int) s;
    }

    public LoadSettings withLockTime(Duration lockTime) {
        return new LoadSettings(checked(lockTime, "lockTime", false), maxWait, earlyRecache, staleTime);
    }

    public LoadSettings withMaxWait(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
        }
        return new LoadSettings(lockTime, maxWait, earlyRecache, staleTime);
    }

    public LoadSettings withEarlyRecache(Duration earlyRecache) {
        return new LoadSettings(lockTime, maxWait, checked(earlyRecache, "earlyRecache", true), staleTime);
    }

    public LoadSettings withStaleTime(Duration staleTime) {
        return new LoadSettings(lockTime, maxWait, earlyRecache, checked(staleTime, "staleTime", false));
    }

    public Duration lockTime() {
        return lockTime;
    }

    public Duration maxWait() {
        return maxWait;
    }

    public Duration earlyRecache() {
        return earlyRecache;
    }

    public Duration staleTime() {
        return staleTime;
    }

    @Override
    public String toString() {
        return "LoadSettings[lockTime " + lockTime + ", maxWait " + maxWait + ", earlyRecache " + earlyRecache
                + ", staleTime " + staleTime + "]";
    }
}
