package dev.ketch.client;

/**
 * The operation did not complete within its timeout. The request may or may not have reached the
 * server; a late reply is discarded.
 */
public class MemcacheTimeoutException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    /** A timeout described by {@code message}. */
    public MemcacheTimeoutException(String message) {
        super(message);
    }
}
