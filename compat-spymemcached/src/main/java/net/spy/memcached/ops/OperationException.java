package net.spy.memcached.ops;

import java.io.IOException;

/**
 * An error reply in the text protocol ({@code ERROR}, {@code CLIENT_ERROR ...}, {@code
 * SERVER_ERROR ...}), the cause of the {@code ExecutionException} a future then throws, as in
 * spymemcached.
 */
public class OperationException extends IOException {

    private static final long serialVersionUID = 1L;

    private final OperationErrorType type;

    /** A {@link OperationErrorType#GENERAL} error without a message. */
    public OperationException() {
        type = OperationErrorType.GENERAL;
    }

    /** An error of {@code type} with the server's line as message. */
    public OperationException(OperationErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public OperationErrorType getType() {
        return type;
    }

    @Override
    public String toString() {
        return type == OperationErrorType.GENERAL ? "OperationException: " + type
                : "OperationException: " + type + ": " + getMessage();
    }
}
