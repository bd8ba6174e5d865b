package dev.ketch.server.engine;

/** The outcome of a store, named after memcached's text replies. */
public enum StoreResult {
    STORED,
    /** ADD of a present key, REPLACE/APPEND/PREPEND of an absent one, or out of memory while combining. */
    NOT_STORED,
    /** The CAS unique did not match. */
    EXISTS,
    /** CAS (or a CAS-checked store) of an absent key. */
    NOT_FOUND
}
