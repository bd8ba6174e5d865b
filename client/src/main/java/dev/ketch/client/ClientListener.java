package dev.ketch.client;

/**
 * Receives a client's metrics and connection events. Every method has an empty default, so
 * implement only what you need. Called on the client's I/O threads: return quickly, never block.
 */
public interface ClientListener {

    /** Does nothing: the default. */
    ClientListener NONE = new ClientListener() {
    };

    /**
     * An operation finished.
     *
     * @param server the server, as {@code host:port}
     * @param command the command, e.g. {@code "get"}, {@code "set"}, {@code "multi_get"}
     * @param latencyNanos from submission to completion
     * @param failure null on success (a miss is a success), otherwise why it failed, e.g. a
     *     {@link MemcacheTimeoutException}
     */
    default void operationFinished(String server, String command, long latencyNanos, Throwable failure) {
    }

    /** A connection to {@code server} was established (and authenticated, if configured). */
    default void connected(String server) {
    }

    /** A connection attempt to {@code server} failed. */
    default void connectFailed(String server, Throwable cause) {
    }

    /** An established connection to {@code server} was lost; {@code cause} may be null. */
    default void disconnected(String server, Throwable cause) {
    }
}
