package net.spy.memcached.ops;

/** Stores a value if its CAS unique is unchanged. */
public interface CASOperation extends KeyedOperation {

    /** The storage command. */
    StoreType getStoreType();

    /** The CAS unique to compare. */
    long getCasValue();

    /** The flags of the value. */
    int getFlags();

    /** The expiry. */
    int getExpiration();

    /** The bytes of the value. */
    byte[] getData();
}
