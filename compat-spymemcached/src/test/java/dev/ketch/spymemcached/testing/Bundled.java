package dev.ketch.spymemcached.testing;

import dev.ketch.server.MemcachedServer;
import java.net.InetSocketAddress;

/** The bundled server, in process, on a free loopback port. */
public final class Bundled implements AutoCloseable {

    private final MemcachedServer server = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start();

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.port());
    }

    public MemcachedServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
