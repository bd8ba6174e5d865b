package net.spy.memcached.protocol.ascii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatsOperation;
import net.spy.memcached.ops.StatusCode;

/** {@code stats [group]}: each {@code STAT name value} line to the callback, until {@code END}. */
final class StatsOperationImpl extends OperationImpl implements StatsOperation {

    private static final OperationStatus END = new OperationStatus(true, "END", StatusCode.SUCCESS);

    private final byte[] msg;
    private final StatsOperation.Callback cb;

    public StatsOperationImpl(String arg, StatsOperation.Callback c) {
        super(c);
        cb = c;
        msg = (arg == null ? "stats\r\n" : "stats " + arg + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handleLine(String line) {
        if (line.equals("END")) {
            cb.receivedStatus(END);
            transitionState(OperationState.COMPLETE);
        } else {
            String[] parts = line.split(" ", 3);
            cb.gotStat(parts[1], parts.length > 2 ? parts[2] : "");
        }
    }

    @Override
    public void initialize() {
        setBuffer(ByteBuffer.wrap(msg));
    }

    @Override
    protected void wasCancelled() {
        cb.receivedStatus(CANCELLED);
    }

    @Override
    public String toString() {
        return "Cmd: " + Arrays.toString(msg);
    }
}
