package net.spy.memcached.ops;

/** Gets values with their CAS uniques. */
public interface GetsOperation extends KeyedOperation {

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** A value found. */
        void gotData(String key, int flags, long cas, byte[] data);
    }
}
