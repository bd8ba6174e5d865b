package net.spy.memcached.ops;

/** The counter commands. */
public enum Mutator {
    /** Increment. */
    incr,
    /** Decrement. */
    decr
}
