package net.spy.memcached.ops;

/** Observes the persistence of a key (Couchbase). */
public interface ObserveOperation extends KeyedOperation {

    /** The CAS unique to observe. */
    long getCasValue();

    /** The vbucket index. */
    int getIndex();

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** The state of the key on a server. */
        void gotData(String key, long cas, net.spy.memcached.MemcachedNode node, net.spy.memcached.ObserveResponse response);
    }
}
