package net.spy.memcached.protocol.binary;

import net.spy.memcached.KeyUtil;
import net.spy.memcached.ObserveResponse;
import net.spy.memcached.ops.ObserveOperation;
import net.spy.memcached.ops.OperationCallback;

/** Couchbase's observe of a key's persistence. */
class ObserveOperationImpl extends SingleKeyOperationImpl implements ObserveOperation {

    private static final byte CMD = (byte) 0x92;

    private final long cas;
    private final int index;

    public ObserveOperationImpl(String k, long c, int i, OperationCallback cb) {
        super(CMD, generateOpaque(), k, cb);
        cas = c;
        index = i;
    }

    @Override
    public void initialize() {
        byte[] keyBytes = KeyUtil.getKeyBytes(key);
        prepareBuffer("", 0x0, EMPTY_BYTES, (short) index, (short) keyBytes.length, keyBytes);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        int keylen = decodeShort(pl, 2);
        ObserveResponse r = ObserveResponse.valueOf((byte) decodeByte(pl, keylen + 4));
        ((ObserveOperation.Callback) getCallback()).gotData(key, decodeLong(pl, keylen + 5), getHandlingNode(), r);
        getCallback().receivedStatus(STATUS_OK);
    }

    @Override
    public String toString() {
        return super.toString() + " Cas: " + cas;
    }

    @Override
    public long getCasValue() {
        return cas;
    }

    @Override
    public int getIndex() {
        return index;
    }
}
