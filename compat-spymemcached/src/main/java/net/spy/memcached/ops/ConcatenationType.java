package net.spy.memcached.ops;

/** The concatenation commands. */
public enum ConcatenationType {
    /** Add after the value. */
    append,
    /** Add before the value. */
    prepend
}
