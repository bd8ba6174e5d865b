package dev.ketch.client.protocol.text;

import static dev.ketch.client.protocol.CodecFixture.channel;
import static dev.ketch.client.protocol.CodecFixture.encode;
import static dev.ketch.client.protocol.CodecFixture.feed;
import static dev.ketch.client.protocol.CodecFixture.forEverySplit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.CasResult;
import dev.ketch.client.GetResult;
import dev.ketch.client.MemcacheConnectionException;
import dev.ketch.client.MemcacheServerException;
import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.protocol.ArithmeticOperation;
import dev.ketch.client.protocol.DeleteOperation;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.RecordingSink;
import dev.ketch.client.protocol.Results;
import dev.ketch.client.protocol.ServerOperation;
import dev.ketch.client.protocol.StoreOperation;
import dev.ketch.client.protocol.TouchOperation;
import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.StringTranscoder;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class TextCodecTest {

    private static final TextCodec CODEC = TextCodec.INSTANCE;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Operation<?> op) {
        return new String(encode(CODEC, op), StandardCharsets.UTF_8);
    }

    @Test
    void aGetsHitIsReadWhereverTheSocketSplitsIt() {
        forEverySplit(CODEC, bytes("VALUE k 5 5 77\r\nhe\r\no\r\nEND\r\n"),
                () -> List.of(GetOperation.result(bytes("k"), StringTranscoder.UTF8, false, 0)),
                ops -> assertEquals(new GetResult<>("he\r\no", 5, 77), ops.get(0).future().getNow(null)));
    }

    @Test
    void aMultiGetFollowedByAnotherReplyIsReadWhereverTheSocketSplitsIt() {
        forEverySplit(CODEC, bytes("VALUE a 0 1\r\nA\r\nVALUE c 0 2\r\nCC\r\nEND\r\nSTORED\r\n"),
                () -> List.of(new MultiGetOperation<String, String>(List.of("a", "b", "c"),
                        List.of(bytes("a"), bytes("b"), bytes("c")), StringTranscoder.UTF8, false),
                        new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0, Results.SET)),
                ops -> {
                    assertEquals(Map.of("a", "A", "c", "CC"), ops.get(0).future().getNow(null));
                    assertEquals(true, ops.get(1).future().getNow(null));
                });
    }

    @Test
    void everyReplyKindCompletesItsOperation() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<Boolean> add = sink.send(new StoreOperation<>(OpKind.ADD, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                Results.CONDITIONAL_STORE), 0);
        Operation<CasResult> cas = sink.send(new StoreOperation<>(OpKind.CAS, bytes("k"), new CachedData(0, bytes("v")), 0, 5,
                Results.CAS), 0);
        Operation<CasResult> casGone = sink.send(new StoreOperation<>(OpKind.CAS, bytes("k"), new CachedData(0, bytes("v")), 0,
                5, Results.CAS), 0);
        Operation<Boolean> delete = sink.send(new DeleteOperation<>(bytes("k"), 0, Results.FOUND), 0);
        Operation<CasResult> deleteCas = sink.send(new DeleteOperation<>(bytes("k"), 3, Results.CAS), 0);
        Operation<Long> incr = sink.send(new ArithmeticOperation(OpKind.INCR, bytes("n"), 1, 0, ArithmeticOperation.NO_CREATE), 0);
        Operation<Long> decrMiss = sink.send(new ArithmeticOperation(OpKind.DECR, bytes("n"), 1, 0,
                ArithmeticOperation.NO_CREATE), 0);
        Operation<Boolean> touch = sink.send(new TouchOperation(bytes("k"), 10), 0);
        Operation<String> miss = sink.send(GetOperation.value(bytes("x"), StringTranscoder.UTF8, false, 0), 0);
        Operation<Map<String, String>> stats = sink.send(ServerOperation.stats("settings"), 0);
        Operation<String> version = sink.send(ServerOperation.version(), 0);
        Operation<Void> noop = sink.send(ServerOperation.noop(), 0);
        Operation<Void> flush = sink.send(ServerOperation.flushAll(0), 0);
        feed(ch, bytes("NOT_STORED\r\nEXISTS\r\nNOT_FOUND\r\nDELETED\r\nEX\r\n18446744073709551615\r\nNOT_FOUND\r\n"
                + "TOUCHED\r\nEND\r\nSTAT maxbytes 67108864\r\nSTAT evictions on\r\nEND\r\nVERSION 1.6.18\r\nMN\r\nOK\r\n"));
        assertEquals(false, add.future().getNow(null));
        assertEquals(CasResult.EXISTS, cas.future().getNow(null));
        assertEquals(CasResult.NOT_FOUND, casGone.future().getNow(null));
        assertEquals(true, delete.future().getNow(null));
        assertEquals(CasResult.EXISTS, deleteCas.future().getNow(null));
        assertEquals(-1L, incr.future().getNow(null));
        assertTrue(decrMiss.future().isDone());
        assertNull(decrMiss.future().getNow(0L));
        assertEquals(true, touch.future().getNow(null));
        assertNull(miss.future().getNow("pending"));
        assertEquals(Map.of("maxbytes", "67108864", "evictions", "on"), stats.future().getNow(null));
        assertEquals("1.6.18", version.future().getNow(null));
        assertTrue(noop.future().isDone() && !noop.future().isCompletedExceptionally());
        assertTrue(flush.future().isDone() && !flush.future().isCompletedExceptionally());
        assertEquals(0, sink.inFlight());
        assertNull(sink.protocolError());
        ch.finishAndReleaseAll();
    }

    @Test
    void errorLinesFailOnlyTheirOperation() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<Long> incr = sink.send(new ArithmeticOperation(OpKind.INCR, bytes("k"), 1, 0, ArithmeticOperation.NO_CREATE), 0);
        Operation<Boolean> set = sink.send(new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                Results.SET), 0);
        Operation<Boolean> next = sink.send(new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                Results.SET), 0);
        feed(ch, bytes("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"
                + "SERVER_ERROR out of memory storing object\r\nSTORED\r\n"));
        MemcacheServerException e1 = assertInstanceOf(MemcacheServerException.class,
                assertThrows(CompletionException.class, () -> incr.future().join()).getCause());
        assertEquals(MemcacheStatus.NON_NUMERIC_VALUE, e1.status());
        assertEquals("cannot increment or decrement non-numeric value", e1.serverMessage());
        MemcacheServerException e2 = assertInstanceOf(MemcacheServerException.class,
                assertThrows(CompletionException.class, () -> set.future().join()).getCause());
        assertEquals(MemcacheStatus.OUT_OF_MEMORY, e2.status());
        assertEquals(true, next.future().getNow(null));
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedOrUnaskedRepliesDropTheConnectionAndFailWhatWaits() {
        for (String garbage : List.of("VALUE k notanumber 5\r\n", "STORED\r\n", "VALUE k 0 1\r\nXY\r\nEND\r\n",
                "HTTP/1.1 400 Bad Request\r\n")) {
            RecordingSink sink = new RecordingSink();
            EmbeddedChannel ch = channel(CODEC, sink);
            Operation<String> get = sink.send(GetOperation.value(bytes("k"), StringTranscoder.UTF8, false, 0), 0);
            feed(ch, bytes(garbage));
            assertNotNull(sink.protocolError(), garbage);
            assertInstanceOf(MemcacheConnectionException.class,
                    assertThrows(CompletionException.class, () -> get.future().join()).getCause(), garbage);
            ch.finishAndReleaseAll();
        }
        RecordingSink idle = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, idle);
        feed(ch, bytes("STORED\r\n"));
        assertNotNull(idle.protocolError(), "a reply while nothing is in flight");
        ch.finishAndReleaseAll();
    }

    @Test
    void requestsAreMemcachedsTextCommands() {
        assertEquals("set k 4294967295 100 5\r\nhello\r\n", text(new StoreOperation<>(OpKind.SET, bytes("k"),
                new CachedData(-1, bytes("hello")), 100, 0, Results.SET)));
        assertEquals("cas k 0 0 1 18446744073709551615 noreply\r\nv\r\n", text(new StoreOperation<>(OpKind.CAS, bytes("k"),
                new CachedData(0, bytes("v")), 0, -1L, Results.CAS).noreply(true)));
        assertEquals("incr n 18446744073709551615\r\n", text(new ArithmeticOperation(OpKind.INCR, bytes("n"), -1L, 0,
                ArithmeticOperation.NO_CREATE)));
        assertEquals("get a b\r\n", text(new MultiGetOperation<String, String>(List.of("a", "b"),
                List.of(bytes("a"), bytes("b")), StringTranscoder.UTF8, false)));
        assertEquals("gats 60 k\r\n", text(GetOperation.result(bytes("k"), StringTranscoder.UTF8, true, 60)));
        assertEquals("md k C12\r\n", text(new DeleteOperation<>(bytes("k"), 12, Results.CAS)));
        assertEquals("delete k noreply\r\n", text(new DeleteOperation<>(bytes("k"), 0, Results.FOUND).noreply(true)));
        assertEquals("touch k 5\r\n", text(new TouchOperation(bytes("k"), 5)));
        assertEquals("flush_all 10\r\n", text(ServerOperation.flushAll(10)));
        assertEquals("stats slabs\r\n", text(ServerOperation.stats("slabs")));
    }

    @Test
    void keysThatWouldInjectCommandsAreRefused() {
        for (String bad : List.of("a b", "a\r\nflush_all", "tab\tkey", "nul\0", "del\u007f", "")) {
            assertThrows(IllegalArgumentException.class, () -> CODEC.validateKey(bytes(bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> CODEC.validateKey(new byte[251]));
        CODEC.validateKey(bytes("ünïcödé:key/1"));
        CODEC.validateKey(bytes("x".repeat(250)));
    }
}
