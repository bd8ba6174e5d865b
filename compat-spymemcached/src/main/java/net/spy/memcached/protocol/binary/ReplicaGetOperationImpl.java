package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.ReplicaGetOperation;

/** Couchbase's read from a replica. */
public class ReplicaGetOperationImpl extends SingleKeyOperationImpl implements ReplicaGetOperation {

    static final byte REPLICA_GET_CMD = (byte) 0x83;

    private final int replicaIndex;

    /** Get {@code k} from replica {@code index}. */
    public ReplicaGetOperationImpl(String k, int index, ReplicaGetOperation.Callback cb) {
        super(REPLICA_GET_CMD, generateOpaque(), k, cb);
        replicaIndex = index;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, 0, EMPTY_BYTES);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        ((ReplicaGetOperation.Callback) getCallback()).gotData(key, decodeInt(pl, 0),
                GetOperationImpl.value(pl, GetOperationImpl.EXTRA_HDR_LEN + keyLen));
        getCallback().receivedStatus(STATUS_OK);
    }

    @Override
    public int getReplicaIndex() {
        return replicaIndex;
    }
}
