package net.spy.memcached.protocol.ascii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.spy.memcached.ops.FlushOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;

/** {@code flush_all}, with a delay unless it is -1. */
final class FlushOperationImpl extends OperationImpl implements FlushOperation {

    private static final OperationStatus OK = new OperationStatus(true, "OK", StatusCode.SUCCESS);

    private final int delay;

    public FlushOperationImpl(int d, OperationCallback cb) {
        super(cb);
        delay = d;
    }

    @Override
    public void handleLine(String line) {
        getCallback().receivedStatus(matchStatus(line, OK));
        transitionState(OperationState.COMPLETE);
    }

    @Override
    public void initialize() {
        String command = delay == -1 ? "flush_all\r\n" : "flush_all " + delay + "\r\n";
        setBuffer(ByteBuffer.wrap(command.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "Cmd: flush_all Delay: " + delay;
    }
}
