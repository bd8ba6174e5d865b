package net.spy.memcached.protocol.ascii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import net.spy.memcached.KeyUtil;
import net.spy.memcached.ops.GetAndTouchOperation;
import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.ops.GetlOperation;
import net.spy.memcached.ops.GetsOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.util.StringUtils;

/**
 * The retrieval commands ({@code get}, {@code gets}, {@code getl}, {@code gat}): {@code VALUE}
 * lines and their data go to the callback, {@code END} completes with {@code END} if a value came
 * and {@code NOT_FOUND} otherwise.
 */
public abstract class BaseGetOpImpl extends OperationImpl {

    private static final OperationStatus END = new OperationStatus(true, "END", StatusCode.SUCCESS);
    private static final OperationStatus NOT_FOUND = new OperationStatus(false, "NOT_FOUND", StatusCode.ERR_NOT_FOUND);
    private static final OperationStatus LOCK_ERROR = new OperationStatus(false, "LOCK_ERROR", StatusCode.ERR_TEMP_FAIL);

    /** The expiry sent after the keys ({@code gat}, {@code getl}); 0 if none. */
    protected final int exp;

    private final String cmd;
    private final Collection<String> keys;
    private final byte[] expBytes;
    private String currentKey;
    private long casValue;
    private int currentFlags;
    private byte[] data;
    private int readOffset;
    private byte lookingFor;
    private boolean hasValue;

    /** Command {@code c} of keys {@code k}. */
    public BaseGetOpImpl(String c, OperationCallback cb, Collection<String> k) {
        super(cb);
        cmd = c;
        keys = k;
        exp = 0;
        expBytes = null;
    }

    /** Command {@code c} of key {@code k} with expiry {@code e} after it. */
    public BaseGetOpImpl(String c, int e, OperationCallback cb, String k) {
        super(cb);
        cmd = c;
        keys = Collections.singleton(k);
        exp = e;
        expBytes = String.valueOf(e).getBytes(StandardCharsets.US_ASCII);
    }

    /** The keys. */
    public final Collection<String> getKeys() {
        return keys;
    }

    @Override
    public final void handleLine(String line) {
        if (line.equals("END")) {
            getCallback().receivedStatus(hasValue ? END : NOT_FOUND);
            transitionState(OperationState.COMPLETE);
            data = null;
        } else if (line.startsWith("VALUE ")) {
            String[] parts = line.split(" ");
            currentKey = parts[1];
            currentFlags = Integer.parseInt(parts[2]);
            data = new byte[Integer.parseInt(parts[3])];
            if (parts.length > 4) {
                casValue = Long.parseLong(parts[4]);
            }
            readOffset = 0;
            hasValue = true;
            setReadType(OperationReadType.DATA);
        } else if (line.equals("LOCK_ERROR")) {
            getCallback().receivedStatus(LOCK_ERROR);
            transitionState(OperationState.COMPLETE);
        } else {
            throw new IllegalStateException("Unknown line type: " + line);
        }
    }

    @Override
    public final void handleRead(ByteBuffer b) {
        if (lookingFor == '\0') {
            int toRead = Math.min(data.length - readOffset, b.remaining());
            b.get(data, readOffset, toRead);
            readOffset += toRead;
        }
        if (readOffset == data.length && lookingFor == '\0') {
            deliver();
            lookingFor = '\r';
        }
        while (lookingFor != '\0' && b.hasRemaining()) {
            b.get();
            lookingFor = lookingFor == '\r' ? (byte) '\n' : (byte) '\0';
        }
        if (lookingFor == '\0' && data != null && readOffset == data.length) {
            currentKey = null;
            data = null;
            readOffset = 0;
            currentFlags = 0;
            setReadType(OperationReadType.LINE);
        }
    }

    private void deliver() {
        OperationCallback cb = getCallback();
        if (cb instanceof GetOperation.Callback) {
            ((GetOperation.Callback) cb).gotData(currentKey, currentFlags, data);
        } else if (cb instanceof GetsOperation.Callback) {
            ((GetsOperation.Callback) cb).gotData(currentKey, currentFlags, casValue, data);
        } else if (cb instanceof GetlOperation.Callback) {
            ((GetlOperation.Callback) cb).gotData(currentKey, currentFlags, casValue, data);
        } else if (cb instanceof GetAndTouchOperation.Callback) {
            ((GetAndTouchOperation.Callback) cb).gotData(currentKey, currentFlags, casValue, data);
        } else {
            throw new ClassCastException("Couldn't convert " + cb + "to a relevent op");
        }
    }

    @Override
    public final void initialize() {
        Collection<byte[]> keyBytes = KeyUtil.getKeyBytes(keys);
        int size = cmd.length() + 2 + afterKeyBytesSize();
        for (byte[] k : keyBytes) {
            size += k.length + 1;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(cmd.getBytes(StandardCharsets.US_ASCII));
        for (byte[] k : keyBytes) {
            b.put((byte) ' ');
            b.put(k);
        }
        afterKeyBytes(b);
        b.put(CRLF);
        b.flip();
        setBuffer(b);
    }

    /** Bytes written after the keys. */
    protected int afterKeyBytesSize() {
        return expBytes == null ? 0 : expBytes.length + 1;
    }

    /** Writes what follows the keys: the expiry, if any. */
    protected void afterKeyBytes(ByteBuffer b) {
        if (expBytes != null) {
            b.put((byte) ' ');
            b.put(expBytes);
        }
    }

    @Override
    protected final void wasCancelled() {
        getCallback().receivedStatus(CANCELLED);
    }

    @Override
    public String toString() {
        return "Cmd: " + cmd + " Keys: " + StringUtils.join(keys, " ") + "Exp: " + exp;
    }
}
