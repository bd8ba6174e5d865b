package dev.ketch.it.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.auth.AuthDescriptor;

/**
 * Creates spymemcached clients for one server on 127.0.0.1 the way an application would, with
 * every operation limited to {@link ClientTimeouts#OPERATION}, and waits until the client has
 * connected (spymemcached connects in the background; operations issued before that are queued,
 * or cancelled in failure mode {@code Cancel}).
 */
public final class Spymemcached {

    static {
        // spymemcached logs through its own facade; route it to java.util.logging (SunLogger) so that
        // tests can observe what it reports (see SpyLog). Read once, when spymemcached first logs.
        System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SunLogger");
    }

    private Spymemcached() {
    }

    /** A client speaking {@code protocol} to 127.0.0.1:{@code port}. */
    public static ClientHandle<MemcachedClient> connect(int port, WireProtocol protocol) {
        return connect(port, builder(protocol));
    }

    /**
     * A binary-protocol client that authenticates with {@code auth} on every connection. Operations
     * wait up to {@code authWaitMillis} for the authentication to complete; then, in failure mode
     * {@code Cancel}, they are cancelled (the default mode would retry them until they time out).
     */
    public static ClientHandle<MemcachedClient> connect(int port, AuthDescriptor auth, long authWaitMillis) {
        return connect(port, builder(WireProtocol.BINARY).setAuthDescriptor(auth)
                .setAuthWaitTime(authWaitMillis).setFailureMode(FailureMode.Cancel));
    }

    private static ConnectionFactoryBuilder builder(WireProtocol protocol) {
        return new ConnectionFactoryBuilder()
                .setProtocol(protocol == WireProtocol.BINARY ? ConnectionFactoryBuilder.Protocol.BINARY
                        : ConnectionFactoryBuilder.Protocol.TEXT)
                .setOpTimeout(ClientTimeouts.OPERATION.toMillis())
                .setDaemon(true);
    }

    private static ClientHandle<MemcachedClient> connect(int port, ConnectionFactoryBuilder builder) {
        SpyLog.install();
        MemcachedClient client;
        try {
            client = new MemcachedClient(builder.build(),
                    List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        } catch (IOException e) {
            throw new UncheckedIOException("spymemcached could not be created for 127.0.0.1:" + port, e);
        }
        ClientHandle<MemcachedClient> handle = new ClientHandle<>(client,
                () -> client.shutdown(ClientTimeouts.GRACEFUL_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS));
        try {
            awaitConnected(client, port);
        } catch (RuntimeException | Error e) {
            handle.close();
            throw e;
        }
        return handle;
    }

    private static void awaitConnected(MemcachedClient client, int port) {
        CountDownLatch connected = new CountDownLatch(1);
        client.addObserver(new ConnectionObserver() {
            @Override
            public void connectionEstablished(SocketAddress address, int reconnectCount) {
                connected.countDown();
            }

            @Override
            public void connectionLost(SocketAddress address) {
            }
        });
        try {
            if (!connected.await(ClientTimeouts.CONNECT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("spymemcached did not connect to 127.0.0.1:" + port + " within "
                        + ClientTimeouts.CONNECT.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while spymemcached was connecting", e);
        }
    }
}
