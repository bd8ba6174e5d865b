package dev.ketch.client;

/** The client was closed before the operation completed, or the operation was started after. */
public class MemcacheClosedException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    /** An operation refused because the client is closed, as {@code message} says. */
    public MemcacheClosedException(String message) {
        super(message);
    }
}
