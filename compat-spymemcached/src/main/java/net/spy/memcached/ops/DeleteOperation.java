package net.spy.memcached.ops;

/** Deletes a key. */
public interface DeleteOperation extends KeyedOperation {

    /** Receives the reply's data. */
    interface Callback extends OperationCallback {

        /** The CAS unique of the deleted item (binary protocol). */
        void gotData(long cas);
    }
}
