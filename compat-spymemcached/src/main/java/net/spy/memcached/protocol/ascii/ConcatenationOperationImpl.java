package net.spy.memcached.protocol.ascii;

import net.spy.memcached.ops.ConcatenationOperation;
import net.spy.memcached.ops.ConcatenationType;
import net.spy.memcached.ops.OperationCallback;

/** {@code append}, {@code prepend} (flags and expiry 0, ignored by the server). */
public class ConcatenationOperationImpl extends BaseStoreOperationImpl implements ConcatenationOperation {

    private final ConcatenationType concatType;

    /** {@code t} of {@code d} to {@code k}'s value. */
    public ConcatenationOperationImpl(ConcatenationType t, String k, byte[] d, OperationCallback cb) {
        super(t.name(), k, 0, 0, d, cb);
        concatType = t;
    }

    /** 0: the text protocol compares no CAS unique for these. */
    @Override
    public long getCasValue() {
        return 0;
    }

    @Override
    public ConcatenationType getStoreType() {
        return concatType;
    }
}
