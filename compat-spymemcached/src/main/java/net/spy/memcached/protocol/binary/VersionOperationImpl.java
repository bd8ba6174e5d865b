package net.spy.memcached.protocol.binary;

import java.nio.charset.StandardCharsets;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.ops.VersionOperation;

/** {@code version}: the status message is the version. */
class VersionOperationImpl extends OperationImpl implements VersionOperation {

    private static final byte CMD = 0x0b;

    public VersionOperationImpl(OperationCallback cb) {
        super(CMD, generateOpaque(), cb);
    }

    @Override
    public void initialize() {
        prepareBuffer("", 0, EMPTY_BYTES);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        getCallback().receivedStatus(new OperationStatus(true, new String(pl, StandardCharsets.UTF_8), StatusCode.SUCCESS));
    }
}
