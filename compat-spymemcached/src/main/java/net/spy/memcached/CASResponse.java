package net.spy.memcached;

/** The outcome of a compare-and-swap. */
public enum CASResponse {
    /** The CAS unique matched: stored. */
    OK,
    /** The key is absent. */
    NOT_FOUND,
    /** The item changed since its CAS unique was read: not stored. */
    EXISTS,
    /** Couchbase only; never returned by this client. */
    OBSERVE_ERROR_IN_ARGS,
    /** Couchbase only; never returned by this client. */
    OBSERVE_MODIFIED,
    /** Couchbase only; never returned by this client. */
    OBSERVE_TIMEOUT
}
