package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.GetlOperation;

/** Couchbase's get and lock. */
public class GetlOperationImpl extends SingleKeyOperationImpl implements GetlOperation {

    static final byte GETL_CMD = (byte) 0x94;

    private final int exp;

    /** Get and lock {@code k} for {@code e} seconds. */
    public GetlOperationImpl(String k, int e, GetlOperation.Callback cb) {
        super(GETL_CMD, generateOpaque(), k, cb);
        exp = e;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, 0, EMPTY_BYTES, exp);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        ((GetlOperation.Callback) getCallback()).gotData(key, decodeInt(pl, 0), responseCas,
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
