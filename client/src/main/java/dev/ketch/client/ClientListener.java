package dev.ketch.client;

import java.net.InetAddress;
import java.util.List;

/**
 * Receives a client's metrics, connection events and server state changes. Every method has an
 * empty default, so implement only what you need. Called on the client's I/O threads: return
 * quickly, never block.
 *
 * <p>A server's state changes are reported once per change, in this order: {@link #serverDown}
 * then, under an ejecting failover policy, {@link #serverEjected}; when it answers again,
 * {@link #serverUp} then {@link #serverRejoined}. Connection events ({@link #connected}, ...) are
 * per connection and per attempt.
 */
public interface ClientListener {

    /** Does nothing: the default. */
    ClientListener NONE = new ClientListener() {
    };

    /**
     * An operation is being submitted to {@code server}, on the thread that called the client (so
     * a tracer finds the caller's context there). Return what is to be told when it ends, or null
     * (the default) to follow nothing: then the operation costs nothing more. Operations the
     * client re-sends to another server (failover) are not started again: their trace ends when
     * the caller's future completes.
     *
     * @param server the server, as {@code host:port}
     * @param command the command, e.g. {@code "get"}, {@code "set"}, {@code "multi_get"}
     */
    default OperationTrace operationStarted(String server, String command) {
        return null;
    }

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

    /**
     * {@code server} was declared dead.
     *
     * @param cause the failure that decided it: a refused or reset connection, an unknown host, or
     *     the last of the timeouts that reached the failure limit
     */
    default void serverDown(String server, Throwable cause) {
    }

    /**
     * {@code server} has read nothing for {@code silence} while requests were outstanding, much
     * longer than it usually takes: it is being probed on a fresh connection. It is declared dead
     * ({@link #serverDown}) if the probe is not answered, and nothing more is reported if it is.
     */
    default void serverSuspected(String server, java.time.Duration silence) {
    }

    /** {@code server}, just declared dead, left the ring: its keys go to other servers now. */
    default void serverEjected(String server, Throwable cause) {
    }

    /** {@code server}, dead until now, answered a probe. */
    default void serverUp(String server) {
    }

    /** {@code server} is back on the ring: its keys go to it again. */
    default void serverRejoined(String server) {
    }

    /**
     * {@code bytes} were written to a connection to {@code server}. Connections count their bytes
     * only for a client given a listener (other than {@link #NONE}).
     */
    default void bytesSent(String server, int bytes) {
    }

    /** {@code bytes} were read from a connection to {@code server}. */
    default void bytesReceived(String server, int bytes) {
    }

    /**
     * The ring's servers, as {@code host:port} in configuration order: once when the client starts
     * (an empty list if it starts without any, waiting for discovery) and after every change of
     * membership ({@link MemcacheClient#updateServers}, discovery).
     */
    default void serversChanged(List<String> servers) {
    }

    /**
     * {@code server}'s host name resolves to another address: its connections move there (a new
     * connection, the old one closing when what was sent on it has finished); no key moves.
     *
     * @param from the address it resolved to until now
     * @param to the address it resolves to now
     */
    default void addressChanged(String server, InetAddress from, InetAddress to) {
    }

    /**
     * Asking {@code source} for the servers failed (the list in use stays). Called on the
     * client's discovery thread.
     */
    default void discoveryFailed(String source, Throwable cause) {
    }
}
