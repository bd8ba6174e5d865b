package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.NoopOperation;
import net.spy.memcached.ops.OperationCallback;

/** {@code noop}: a round trip. */
class NoopOperationImpl extends OperationImpl implements NoopOperation {

    static final byte CMD = 0x0a;

    public NoopOperationImpl(OperationCallback cb) {
        super(CMD, generateOpaque(), cb);
    }

    @Override
    public void initialize() {
        prepareBuffer("", 0, EMPTY_BYTES);
    }
}
