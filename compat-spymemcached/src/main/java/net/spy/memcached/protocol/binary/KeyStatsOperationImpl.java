package net.spy.memcached.protocol.binary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.StatsOperation;

/** Couchbase's statistics of one key ({@code stat key <key> <vbucket>}). */
public class KeyStatsOperationImpl extends SingleKeyOperationImpl implements StatsOperation {

    private static final byte CMD = 0x10;

    /** The statistics of {@code key}. */
    public KeyStatsOperationImpl(String key, StatsOperation.Callback c) {
        super(CMD, generateOpaque(), key, c);
    }

    @Override
    public void initialize() {
        prepareBuffer("key " + key + " " + getVBucket(key), 0, EMPTY_BYTES);
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
