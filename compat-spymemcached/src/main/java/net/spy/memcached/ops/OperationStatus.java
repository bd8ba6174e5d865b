package net.spy.memcached.ops;

/**
 * How an operation ended, as spymemcached reports it: success, the server's (or client's)
 * message, and a {@link StatusCode}. The messages are those spymemcached shows: in the text
 * protocol the reply line ({@code STORED}, {@code NOT_FOUND}, {@code END}...), in the binary
 * protocol {@code OK} or memcached's error text ({@code Not found}, {@code Data exists for key.}).
 */
public class OperationStatus {

    private final boolean success;
    private final String message;
    private final StatusCode statusCode;

    /** A status without a code. */
    public OperationStatus(boolean success, String message) {
        this(success, message, null);
    }

    public OperationStatus(boolean success, String message, StatusCode code) {
        this.success = success;
        this.message = message;
        this.statusCode = code;
    }

    /** True if the operation did what it was asked to. */
    public boolean isSuccess() {
        return success;
    }

    public String getMessage() {
        return message;
    }

    public StatusCode getStatusCode() {
        return statusCode;
    }

    @Override
    public String toString() {
        return "{OperationStatus success=" + success + ":  " + message + "}";
    }
}
