package dev.ketch.client;

/**
 * The connection to the server failed while the operation was outstanding (connect refused,
 * reset, closed, or a reply that could not be parsed). Whether a mutation took effect is unknown.
 */
public class MemcacheConnectionException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    /** A connection failure described by {@code message}. */
    public MemcacheConnectionException(String message) {
        super(message);
    }

    /** A connection failure described by {@code message}, caused by {@code cause}. */
    public MemcacheConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
