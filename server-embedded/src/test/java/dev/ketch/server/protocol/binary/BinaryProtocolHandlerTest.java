package dev.ketch.server.protocol.binary;

import static dev.ketch.server.testing.BinaryClient.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.engine.Cache;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.stats.PrefixStats;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.stats.StatsReport;
import dev.ketch.server.storage.Clock;
import dev.ketch.server.testing.BinaryClient;
import dev.ketch.server.transport.Connection;
import dev.ketch.server.transport.ConnectionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handler on an {@link EmbeddedChannel}: the same responses however the input is split, and
 * bad input handled without exceptions.
 */
class BinaryProtocolHandlerTest {

    private static Cache cache;
    private static ServerContext context;
    private static ConnectionRegistry registry;

    @BeforeAll
    static void setUp() {
        ServerSettings settings = new ServerSettings();
        settings.maxBytes = 8L * 1024 * 1024;
        Clock clock = new Clock();
        cache = new Cache(settings, clock);
        ServerStats stats = new ServerStats();
        registry = new ConnectionRegistry(settings, stats, clock);
        context = new ServerContext(settings, clock, cache, stats, new StatsReport(cache, stats), new PrefixStats(':'),
                sink -> { }, sink -> { }, mode -> { });
    }

    @AfterAll
    static void tearDown() {
        cache.close();
    }

    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Connection connection = registry.addClient(ch);
        ch.closeFuture().addListener(f -> registry.remove(connection));
        ch.pipeline().addLast(new BinaryProtocolHandler(context, connection));
        return ch;
    }

    /** Feeds {@code parts} one write each and returns everything written back. */
    private static byte[] exchange(byte[]... parts) {
        EmbeddedChannel ch = channel();
        for (byte[] part : parts) {
            ch.writeInbound(Unpooled.wrappedBuffer(part));
            ch.runPendingTasks();
        }
        ch.checkException();
        byte[] out = drain(ch);
        ch.finishAndReleaseAll();
        return out;
    }

    private static byte[] drain(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** The responses with their CAS fields zeroed (CAS uniques differ from run to run). */
    private static byte[] withoutCas(byte[] responses) {
        byte[] r = responses.clone();
        ByteBuffer b = ByteBuffer.wrap(r);
        int p = 0;
        while (p + 24 <= r.length) {
            Arrays.fill(r, p + 16, p + 24, (byte) 0);
            p += 24 + b.getInt(p + 8);
        }
        return r;
    }

    private static byte[] pipeline() {
        byte[] value = new byte[3000];
        Arrays.fill(value, (byte) 'v');
        return BinaryClient.concat(
                request(Opcodes.SET).key("split").flagsAndExpiry(7, 0).value(value).opaque(1),
                request(Opcodes.SETQ).key("empty").flagsAndExpiry(0, 0).opaque(2),
                request(Opcodes.GETK).key("split").opaque(3),
                request(Opcodes.GETQ).key("empty").opaque(4),
                request(Opcodes.INCREMENT).key("counter").delta(2, 40, 0).opaque(5),
                request(Opcodes.APPENDQ).key("split").value("!").opaque(6),
                request(Opcodes.STAT).key("detail off").opaque(7),
                request(0x33).key("k").opaque(8), // unknown: swallows one byte past its key
                request(Opcodes.DELETE).key("counter").opaque(9),
                request(Opcodes.NOOP).opaque(10));
    }

    @Test
    void theSameResponsesForEverySplitOfTheInput() {
        byte[] input = pipeline();
        // the unknown command swallows one more byte: give it one
        int unknownEnd = indexOfOpaque(input, 8) + 24 + 1;
        byte[] padded = new byte[input.length + 1];
        System.arraycopy(input, 0, padded, 0, unknownEnd);
        padded[unknownEnd] = 'x';
        System.arraycopy(input, unknownEnd, padded, unknownEnd + 1, input.length - unknownEnd);

        byte[] whole = withoutCas(exchange(padded));
        assertTrue(whole.length > 3000, "responses: " + whole.length);
        for (int i = 1; i < padded.length; i++) {
            byte[] split = withoutCas(exchange(Arrays.copyOfRange(padded, 0, i), Arrays.copyOfRange(padded, i, padded.length)));
            assertArrayEquals(whole, split, "split at " + i);
        }
        byte[][] bytes = new byte[padded.length][];
        for (int i = 0; i < padded.length; i++) {
            bytes[i] = new byte[] {padded[i]};
        }
        assertArrayEquals(whole, withoutCas(exchange(bytes)), "one byte at a time");
    }

    /** Where the request with {@code opaque} starts. */
    private static int indexOfOpaque(byte[] input, int opaque) {
        ByteBuffer b = ByteBuffer.wrap(input);
        int p = 0;
        while (b.getInt(p + 12) != opaque) {
            p += 24 + b.getInt(p + 8);
        }
        return p;
    }

    @Test
    void aReplyTheSocketRefusesClosesTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Connection connection = registry.addClient(ch);
        ch.closeFuture().addListener(f -> registry.remove(connection));
        ch.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new IOException("Broken pipe"));
            }
        });
        ch.pipeline().addLast(new BinaryProtocolHandler(context, connection));
        ch.writeInbound(Unpooled.wrappedBuffer(request(Opcodes.NOOP).bytes()));
        ch.runPendingTasks();
        assertFalse(ch.isOpen(), "the connection stays open after its reply could not be written");
        ch.finishAndReleaseAll();
    }

    @Test
    void badInputClosesWithoutAnException() {
        for (byte[] bad : new byte[][] {
            request(Opcodes.GET).key("k").magic(0x00).bytes(),
            request(Opcodes.GET).key("abc").bodyLength(0).bytes(),
            request(Opcodes.SET).key("k").extrasLength(255).bodyLength(0xffffffffL).bytes(),
            request(Opcodes.APPEND).key("k").bodyLength(0x80000000L).bytes(),
            request(0x77).key("k").bodyLength(0xfffffff0L).bytes()}) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(bad));
            if (ch.isOpen()) {
                ch.writeInbound(Unpooled.wrappedBuffer(request(Opcodes.NOOP).bytes()));
            }
            ch.checkException();
            drain(ch);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void hugeBodiesAreSwallowedNotBuffered() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(request(Opcodes.SET).key("huge").flagsAndExpiry(0, 0)
                .bodyLength(8 + 4 + 50_000_000L).bytes()));
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < 47; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        // like memcached, nothing is transmitted while the body is being swallowed
        assertEquals(0, drain(ch).length);
        assertTrue(ch.isOpen());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[50_000_000 - 47 * (1 << 20)]));
        ch.writeInbound(Unpooled.wrappedBuffer(request(Opcodes.NOOP).opaque(42).bytes()));
        ByteBuffer r = ByteBuffer.wrap(drain(ch));
        assertEquals(Status.E2BIG, r.getShort(6));
        assertEquals(42, r.getInt(24 + r.getInt(8) + 12));
        assertFalse(ch.finishAndReleaseAll());
    }
}
