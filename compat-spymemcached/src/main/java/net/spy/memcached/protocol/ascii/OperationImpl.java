package net.spy.memcached.protocol.ascii;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.spy.memcached.KeyUtil;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationErrorType;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.protocol.BaseOperationImpl;

/**
 * A text protocol operation: its reply is read line by line ({@link #handleLine}), value bytes
 * aside ({@link #handleRead}); {@code ERROR}, {@code CLIENT_ERROR} and {@code SERVER_ERROR} lines
 * fail it.
 */
abstract class OperationImpl extends BaseOperationImpl implements Operation {

    /** The end of a line. */
    protected static final byte[] CRLF = {'\r', '\n'};

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private OperationReadType readType = OperationReadType.LINE;
    private boolean foundCr;
    private byte[] errorMsg;

    /** An operation whose callback is set later. */
    protected OperationImpl() {
    }

    /** An operation telling {@code cb}. */
    protected OperationImpl(OperationCallback cb) {
        callback = cb;
    }

    /** The status whose message is {@code line}, else an unsuccessful one of {@code line}'s code. */
    protected final OperationStatus matchStatus(String line, OperationStatus... statii) {
        OperationStatus rv = null;
        for (OperationStatus status : statii) {
            if (line.equals(status.getMessage())) {
                rv = status;
            }
        }
        return rv != null ? rv : new OperationStatus(false, line, StatusCode.fromAsciiLine(line));
    }

    /** What the reply is being read as. */
    protected final OperationReadType getReadType() {
        return readType;
    }

    /** Reads the reply as {@code to} from now on. */
    protected final void setReadType(OperationReadType to) {
        readType = to;
    }

    /** Writes {@code args} separated by spaces, then CRLF. */
    protected final void setArguments(ByteBuffer bb, Object... args) {
        boolean first = true;
        for (Object o : args) {
            if (!first) {
                bb.put((byte) ' ');
            }
            first = false;
            bb.put(KeyUtil.getKeyBytes(String.valueOf(o)));
        }
        bb.put(CRLF);
    }

    /** The error a line reports, or null. */
    OperationErrorType classifyError(String line) {
        if (line.startsWith("ERROR")) {
            return OperationErrorType.GENERAL;
        }
        if (line.startsWith("CLIENT_ERROR")) {
            return OperationErrorType.CLIENT;
        }
        if (line.startsWith("SERVER_ERROR")) {
            return OperationErrorType.SERVER;
        }
        return null;
    }

    @Override
    public void readFromBuffer(ByteBuffer data) throws IOException {
        while (getState() != OperationState.COMPLETE && data.remaining() > 0) {
            if (readType == OperationReadType.DATA) {
                handleRead(data);
                continue;
            }
            boolean complete = false;
            while (data.remaining() > 0) {
                byte b = data.get();
                if (b == '\r') {
                    foundCr = true;
                } else if (b == '\n') {
                    foundCr = false;
                    complete = true;
                    break;
                } else {
                    line.write(b);
                }
            }
            if (complete) {
                String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
                line.reset();
                OperationErrorType error = classifyError(text);
                if (error != null) {
                    errorMsg = text.getBytes(StandardCharsets.UTF_8);
                    handleError(error, text);
                } else {
                    handleLine(text);
                }
            }
        }
    }

    /** Handles one line of the reply (without its CRLF). */
    public abstract void handleLine(String line);

    @Override
    public byte[] getErrorMsg() {
        return errorMsg;
    }
}
