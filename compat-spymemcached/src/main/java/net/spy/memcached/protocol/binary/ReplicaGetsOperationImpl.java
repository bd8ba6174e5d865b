package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.ReplicaGetsOperation;

/** Couchbase's read from a replica, with the CAS unique. */
public class ReplicaGetsOperationImpl extends SingleKeyOperationImpl implements ReplicaGetsOperation {

    private final int replicaIndex;

    /** Gets {@code k} from replica {@code index}. */
    public ReplicaGetsOperationImpl(String k, int index, ReplicaGetsOperation.Callback cb) {
        super(ReplicaGetOperationImpl.REPLICA_GET_CMD, generateOpaque(), k, cb);
        replicaIndex = index;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, 0, EMPTY_BYTES);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        ((ReplicaGetsOperation.Callback) getCallback()).gotData(key, decodeInt(pl, 0), responseCas,
                GetOperationImpl.value(pl, GetOperationImpl.EXTRA_HDR_LEN + keyLen));
        getCallback().receivedStatus(STATUS_OK);
    }

    @Override
    public int getReplicaIndex() {
        return replicaIndex;
    }
}
