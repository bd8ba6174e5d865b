package dev.ketch.server.engine;

/** How a store treats an existing item, as memcached's storage commands define it. */
public enum StoreMode {
    /** Store unconditionally. */
    SET,
    /** Store only if the key is absent (a present key is bumped in the LRU). */
    ADD,
    /** Store only if the key is present. */
    REPLACE,
    /** Add the value after the existing one; flags and expiry of the existing item are kept. */
    APPEND,
    /** Add the value before the existing one; flags and expiry of the existing item are kept. */
    PREPEND,
    /** Store only if the item's CAS unique still equals the one given. */
    CAS
}
