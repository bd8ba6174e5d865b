package net.spy.memcached;

/**
 * What to do with operations for a server that is down. See the README's "Migrating from
 * spymemcached" for how each maps onto Ketch's failover.
 */
public enum FailureMode {
    /** Send the keys of a down server to other servers (spymemcached's default). */
    Redistribute,
    /** Keep the keys on their server and keep reconnecting to it. */
    Retry,
    /** Cancel every operation for a down server at once. */
    Cancel
}
