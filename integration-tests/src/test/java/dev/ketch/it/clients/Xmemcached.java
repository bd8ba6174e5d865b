package dev.ketch.it.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.BinaryCommandFactory;
import net.rubyeye.xmemcached.command.TextCommandFactory;

/**
 * Creates xmemcached clients for one server on 127.0.0.1 the way an application would, with every
 * operation and the connect limited to {@link ClientTimeouts}.
 */
public final class Xmemcached {

    private Xmemcached() {
    }

    /** A client speaking {@code protocol} to 127.0.0.1:{@code port}. */
    public static ClientHandle<MemcachedClient> connect(int port, WireProtocol protocol) {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        builder.setCommandFactory(protocol == WireProtocol.BINARY ? new BinaryCommandFactory()
                : new TextCommandFactory());
        builder.setConnectTimeout(ClientTimeouts.CONNECT.toMillis());
        builder.setOpTimeout(ClientTimeouts.OPERATION.toMillis());
        try {
            MemcachedClient client = builder.build();
            return new ClientHandle<>(client, () -> {
                try {
                    client.shutdown();
                } catch (IOException e) {
                    throw new UncheckedIOException("xmemcached did not shut down cleanly", e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("xmemcached could not connect to 127.0.0.1:" + port, e);
        }
    }
}
