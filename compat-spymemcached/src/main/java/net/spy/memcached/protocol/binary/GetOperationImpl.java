package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.GetOperation;

/** {@code get}: the flags and value to the callback. */
class GetOperationImpl extends SingleKeyOperationImpl implements GetOperation {

    static final byte GET_CMD = 0x00;
    static final int EXTRA_HDR_LEN = 4;

    public GetOperationImpl(String k, GetOperation.Callback cb) {
        super(GET_CMD, generateOpaque(), k, cb);
    }

    @Override
    public void initialize() {
        prepareBuffer(key, 0, EMPTY_BYTES);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        ((GetOperation.Callback) getCallback()).gotData(key, decodeInt(pl, 0), value(pl, EXTRA_HDR_LEN));
        getCallback().receivedStatus(STATUS_OK);
    }

    /** The payload after {@code offset} bytes of extras (and key). */
    static byte[] value(byte[] pl, int offset) {
        byte[] data = new byte[pl.length - offset];
        System.arraycopy(pl, offset, data, 0, data.length);
        return data;
    }
}
