package dev.ketch.client;

/** The client was closed before the operation completed, or the operation was started after. */
public class MemcacheClosedException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    public MemcacheClosedException(String message) {
        super(message);
    }
}
