package net.spy.memcached.ops;

/** Appends or prepends to a value. */
public interface ConcatenationOperation extends KeyedOperation {

    /** Append or prepend. */
    ConcatenationType getStoreType();

    /** The CAS unique to compare, 0 for none. */
    long getCasValue();

    /** The bytes to add. */
    byte[] getData();
}
