package net.spy.memcached.ops;

/** Stores a value. */
public interface StoreOperation extends KeyedOperation {

    /** The storage command. */
    StoreType getStoreType();

    /** The flags of the value. */
    int getFlags();

    /** The expiry. */
    int getExpiration();

    /** The bytes of the value. */
    byte[] getData();

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** The CAS unique of the stored item (binary protocol). */
        void gotData(String key, long cas);
    }
}
