package dev.ketch.client;

/**
 * Base of the exceptions a Ketch operation fails with. Each subclass has one meaning; catch the
 * subclass you can act on.
 */
public class MemcacheException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public MemcacheException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public MemcacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
