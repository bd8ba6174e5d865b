package dev.ketch.client;

/**
 * The operation was not sent because the server its key belongs to is down, or because no server
 * is up at all. It fails at once, without waiting for a timeout, and certainly had no effect, so
 * it is safe to retry later (or to treat a read as a miss).
 *
 * <p>Which operations see it depends on the client's failover policy
 * ({@link dev.ketch.client.cluster.Failover}): with {@link
 * dev.ketch.client.cluster.FailoverPolicy#FAIL_FAST FAIL_FAST} every operation on a dead server's
 * keys; with the ejecting policies only operations made when every server is down (a dead
 * server's keys go to the next live server instead), and commands addressed to each server
 * ({@code flushAll}, {@code stats}, ...) while one of them is down. A subclass of {@link
 * MemcacheConnectionException}, so code that handles connection failures handles this too.
 */
public class MemcacheUnavailableException extends MemcacheConnectionException {

    private static final long serialVersionUID = 1L;

    /** The server that is down, as {@code host:port}, or null when none is up. */
    private final String server;

    /**
     * @param server the server that is down, as {@code host:port}, or null when none is up
     * @param message what happened, for people
     * @param cause why the server was declared down, or null
     */
    public MemcacheUnavailableException(String server, String message, Throwable cause) {
        super(message, cause);
        this.server = server;
    }

    /** The server that is down, as {@code host:port}; null when the client had no server up at all. */
    public String server() {
        return server;
    }
}
