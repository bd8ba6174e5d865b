package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.GetAndTouchOperation;

/** {@code gat}: get, setting a new expiry. */
public class GetAndTouchOperationImpl extends SingleKeyOperationImpl implements GetAndTouchOperation {

    static final byte GAT_CMD = 0x1d;

    private final int exp;

    /** Get and touch {@code k} with expiry {@code e}. */
    public GetAndTouchOperationImpl(String k, int e, GetAndTouchOperation.Callback cb) {
        super(GAT_CMD, generateOpaque(), k, cb);
        exp = e;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, 0, EMPTY_BYTES, exp);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        ((GetAndTouchOperation.Callback) getCallback()).gotData(key, decodeInt(pl, 0), responseCas,
                GetOperationImpl.value(pl, GetOperationImpl.EXTRA_HDR_LEN));
        getCallback().receivedStatus(STATUS_OK);
    }

    @Override
    public String toString() {
        return super.toString() + " Exp: " + exp;
    }

    @Override
    public int getExpiration() {
        return exp;
    }
}
