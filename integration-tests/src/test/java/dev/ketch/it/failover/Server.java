package dev.ketch.it.failover;

import dev.ketch.server.MemcachedServer;

/**
 * A bundled Ketch server in this JVM on a fixed loopback port, which a test can kill (it stops
 * listening and closes every connection, as a crashed memcached does) and start again, empty, on
 * the same port.
 */
public final class Server implements AutoCloseable {

    private final int port;
    private MemcachedServer server;

    private Server(int port, MemcachedServer server) {
        this.port = port;
        this.server = server;
    }

    /** On a free port. */
    public static Server start() {
        MemcachedServer s = launch(0);
        return new Server(s.port(), s);
    }

    /** On {@code port}; fails if it is taken. */
    public static Server startOn(int port) {
        return new Server(port, launch(port));
    }

    private static MemcachedServer launch(int port) {
        return MemcachedServer.builder().listenAddress("127.0.0.1").port(port).threads(1).memoryLimitMb(16).start();
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Stops it: connects are refused and open connections are closed. */
    public synchronized void kill() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts it again, empty, on the same port. */
    public synchronized void restart() {
        if (server == null) {
            server = launch(port);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
