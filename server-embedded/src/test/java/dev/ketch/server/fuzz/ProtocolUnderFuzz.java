package dev.ketch.server.fuzz;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.engine.Cache;
import dev.ketch.server.protocol.ProtocolHandlers;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.stats.PrefixStats;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.stats.StatsReport;
import dev.ketch.server.storage.Clock;
import dev.ketch.server.transport.Connection;
import dev.ketch.server.transport.ConnectionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.function.Function;

/**
 * The server's protocol handling as a fuzz target: a connection's pipeline as the server builds it
 * ({@link ProtocolHandlers#forServer}), on an {@link EmbeddedChannel}, over one small cache shared
 * by every input (state carries over, as on a real server). Input is fed in the pieces the fuzzer
 * chooses; whatever the handler writes back is collected. An exception that reaches Netty fails
 * the input ({@link EmbeddedChannel#checkException()}).
 */
final class ProtocolUnderFuzz implements AutoCloseable {

    private final Cache cache;
    private final ConnectionRegistry registry;
    private final Function<Connection, io.netty.channel.ChannelHandler> handlers;

    ProtocolUnderFuzz(ServerSettings.Protocol protocol) {
        ServerSettings settings = new ServerSettings();
        settings.maxBytes = 4L * 1024 * 1024;
        settings.bindingProtocol = protocol;
        Clock clock = new Clock();
        cache = new Cache(settings, clock);
        ServerStats stats = new ServerStats();
        registry = new ConnectionRegistry(settings, stats, clock);
        ServerContext context = new ServerContext(settings, clock, cache, stats, new StatsReport(cache, stats),
                new PrefixStats(':'), sink -> { }, sink -> { }, mode -> { });
        handlers = ProtocolHandlers.forServer(context);
    }

    /** Feeds {@code pieces} to a fresh connection, closes it, and returns everything it wrote. */
    byte[] exchange(byte[]... pieces) {
        EmbeddedChannel ch = new EmbeddedChannel();
        Connection connection = registry.addClient(ch);
        ch.closeFuture().addListener(f -> registry.remove(connection));
        ch.pipeline().addLast(handlers.apply(connection));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (byte[] piece : pieces) {
                if (!ch.isActive()) {
                    break; // the server closed the connection, as memcached does on some errors
                }
                ch.writeInbound(Unpooled.wrappedBuffer(piece));
                ch.runPendingTasks();
                ch.checkException();
                drain(ch, out);
            }
            ch.runPendingTasks();
            ch.checkException();
            drain(ch, out);
        } finally {
            ch.finishAndReleaseAll();
        }
        return out.toByteArray();
    }

    private static void drain(EmbeddedChannel ch, ByteArrayOutputStream out) {
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            if (o instanceof ByteBuf b) {
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                out.writeBytes(bytes);
                b.release();
            } else {
                throw new AssertionError("the handler wrote a " + o.getClass().getName() + ", not bytes");
            }
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
