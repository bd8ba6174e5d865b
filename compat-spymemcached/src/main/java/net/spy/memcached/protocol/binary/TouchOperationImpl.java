package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.TouchOperation;

/** {@code touch}. */
public class TouchOperationImpl extends SingleKeyOperationImpl implements TouchOperation {

    static final byte CMD = 0x1c;

    private final int exp;

    /** Sets {@code k}'s expiry to {@code e}. */
    protected TouchOperationImpl(String k, int e, OperationCallback cb) {
        super(CMD, generateOpaque(), k, cb);
        exp = e;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, 0, EMPTY_BYTES, exp);
    }

    @Override
    public int getExpiration() {
        return exp;
    }

    @Override
    public String toString() {
        return super.toString() + " Exp: " + exp;
    }
}
