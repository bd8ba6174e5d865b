package dev.ketch.client;

/** The server refused the configured credentials (SASL or text-protocol authentication). */
public class MemcacheAuthenticationException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    /** An authentication failure described by {@code message}. */
    public MemcacheAuthenticationException(String message) {
        super(message);
    }
}
