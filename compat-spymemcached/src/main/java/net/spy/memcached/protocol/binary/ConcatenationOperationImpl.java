package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.ConcatenationOperation;
import net.spy.memcached.ops.ConcatenationType;
import net.spy.memcached.ops.OperationCallback;

/** {@code append}, {@code prepend}, with a CAS unique to compare (0 for none). */
class ConcatenationOperationImpl extends SingleKeyOperationImpl implements ConcatenationOperation {

    private static final byte APPEND = 0x0e;
    private static final byte PREPEND = 0x0f;

    private final long cas;
    private final ConcatenationType catType;
    private final byte[] data;

    public ConcatenationOperationImpl(ConcatenationType t, String k, byte[] d, long c, OperationCallback cb) {
        super(t == ConcatenationType.append ? APPEND : PREPEND, generateOpaque(), k, cb);
        data = d;
        cas = c;
        catType = t;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, cas, data);
    }

    @Override
    public long getCasValue() {
        return cas;
    }

    @Override
    public byte[] getData() {
        return data;
    }

    @Override
    public ConcatenationType getStoreType() {
        return catType;
    }

    @Override
    public String toString() {
        return super.toString() + " Cas: " + cas + " Data Length: " + data.length;
    }
}
