package net.spy.memcached.protocol.ascii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.ops.TouchOperation;

/** {@code touch}. */
final class TouchOperationImpl extends OperationImpl implements TouchOperation {

    private static final OperationStatus OK = new OperationStatus(true, "TOUCHED", StatusCode.SUCCESS);

    private final String key;
    private final int exp;

    public TouchOperationImpl(String k, int t, OperationCallback cb) {
        super(cb);
        key = k;
        exp = t;
    }

    @Override
    public Collection<String> getKeys() {
        return Collections.singleton(key);
    }

    @Override
    public void handleLine(String line) {
        getCallback().receivedStatus(matchStatus(line, OK));
        transitionState(OperationState.COMPLETE);
    }

    @Override
    public void initialize() {
        setBuffer(ByteBuffer.wrap(("touch " + key + " " + exp + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int getExpiration() {
        return exp;
    }

    @Override
    public String toString() {
        return "Cmd: touch key: " + key + " exp: " + exp;
    }
}
