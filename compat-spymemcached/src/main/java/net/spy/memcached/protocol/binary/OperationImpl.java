package net.spy.memcached.protocol.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import net.spy.memcached.CASResponse;
import net.spy.memcached.KeyUtil;
import net.spy.memcached.ops.CASOperationStatus;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationErrorType;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.protocol.BaseOperationImpl;

/**
 * A binary protocol operation: a 24-byte request header, extras, key and value out; a response
 * header and payload in, turned into the callback's status (the payload's text as message for an
 * error, {@code OK} for success).
 */
public abstract class OperationImpl extends BaseOperationImpl implements Operation {

    protected static final byte REQ_MAGIC = (byte) 0x80;
    protected static final byte RES_MAGIC = (byte) 0x81;
    protected static final byte DUMMY_OPCODE = (byte) 0xff;
    protected static final int MIN_RECV_PACKET = 24;
    protected static final int SUCCESS = 0x00;
    protected static final int ERR_NOT_FOUND = 0x01;
    protected static final int ERR_EXISTS = 0x02;
    protected static final int ERR_2BIG = 0x03;
    protected static final int ERR_INVAL = 0x04;
    protected static final int ERR_NOT_STORED = 0x05;
    protected static final int ERR_DELTA_BADVAL = 0x06;
    protected static final int ERR_NOT_MY_VBUCKET = 0x07;
    protected static final int ERR_UNKNOWN_COMMAND = 0x81;
    protected static final int ERR_NO_MEM = 0x82;
    protected static final int ERR_NOT_SUPPORTED = 0x83;
    protected static final int ERR_INTERNAL = 0x84;
    protected static final int ERR_BUSY = 0x85;
    protected static final int ERR_TEMP_FAIL = 0x86;
    protected static final byte[] EMPTY_BYTES = new byte[0];
    protected static final OperationStatus STATUS_OK = new CASOperationStatus(true, "OK", CASResponse.OK, StatusCode.SUCCESS);

    private static final AtomicInteger SEQ_NUMBER = new AtomicInteger(0);

    /** The vbucket sent (Couchbase; 0 for memcached). */
    protected short vbucket;
    /** The request's opaque, echoed by the response. */
    protected final int opaque;
    protected int keyLen;
    protected byte responseCmd;
    protected int errorCode;
    protected int responseOpaque;
    protected long responseCas;

    private final byte cmd;
    private final byte[] header = new byte[MIN_RECV_PACKET];
    private int headerOffset;
    private byte[] payload;
    private int payloadOffset;
    private byte[] errorMsg;

    /** Command {@code c} with opaque {@code o}. */
    protected OperationImpl(byte c, int o, OperationCallback cb) {
        cmd = c;
        opaque = o;
        setCallback(cb);
    }

    /** Prepares to read the next response packet. */
    protected void resetInput() {
        payload = null;
        payloadOffset = 0;
        headerOffset = 0;
    }

    @Override
    public void readFromBuffer(ByteBuffer buffer) throws IOException {
        if (headerOffset < MIN_RECV_PACKET) {
            int toRead = Math.min(MIN_RECV_PACKET - headerOffset, buffer.remaining());
            buffer.get(header, headerOffset, toRead);
            headerOffset += toRead;
            if (headerOffset == MIN_RECV_PACKET) {
                parseHeader();
            }
        }
        if (headerOffset >= MIN_RECV_PACKET && payload != null) {
            int toRead = Math.min(payload.length - payloadOffset, buffer.remaining());
            buffer.get(payload, payloadOffset, toRead);
            payloadOffset += toRead;
            if (payloadOffset == payload.length) {
                finishedPayload(payload);
            }
        }
    }

    private void parseHeader() {
        responseCmd = header[1];
        keyLen = decodeShort(header, 2);
        errorCode = decodeShort(header, 6);
        payload = new byte[decodeInt(header, 8)];
        responseOpaque = decodeInt(header, 12);
        responseCas = decodeLong(header, 16);
        opaqueIsValid();
    }

    /** Acts on a whole response: its status and payload. */
    protected void finishedPayload(byte[] pl) throws IOException {
        OperationStatus status = getStatusForErrorCode(errorCode, pl);
        if (status == null) {
            handleError(OperationErrorType.SERVER, new String(pl, StandardCharsets.UTF_8));
        } else if (errorCode == SUCCESS) {
            decodePayload(pl);
            transitionState(OperationState.COMPLETE);
        } else if (errorCode == ERR_NOT_MY_VBUCKET && getState() != OperationState.COMPLETE) {
            transitionState(OperationState.RETRY);
        } else {
            getCallback().receivedStatus(status);
            transitionState(OperationState.COMPLETE);
        }
    }

    /**
     * The status of response code {@code errCode} with payload {@code errPl} (its text is the
     * message); null for a code memcached does not define. An internal error fails the operation.
     *
     * @throws IOException the failure of an internal error
     */
    protected OperationStatus getStatusForErrorCode(int errCode, byte[] errPl) throws IOException {
        if (errCode == SUCCESS) {
            return STATUS_OK;
        }
        StatusCode statusCode = StatusCode.fromBinaryCode(errCode);
        errorMsg = errPl.clone();
        String message = new String(errPl, StandardCharsets.UTF_8);
        switch (errCode) {
            case ERR_NOT_FOUND:
                return new CASOperationStatus(false, message, CASResponse.NOT_FOUND, statusCode);
            case ERR_EXISTS:
                return new CASOperationStatus(false, message, CASResponse.EXISTS, statusCode);
            case ERR_NOT_STORED:
                return new CASOperationStatus(false, message, CASResponse.NOT_FOUND, statusCode);
            case ERR_INTERNAL:
                handleError(OperationErrorType.SERVER, message);
                return new OperationStatus(false, message, statusCode);
            case ERR_2BIG:
            case ERR_INVAL:
            case ERR_DELTA_BADVAL:
            case ERR_NOT_MY_VBUCKET:
            case ERR_UNKNOWN_COMMAND:
            case ERR_NO_MEM:
            case ERR_NOT_SUPPORTED:
            case ERR_BUSY:
            case ERR_TEMP_FAIL:
                return new OperationStatus(false, message, statusCode);
            default:
                return null;
        }
    }

    /** Reads a successful response's payload; by default there is none, and the status is {@code OK}. */
    protected void decodePayload(byte[] pl) {
        getCallback().receivedStatus(STATUS_OK);
    }

    /** True if the response's opaque is this operation's (a mismatch is logged). */
    protected boolean opaqueIsValid() {
        if (responseOpaque != opaque) {
            getLogger().warn("Expected opaque:  %d, got opaque:  %d%n", responseOpaque, opaque);
        }
        return responseOpaque == opaque;
    }

    static int decodeShort(byte[] data, int i) {
        return (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
    }

    static int decodeByte(byte[] data, int i) {
        return data[i] & 0xff;
    }

    static int decodeInt(byte[] data, int i) {
        return (data[i] & 0xff) << 24 | (data[i + 1] & 0xff) << 16 | (data[i + 2] & 0xff) << 8 | (data[i + 3] & 0xff);
    }

    static long decodeUnsignedInt(byte[] data, int i) {
        return decodeInt(data, i) & 0xffffffffL;
    }

    static long decodeLong(byte[] data, int i) {
        long v = 0;
        for (int b = 0; b < 8; b++) {
            v = v << 8 | (data[i + b] & 0xffL);
        }
        return v;
    }

    /**
     * Writes the request: header, then {@code extraHeaders} (each an {@link Integer}, {@link Long},
     * {@link Short} or {@code byte[]}), then the key and {@code val}.
     */
    protected void prepareBuffer(String key, long cas, byte[] val, Object... extraHeaders) {
        int extraLen = 0;
        for (Object o : extraHeaders) {
            extraLen += o instanceof Integer ? 4 : o instanceof Long ? 8 : o instanceof Short ? 2 : ((byte[]) o).length;
        }
        byte[] keyBytes = KeyUtil.getKeyBytes(key);
        ByteBuffer bb = ByteBuffer.allocate(MIN_RECV_PACKET + extraLen + keyBytes.length + val.length);
        bb.put(REQ_MAGIC);
        bb.put(cmd);
        bb.putShort((short) keyBytes.length);
        bb.put((byte) extraLen);
        bb.put((byte) 0);
        bb.putShort(vbucket);
        bb.putInt(keyBytes.length + val.length + extraLen);
        bb.putInt(opaque);
        bb.putLong(cas);
        for (Object o : extraHeaders) {
            if (o instanceof Integer) {
                bb.putInt((Integer) o);
            } else if (o instanceof Long) {
                bb.putLong((Long) o);
            } else if (o instanceof Short) {
                bb.putShort((Short) o);
            } else {
                bb.put((byte[]) o);
            }
        }
        bb.put(keyBytes);
        bb.put(val);
        bb.flip();
        setBuffer(bb);
    }

    /** A new opaque, positive. */
    static int generateOpaque() {
        int rv = SEQ_NUMBER.incrementAndGet();
        while (rv < 0) {
            SEQ_NUMBER.compareAndSet(rv, 0);
            rv = SEQ_NUMBER.incrementAndGet();
        }
        return rv;
    }

    @Override
    public String toString() {
        return "Cmd: " + cmd + " Opaque: " + opaque;
    }

    @Override
    public byte[] getErrorMsg() {
        return errorMsg;
    }
}
