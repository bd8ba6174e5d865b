package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.GetsOperation;

/** A get whose callback also receives the CAS unique. */
public class GetsOperationImpl extends SingleKeyOperationImpl implements GetsOperation {

    /** A gets of {@code k}. */
    public GetsOperationImpl(String k, GetsOperation.Callback cb) {
        super(GetOperationImpl.GET_CMD, generateOpaque(), k, cb);
    }

    @Override
    public void initialize() {
        prepareBuffer(key, 0, EMPTY_BYTES);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        ((GetsOperation.Callback) getCallback()).gotData(key, decodeInt(pl, 0), responseCas,
                GetOperationImpl.value(pl, GetOperationImpl.EXTRA_HDR_LEN));
        getCallback().receivedStatus(STATUS_OK);
    }
}
