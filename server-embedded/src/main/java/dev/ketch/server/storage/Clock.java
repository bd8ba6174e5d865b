package dev.ketch.server.storage;

import java.util.concurrent.TimeUnit;

/**
 * memcached's coarse server clock: "relative time", whole seconds since the process started.
 *
 * <p>As in memcached the start is placed 62 seconds in the past, so a relative time of 0 never
 * occurs for a live item (0 means "never" for an expiry and "unset" for the flush mark). The clock
 * ticks once per second ({@link #tick()}, driven by the server) instead of reading the system
 * clock on every request, and can be shifted forward for tests ({@link #shift(long)}), which is
 * what memcached's debug-only {@code debugtime} command does.
 */
public final class Clock {

    /** Largest exptime that is read as relative seconds rather than a unix time: 30 days. */
    public static final int REALTIME_MAXDELTA = 60 * 60 * 24 * 30;
    private static final int ITEM_UPDATE_INTERVAL = 60;

    private volatile long processStarted;
    private final long monotonicStartSeconds;
    private volatile long shiftSeconds;
    private volatile boolean paused;
    private volatile int currentTime;

    public Clock() {
        this.processStarted = System.currentTimeMillis() / 1000 - ITEM_UPDATE_INTERVAL - 2;
        this.monotonicStartSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime()) - ITEM_UPDATE_INTERVAL - 2;
        tick();
    }

    /**
     * Continues the clock of a previous run ({@code -e}): the same process start, and the relative
     * time it had when it stopped plus the seconds it was stopped, so that items keep their times
     * and expiries count the time the server was down.
     */
    public void resume(long previousProcessStarted, int previousCurrentTime, long secondsStopped) {
        this.processStarted = previousProcessStarted;
        tick();
        shift(previousCurrentTime + secondsStopped - currentTime);
    }

    /** Re-reads the monotonic clock; called once per second and after a shift. */
    public void tick() {
        if (paused) {
            return;
        }
        long now = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime());
        currentTime = (int) (now - monotonicStartSeconds + shiftSeconds);
    }

    /** Seconds since the (back-dated) start: memcached's {@code current_time}. */
    public int now() {
        return currentTime;
    }

    /** The unix time the relative clock counts from. */
    public long processStarted() {
        return processStarted;
    }

    /** The current unix time as the server sees it (including any test shift). */
    public long unixNow() {
        return processStarted + currentTime;
    }

    /**
     * Converts a protocol exptime into relative time, exactly as memcached's {@code realtime()}
     * together with {@code EXPTIME_TO_POSITIVE_TIME}: 0 never expires; negative values are already
     * expired; up to 30 days is relative; anything larger is a unix time (one at or before the start
     * becomes relative time 1, that is: expired; one too far for a signed relative time, past 2094,
     * the furthest relative time).
     */
    public int realtime(long exptime) {
        if (exptime < 0) {
            exptime = REALTIME_MAXDELTA + 1;
        }
        if (exptime == 0) {
            return 0;
        }
        if (exptime > REALTIME_MAXDELTA) {
            if (exptime <= processStarted) {
                return 1;
            }
            // memcached's relative time is unsigned; a binary expiration past 2^31 s after the
            // start (2094 and later) would read as negative here, that is, expired: the furthest
            // relative time is taken instead, which keeps the item as memcached does.
            return (int) Math.min(exptime - processStarted, Integer.MAX_VALUE);
        }
        return (int) (exptime + currentTime);
    }

    /** Moves the clock by {@code seconds} (test support: memcached's {@code debugtime N}). */
    public void shift(long seconds) {
        shiftSeconds += seconds;
        if (paused) {
            currentTime = (int) (currentTime + seconds);
        } else {
            tick();
        }
    }

    /** Stops the clock ({@code debugtime p}) or lets it run again ({@code debugtime r}). */
    public void setPaused(boolean paused) {
        if (!paused && this.paused) {
            // Resume from where we stopped rather than jumping ahead by the paused interval.
            long now = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime());
            shiftSeconds = currentTime - (now - monotonicStartSeconds);
        }
        this.paused = paused;
    }
}
