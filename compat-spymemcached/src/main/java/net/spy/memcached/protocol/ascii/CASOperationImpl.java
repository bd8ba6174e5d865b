package net.spy.memcached.protocol.ascii;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import net.spy.memcached.CASResponse;
import net.spy.memcached.KeyUtil;
import net.spy.memcached.ops.CASOperation;
import net.spy.memcached.ops.CASOperationStatus;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.ops.StoreType;

/** {@code cas}. */
class CASOperationImpl extends OperationImpl implements CASOperation {

    private static final int OVERHEAD = 64;
    private static final OperationStatus STORED = new CASOperationStatus(true, "STORED", CASResponse.OK, StatusCode.SUCCESS);
    private static final OperationStatus NOT_FOUND = new CASOperationStatus(false, "NOT_FOUND", CASResponse.NOT_FOUND,
            StatusCode.ERR_NOT_FOUND);
    private static final OperationStatus EXISTS = new CASOperationStatus(false, "EXISTS", CASResponse.EXISTS,
            StatusCode.ERR_EXISTS);

    private final String key;
    private final long casValue;
    private final int flags;
    private final int exp;
    private final byte[] data;

    public CASOperationImpl(String k, long c, int f, int e, byte[] d, OperationCallback cb) {
        super(cb);
        key = k;
        casValue = c;
        flags = f;
        exp = e;
        data = d;
    }

    @Override
    public void handleLine(String line) {
        getCallback().receivedStatus(matchStatus(line, STORED, NOT_FOUND, EXISTS));
        transitionState(OperationState.COMPLETE);
    }

    @Override
    public void initialize() {
        ByteBuffer bb = ByteBuffer.allocate(data.length + KeyUtil.getKeyBytes(key).length + OVERHEAD);
        setArguments(bb, "cas", key, flags, exp, data.length, casValue);
        bb.put(data);
        bb.put(CRLF);
        bb.flip();
        setBuffer(bb);
    }

    @Override
    public Collection<String> getKeys() {
        return Collections.singleton(key);
    }

    @Override
    public byte[] getData() {
        return data;
    }

    @Override
    public long getCasValue() {
        return casValue;
    }

    @Override
    public int getExpiration() {
        return exp;
    }

    @Override
    public int getFlags() {
        return flags;
    }

    @Override
    public StoreType getStoreType() {
        return StoreType.set;
    }

    @Override
    public String toString() {
        return "Cmd: cas Key: " + key + " Cas Value: " + casValue + " Flags: " + flags + " Exp: " + exp + " Data Length: "
                + data.length;
    }
}
