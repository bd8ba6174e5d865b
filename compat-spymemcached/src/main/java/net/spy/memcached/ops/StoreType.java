package net.spy.memcached.ops;

/** The storage commands. */
public enum StoreType {
    /** Store unconditionally. */
    set,
    /** Store if absent. */
    add,
    /** Store if present. */
    replace
}
