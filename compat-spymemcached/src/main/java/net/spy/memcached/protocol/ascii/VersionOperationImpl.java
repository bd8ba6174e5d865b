package net.spy.memcached.protocol.ascii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.spy.memcached.ops.NoopOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.ops.VersionOperation;

/** {@code version}, also the text protocol's round trip: the status message is the version. */
final class VersionOperationImpl extends OperationImpl implements VersionOperation, NoopOperation {

    private static final byte[] REQUEST = "version\r\n".getBytes(StandardCharsets.US_ASCII);

    public VersionOperationImpl(OperationCallback c) {
        super(c);
    }

    @Override
    public void handleLine(String line) {
        String version = line.startsWith("VERSION ") ? line.substring("VERSION ".length()) : line;
        getCallback().receivedStatus(new OperationStatus(true, version, StatusCode.SUCCESS));
        transitionState(OperationState.COMPLETE);
    }

    @Override
    public void initialize() {
        setBuffer(ByteBuffer.wrap(REQUEST));
    }

    @Override
    public String toString() {
        return "Cmd: version";
    }
}
