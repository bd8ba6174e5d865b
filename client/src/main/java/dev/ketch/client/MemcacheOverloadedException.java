package dev.ketch.client;

/**
 * Too many operations are outstanding for the server this one goes to (the builder's
 * {@code maxOutstanding}); the operation was refused without being sent. Back off and retry.
 */
public class MemcacheOverloadedException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    public MemcacheOverloadedException(String message) {
        super(message);
    }
}
