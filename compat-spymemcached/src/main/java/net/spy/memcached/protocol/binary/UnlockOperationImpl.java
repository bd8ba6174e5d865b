package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.UnlockOperation;

/** Couchbase's unlock of a key locked by getl. */
class UnlockOperationImpl extends SingleKeyOperationImpl implements UnlockOperation {

    private static final byte CMD = (byte) 0x95;

    private final long cas;

    public UnlockOperationImpl(String k, long c, OperationCallback cb) {
        super(CMD, generateOpaque(), k, cb);
        cas = c;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, cas, EMPTY_BYTES);
    }

    @Override
    public String toString() {
        return super.toString() + " Cas: " + cas;
    }
}
