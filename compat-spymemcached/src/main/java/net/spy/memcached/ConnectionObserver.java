package net.spy.memcached;

import java.net.SocketAddress;

/** Told when connections to servers are established and lost. Called on an I/O thread: return quickly. */
public interface ConnectionObserver {

    /**
     * A connection to {@code sa} is ready (authenticated, if configured).
     *
     * @param reconnectCount failed connection attempts since the server was last connected (0 for
     *     a first attempt that succeeded); -1 when called by {@code addObserver} for a server that
     *     was already connected
     */
    void connectionEstablished(SocketAddress sa, int reconnectCount);

    /** The connection to {@code sa} was lost. */
    void connectionLost(SocketAddress sa);
}
