package net.spy.memcached.ops;

/** A {@link MultiOperationCallback} of replica gets (Couchbase). */
public class MultiReplicaGetOperationCallback extends MultiOperationCallback implements ReplicaGetOperation.Callback {

    /** A join of {@code todo} replica gets for {@code original}. */
    public MultiReplicaGetOperationCallback(OperationCallback original, int todo) {
        super(original, todo);
    }

    @Override
    public void gotData(String key, int flags, byte[] data) {
        ((ReplicaGetOperation.Callback) originalCallback).gotData(key, flags, data);
    }
}
