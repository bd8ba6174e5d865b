package dev.ketch.it.clients;

/** Expiration times with a meaning that does not depend on waiting. */
public final class Expiry {

    /** No expiry. */
    public static final int NEVER = 0;
    /** Ten minutes from now (relative: at most 30 days). */
    public static final int TEN_MINUTES = 600;
    /**
     * 30 days and one second: memcached reads it as an absolute unix time, which lies in January 1970,
     * so an item given this expiry is expired at once. Works in text and binary, unlike negative times.
     */
    public static final int PAST_ABSOLUTE_TIME = 60 * 60 * 24 * 30 + 1;

    private Expiry() {
    }
}
