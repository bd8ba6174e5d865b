package net.spy.memcached.protocol.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.spy.memcached.KeyUtil;
import net.spy.memcached.ops.CASOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StoreType;
import net.spy.memcached.ops.VBucketAware;

/**
 * Several stores merged: each sent quietly ({@code setq}, {@code addq}, {@code replaceq}), so only
 * failures answer, and a {@code noop} whose reply completes the stores that did not fail.
 */
public class OptimizedSetImpl extends MultiKeyOperationImpl {

    private static final OperationCallback NOOP_CALLBACK = new OperationCallback() {
        @Override
        public void receivedStatus(OperationStatus status) {
        }

        @Override
        public void complete() {
        }
    };

    private final int terminalOpaque = generateOpaque();
    private final Map<Integer, OperationCallback> callbacks = new HashMap<>();
    private final List<CASOperation> ops = new ArrayList<>();
    private int byteCount = MIN_RECV_PACKET;

    /** A merged store starting with {@code firstStore}. */
    public OptimizedSetImpl(CASOperation firstStore) {
        super(DUMMY_OPCODE, -1, NOOP_CALLBACK);
        addOperation(firstStore);
    }

    /** Adds a store. */
    public void addOperation(CASOperation op) {
        ops.add(op);
        String k = op.getKeys().iterator().next();
        byteCount += MIN_RECV_PACKET + StoreOperationImpl.EXTRA_LEN + KeyUtil.getKeyBytes(k).length + op.getData().length;
    }

    /** Stores merged. */
    public int size() {
        return ops.size();
    }

    /** Bytes of the merged request. */
    public int bytes() {
        return byteCount;
    }

    private static byte quiet(StoreType t) {
        switch (t) {
            case set:
                return StoreOperationImpl.SETQ;
            case add:
                return StoreOperationImpl.ADDQ;
            default:
                return StoreOperationImpl.REPLACEQ;
        }
    }

    @Override
    public void initialize() {
        ByteBuffer bb = ByteBuffer.allocate(byteCount);
        for (CASOperation so : ops) {
            String k = so.getKeys().iterator().next();
            byte[] keyBytes = KeyUtil.getKeyBytes(k);
            int myOpaque = generateOpaque();
            callbacks.put(myOpaque, so.getCallback());
            byte[] data = so.getData();
            bb.put(REQ_MAGIC);
            bb.put(quiet(so.getStoreType()));
            bb.putShort((short) keyBytes.length);
            bb.put((byte) StoreOperationImpl.EXTRA_LEN);
            bb.put((byte) 0);
            bb.putShort(so instanceof VBucketAware ? ((VBucketAware) so).getVBucket(k) : 0);
            bb.putInt(keyBytes.length + data.length + StoreOperationImpl.EXTRA_LEN);
            bb.putInt(myOpaque);
            bb.putLong(so.getCasValue());
            bb.putInt(so.getFlags());
            bb.putInt(so.getExpiration());
            bb.put(keyBytes);
            bb.put(data);
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
        if (responseOpaque == terminalOpaque) {
            for (OperationCallback cb : callbacks.values()) {
                cb.receivedStatus(STATUS_OK);
                cb.complete();
            }
            transitionState(OperationState.COMPLETE);
        } else {
            OperationCallback cb = callbacks.remove(responseOpaque);
            OperationStatus status = getStatusForErrorCode(errorCode, pl);
            if (cb != null) {
                cb.receivedStatus(status);
                cb.complete();
            }
        }
        resetInput();
    }

    @Override
    protected boolean opaqueIsValid() {
        return responseOpaque == terminalOpaque || callbacks.containsKey(responseOpaque);
    }
}
