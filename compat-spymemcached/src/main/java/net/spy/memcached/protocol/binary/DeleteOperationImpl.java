package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.DeleteOperation;

/** {@code delete}, with a CAS unique to compare (0 for none). */
class DeleteOperationImpl extends SingleKeyOperationImpl implements DeleteOperation {

    private static final byte CMD = 0x04;

    private final long cas;

    public DeleteOperationImpl(String k, DeleteOperation.Callback cb) {
        this(k, 0, cb);
    }

    public DeleteOperationImpl(String k, long c, DeleteOperation.Callback cb) {
        super(CMD, generateOpaque(), k, cb);
        cas = c;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, cas, EMPTY_BYTES);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        super.decodePayload(pl);
        ((DeleteOperation.Callback) getCallback()).gotData(responseCas);
    }

    @Override
    public String toString() {
        return super.toString() + " Cas: " + cas;
    }
}
