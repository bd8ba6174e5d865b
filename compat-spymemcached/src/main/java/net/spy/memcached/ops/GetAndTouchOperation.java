package net.spy.memcached.ops;

/** Gets a value and sets its expiry. */
public interface GetAndTouchOperation extends KeyedOperation {

    /** The expiry. */
    int getExpiration();

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** A value found. */
        void gotData(String key, int flags, long cas, byte[] data);
    }
}
