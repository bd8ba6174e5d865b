package net.spy.memcached.ops;

/** Increments or decrements a counter. */
public interface MutatorOperation extends KeyedOperation {

    /** Increment or decrement. */
    Mutator getType();

    /** By how much. */
    long getBy();

    /** The value to create an absent counter with (binary protocol). */
    long getDefault();

    /** The expiry of a created counter; -1 not to create it. */
    int getExpiration();
}
