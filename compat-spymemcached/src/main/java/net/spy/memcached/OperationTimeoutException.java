package net.spy.memcached;

/** A synchronous call's operation did not complete within the operation timeout. */
public class OperationTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OperationTimeoutException(String message) {
        super(message);
    }

    public OperationTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
