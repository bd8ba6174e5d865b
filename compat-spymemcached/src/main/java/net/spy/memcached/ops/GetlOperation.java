package net.spy.memcached.ops;

/** Gets a value and locks it (Couchbase). */
public interface GetlOperation extends KeyedOperation {

    /** The expiry. */
    int getExpiration();

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** A value found. */
        void gotData(String key, int flags, long cas, byte[] data);
    }
}
