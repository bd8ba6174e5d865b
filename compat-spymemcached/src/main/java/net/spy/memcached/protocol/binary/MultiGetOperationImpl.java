package net.spy.memcached.protocol.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.spy.memcached.KeyUtil;
import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;

/**
 * A get of several keys: one quiet get ({@code getq}) per key, each with its own opaque, and a
 * {@code noop} whose reply ends the operation (misses send nothing).
 */
public class MultiGetOperationImpl extends MultiKeyOperationImpl implements GetOperation {

    private static final byte CMD_GETQ = 0x09;

    private final Map<Integer, String> keys = new HashMap<>();
    private final Map<Integer, byte[]> bkeys = new HashMap<>();
    private final Map<String, Integer> rkeys = new HashMap<>();
    private final int terminalOpaque = generateOpaque();
    private final List<String> retryKeys = new ArrayList<>();

    /** A get of the distinct keys of {@code k}. */
    public MultiGetOperationImpl(Collection<String> k, OperationCallback cb) {
        super(DUMMY_OPCODE, -1, cb);
        for (String s : new HashSet<>(k)) {
            addKey(s);
        }
    }

    /** Adds {@code k} (once); its opaque. */
    protected int addKey(String k) {
        Integer rv = rkeys.get(k);
        if (rv == null) {
            rv = generateOpaque();
            keys.put(rv, k);
            bkeys.put(rv, KeyUtil.getKeyBytes(k));
            rkeys.put(k, rv);
            vbmap.put(k, (short) 0);
        }
        return rv;
    }

    @Override
    public void initialize() {
        int size = (1 + keys.size()) * MIN_RECV_PACKET;
        for (byte[] b : bkeys.values()) {
            size += b.length;
        }
        ByteBuffer bb = ByteBuffer.allocate(size);
        for (Map.Entry<Integer, byte[]> e : bkeys.entrySet()) {
            byte[] keyBytes = e.getValue();
            bb.put(REQ_MAGIC);
            bb.put(CMD_GETQ);
            bb.putShort((short) keyBytes.length);
            bb.put((byte) 0);
            bb.put((byte) 0);
            bb.putShort(getVBucket(keys.get(e.getKey())));
            bb.putInt(keyBytes.length);
            bb.putInt(e.getKey());
            bb.putLong(0);
            bb.put(keyBytes);
        }
        bb.put(REQ_MAGIC);
        bb.put(NoopOperationImpl.CMD);
        bb.putShort((short) 0);
        bb.put((byte) 0);
        bb.put((byte) 0);
        bb.putShort((short) 0);
        bb.putInt(0);
        bb.putInt(terminalOpaque);
        bb.putLong(0);
        bb.flip();
        setBuffer(bb);
    }

    @Override
    protected void finishedPayload(byte[] pl) throws IOException {
        getStatusForErrorCode(errorCode, pl);
        if (responseOpaque == terminalOpaque) {
            if (!retryKeys.isEmpty()) {
                transitionState(OperationState.RETRY);
                getCallback().receivedStatus(new OperationStatus(true, Integer.toString(retryKeys.size()),
                        StatusCode.ERR_NOT_MY_VBUCKET));
                getCallback().complete();
            } else {
                getCallback().receivedStatus(STATUS_OK);
                transitionState(OperationState.COMPLETE);
            }
        } else if (errorCode == ERR_NOT_MY_VBUCKET) {
            retryKeys.add(keys.get(responseOpaque));
        } else if (errorCode != SUCCESS) {
            getLogger().warn("Error on key %s:  %s (%d)", keys.get(responseOpaque), new String(pl), errorCode);
        } else {
            ((GetOperation.Callback) getCallback()).gotData(keys.get(responseOpaque), decodeInt(pl, 0),
                    GetOperationImpl.value(pl, GetOperationImpl.EXTRA_HDR_LEN));
        }
        resetInput();
    }

    @Override
    protected boolean opaqueIsValid() {
        return responseOpaque == terminalOpaque || keys.containsKey(responseOpaque);
    }

    /** Keys a Couchbase server refused for their vbucket, to send elsewhere. */
    public List<String> getRetryKeys() {
        return retryKeys;
    }
}
