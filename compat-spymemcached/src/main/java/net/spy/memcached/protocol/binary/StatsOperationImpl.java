package net.spy.memcached.protocol.binary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.StatsOperation;

/** {@code stat [group]}: one response per statistic, then an empty one. */
public class StatsOperationImpl extends OperationImpl implements StatsOperation {

    private static final byte CMD = 0x10;

    private final String key;

    /** The statistics of group {@code arg} (null: general). */
    public StatsOperationImpl(String arg, StatsOperation.Callback c) {
        super(CMD, generateOpaque(), c);
        key = arg == null ? "" : arg;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, 0, EMPTY_BYTES);
    }

    @Override
    protected void finishedPayload(byte[] pl) throws IOException {
        if (keyLen > 0) {
            ((StatsOperation.Callback) getCallback()).gotStat(new String(pl, 0, keyLen, StandardCharsets.UTF_8),
                    new String(pl, keyLen, pl.length - keyLen, StandardCharsets.UTF_8));
        } else {
            getCallback().receivedStatus(getStatusForErrorCode(errorCode, pl));
            transitionState(OperationState.COMPLETE);
        }
        resetInput();
    }
}
