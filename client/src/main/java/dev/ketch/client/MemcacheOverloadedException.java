package dev.ketch.client;

/**
 * Too many operations are outstanding for the server this one goes to (the builder's
 * {@code maxOutstanding}, a cap per server): the operation was refused without being sent. A
 * server that stops answering can hold at most that many of the application's requests; the
 * others keep being served. Back off and retry.
 */
public class MemcacheOverloadedException extends MemcacheException {

    private static final long serialVersionUID = 1L;

    private final String server;

    /** A request refused at once because too many are in flight, as {@code message} says. */
    public MemcacheOverloadedException(String message) {
        this(null, message);
    }

    /**
     * A request refused at once because too many are in flight on {@code server}.
     *
     * @param server the server, as {@code host:port}, or null if not known
     * @param message what happened, for people
     */
    public MemcacheOverloadedException(String server, String message) {
        super(message);
        this.server = server;
    }

    /** The server whose cap was reached, as {@code host:port}; null if not known. */
    public String server() {
        return server;
    }
}
