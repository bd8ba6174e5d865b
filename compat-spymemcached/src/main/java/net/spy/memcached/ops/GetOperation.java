package net.spy.memcached.ops;

/** Gets values. */
public interface GetOperation extends KeyedOperation {

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** A value found. */
        void gotData(String key, int flags, byte[] data);
    }
}
