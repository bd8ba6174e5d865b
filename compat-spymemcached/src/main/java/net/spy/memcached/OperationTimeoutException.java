package net.spy.memcached;

/** A synchronous call's operation did not complete within the operation timeout. */
public class OperationTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A timeout described by {@code message}. */
    public OperationTimeoutException(String message) {
        super(message);
    }

    /** A timeout described by {@code message}, caused by {@code cause}. */
    public OperationTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
