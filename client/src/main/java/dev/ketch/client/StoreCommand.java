package dev.ketch.client;

/** memcached's storage commands, for {@link MemcacheClient#store}. */
public enum StoreCommand {
    /** Store unconditionally (with a CAS unique: only if it matches, memcached's {@code cas}). */
    SET,
    /** Store only if the key is absent. */
    ADD,
    /** Store only if the key is present. */
    REPLACE,
    /** Append to the stored value's bytes. */
    APPEND,
    /** Prepend to the stored value's bytes. */
    PREPEND
}
