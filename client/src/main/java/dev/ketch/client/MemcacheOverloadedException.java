package dev.ketch.client;

/**
 * Too many operations are outstanding for the server this one goes to (the builder's
 * {@code maxOutstanding}); the operation was refused without being sent. Back off and retry.
 */
public class MemcacheOverloadedException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    /** A request refused at once because too many are in flight, as {@code message} says. */
    public MemcacheOverloadedException(String message) {
        super(message);
    }
}
