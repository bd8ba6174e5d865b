package net.spy.memcached.ops;

/** Gets a value with its CAS unique from a replica (Couchbase). */
public interface ReplicaGetsOperation extends KeyedOperation {

    /** The replica asked. */
    int getReplicaIndex();

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** A value found. */
        void gotData(String key, int flags, long cas, byte[] data);
    }
}
