package net.spy.memcached.ops;

/** Gets a value from a replica (Couchbase). */
public interface ReplicaGetOperation extends KeyedOperation {

    /** The replica asked. */
    int getReplicaIndex();

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** A value found. */
        void gotData(String key, int flags, byte[] data);
    }
}
