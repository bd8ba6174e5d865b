package dev.ketch.client.protocol.meta;

import static dev.ketch.client.protocol.CodecFixture.channel;
import static dev.ketch.client.protocol.CodecFixture.encode;
import static dev.ketch.client.protocol.CodecFixture.feed;
import static dev.ketch.client.protocol.CodecFixture.forEverySplit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.ketch.client.MetaGetResult;
import dev.ketch.client.protocol.ArithmeticOperation;
import dev.ketch.client.protocol.DeleteOperation;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.InvalidateOperation;
import dev.ketch.client.protocol.MetaGetOperation;
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

class MetaCodecTest {

    private static final MetaCodec CODEC = MetaCodec.INSTANCE;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Operation<?> op) {
        return new String(encode(CODEC, op), StandardCharsets.UTF_8);
    }

    private static StoreOperation<Boolean> store(OpKind kind, String key, int flags, String value, int ttl, long cas) {
        return new StoreOperation<>(kind, bytes(key), new CachedData(flags, bytes(value)), ttl, cas, Results.CONDITIONAL_STORE);
    }

    @Test
    void retrievalsAreMetaGets() {
        assertEquals("mg k v f\r\n", text(GetOperation.value(bytes("k"), StringTranscoder.UTF8, false, 0)));
        assertEquals("mg k v f c\r\n", text(GetOperation.result(bytes("k"), StringTranscoder.UTF8, false, 0)));
        assertEquals("mg k v f T60\r\n", text(GetOperation.value(bytes("k"), StringTranscoder.UTF8, true, 60)));
        assertEquals("mg k v f c T-1\r\n", text(GetOperation.result(bytes("k"), StringTranscoder.UTF8, true, -1)));
        assertEquals("mg k T5\r\n", text(new TouchOperation(bytes("k"), 5)));
        assertEquals("mg k T5 q Oq\r\n", text(new TouchOperation(bytes("k"), 5).noreply(true)));
        assertEquals("mg a v f q O0\r\nmg b v f q O1\r\nmn\r\n", text(new MultiGetOperation<String, String>(List.of("a", "b"),
                List.of(bytes("a"), bytes("b")), StringTranscoder.UTF8, false)));
        assertEquals("mg a v f c q O0\r\nmn\r\n", text(new MultiGetOperation<String, GetResult<String>>(List.of("a"),
                List.of(bytes("a")), StringTranscoder.UTF8, true)));
        assertEquals("mg k v f c t l h s N30 R5\r\n",
                text(new MetaGetOperation<>(bytes("k"), StringTranscoder.UTF8, true, false, 30, 5)));
        assertEquals("mg k f c t l h s u\r\n", text(new MetaGetOperation<>(bytes("k"), StringTranscoder.UTF8, false, true,
                MetaGetOperation.NONE, MetaGetOperation.NONE)));
    }

    @Test
    void storesAreMetaSetsWithTheirMode() {
        assertEquals("ms k 5 T100 F4294967295\r\nhello\r\n", text(store(OpKind.SET, "k", -1, "hello", 100, 0)));
        assertEquals("ms k 1\r\nv\r\n", text(store(OpKind.SET, "k", 0, "v", 0, 0)));
        assertEquals("ms k 1 T-1 ME\r\nv\r\n", text(store(OpKind.ADD, "k", 0, "v", -1, 0)));
        assertEquals("ms k 1 MR\r\nv\r\n", text(store(OpKind.REPLACE, "k", 0, "v", 0, 0)));
        assertEquals("ms k 1 MA\r\nv\r\n", text(store(OpKind.APPEND, "k", 7, "v", 100, 0)), "append keeps flags and TTL");
        assertEquals("ms k 1 C5 MP\r\nv\r\n", text(store(OpKind.PREPEND, "k", 0, "v", 0, 5)));
        assertEquals("ms k 1 C18446744073709551615 q Oq\r\nv\r\n", text(store(OpKind.CAS, "k", 0, "v", 0, -1L).noreply(true)));
        assertEquals("ms k 1 c\r\nv\r\n", text(store(OpKind.SET, "k", 0, "v", 0, 0).returnsCas(true)));
    }

    @Test
    void deletesCountersAndServerCommands() {
        assertEquals("md k\r\n", text(new DeleteOperation<>(bytes("k"), 0, Results.FOUND)));
        assertEquals("md k C12\r\n", text(new DeleteOperation<>(bytes("k"), 12, Results.CAS)));
        assertEquals("md k q Oq\r\n", text(new DeleteOperation<>(bytes("k"), 0, Results.FOUND).noreply(true)));
        assertEquals("md k I T30\r\n", text(new InvalidateOperation(bytes("k"), 30, 0)));
        assertEquals("md k I T30 C9\r\n", text(new InvalidateOperation(bytes("k"), 30, 9)));
        assertEquals("ma n v D5\r\n", text(new ArithmeticOperation(OpKind.INCR, bytes("n"), 5, 0, ArithmeticOperation.NO_CREATE)));
        assertEquals("ma n v D18446744073709551615 MD\r\n",
                text(new ArithmeticOperation(OpKind.DECR, bytes("n"), -1L, 0, ArithmeticOperation.NO_CREATE)));
        assertEquals("ma n v D1 N0 J7\r\n", text(new ArithmeticOperation(OpKind.INCR, bytes("n"), 1, 7, 0)));
        assertEquals("ma n D1 q Oq\r\n",
                text(new ArithmeticOperation(OpKind.INCR, bytes("n"), 1, 0, ArithmeticOperation.NO_CREATE).noreply(true)));
        assertEquals("mn\r\n", text(ServerOperation.noop()));
        assertEquals("flush_all 10\r\n", text(ServerOperation.flushAll(10)));
        assertEquals("flush_all 0 noreply\r\n", text(ServerOperation.flushAll(0).noreply(true)));
        assertEquals("version\r\n", text(ServerOperation.version()));
        assertEquals("stats slabs\r\n", text(ServerOperation.stats("slabs")));
        assertEquals("verbosity 1\r\n", text(ServerOperation.verbosity(1)));
    }

    @Test
    void keysThatAreNotPrintableGoBase64WithTheBFlag() {
        byte[] key = {0, ' ', '\r', '\n'};
        assertEquals("mg ACANCg== b v f\r\n", text(GetOperation.value(key, StringTranscoder.UTF8, false, 0)));
        assertEquals("ms ACANCg== 1 b T9\r\nv\r\n", text(new StoreOperation<>(OpKind.SET, key, new CachedData(0, bytes("v")), 9, 0,
                Results.SET)));
        assertEquals("md ACANCg== b\r\n", text(new DeleteOperation<>(key, 0, Results.FOUND)));
        assertEquals("mg ü:1 v f\r\n", text(GetOperation.value(bytes("ü:1"), StringTranscoder.UTF8, false, 0)),
                "UTF-8 is printable: sent as it is");
        CODEC.validateKey(new byte[186]);
        assertThrows(IllegalArgumentException.class, () -> CODEC.validateKey(new byte[187]),
                "memcached takes base64 keys of at most 250 characters");
        CODEC.validateKey(bytes("x".repeat(250)));
        assertThrows(IllegalArgumentException.class, () -> CODEC.validateKey(bytes("x".repeat(251))));
        assertThrows(IllegalArgumentException.class, () -> CODEC.validateKey(new byte[0]));
    }

    @Test
    void aMultiGetAndTheNextReplyAreReadWhereverTheSocketSplitsThem() {
        forEverySplit(CODEC, bytes("VA 1 f3 O0\r\nA\r\nVA 3 f0 O2\r\nC\r\n\r\nMN\r\nHD c77\r\n"),
                () -> List.of(new MultiGetOperation<String, GetResult<String>>(List.of("a", "b", "c"),
                        List.of(bytes("a"), bytes("b"), bytes("c")), StringTranscoder.UTF8, true),
                        new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                                r -> r.cas()).returnsCas(true)),
                ops -> {
                    assertEquals(Map.of("a", new GetResult<>("A", 3, 0), "c", new GetResult<>("C\r\n", 0, 0)),
                            ops.get(0).future().getNow(null));
                    assertEquals(77L, ops.get(1).future().getNow(null));
                });
    }

    @Test
    void metadataAndTheStampedeFlagsAreReadWhereverTheSocketSplitsThem() {
        forEverySplit(CODEC, bytes("VA 2 f5 c9 t-1 l3 h1 s2 X W\r\nhi\r\nVA 0 f0 c3 t30 l0 h0 s0 Z\r\n\r\n"
                + "HD f0 c4 t100 l0 h0 s5\r\nEN\r\n"),
                () -> List.of(new MetaGetOperation<>(bytes("k"), StringTranscoder.UTF8, true, false, 30, MetaGetOperation.NONE),
                        new MetaGetOperation<>(bytes("p"), StringTranscoder.UTF8, true, false, 30, MetaGetOperation.NONE),
                        new MetaGetOperation<>(bytes("m"), StringTranscoder.UTF8, false, true, MetaGetOperation.NONE,
                                MetaGetOperation.NONE),
                        new MetaGetOperation<>(bytes("x"), StringTranscoder.UTF8, true, false, MetaGetOperation.NONE,
                                MetaGetOperation.NONE)),
                ops -> {
                    MetaGetResult<?> stale = (MetaGetResult<?>) ops.get(0).future().getNow(null);
                    assertEquals("hi", stale.value());
                    assertTrue(stale.hasValue() && stale.stale() && stale.won() && !stale.alreadyWon());
                    assertEquals(5, stale.flags());
                    assertEquals(9, stale.cas());
                    assertEquals(-1, stale.ttl());
                    assertEquals(3, stale.lastAccess());
                    assertTrue(stale.hitBefore());
                    assertEquals(2, stale.size());
                    MetaGetResult<?> placeholder = (MetaGetResult<?>) ops.get(1).future().getNow(null);
                    assertFalse(placeholder.hasValue(), "an empty item someone won is a placeholder, not a value");
                    assertTrue(placeholder.alreadyWon());
                    assertEquals(30, placeholder.ttl());
                    MetaGetResult<?> metadata = (MetaGetResult<?>) ops.get(2).future().getNow(null);
                    assertFalse(metadata.hasValue());
                    assertNull(metadata.value());
                    assertEquals(5, metadata.size());
                    assertEquals(100, metadata.ttl());
                    assertFalse(metadata.hitBefore());
                    assertTrue(ops.get(3).future().isDone());
                    assertNull(ops.get(3).future().getNow(null), "a miss");
                });
    }

    @Test
    void everyReplyKindCompletesItsOperation() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<GetResult<String>> hit = sink.send(GetOperation.result(bytes("k"), StringTranscoder.UTF8, false, 0), 0);
        Operation<String> miss = sink.send(GetOperation.value(bytes("x"), StringTranscoder.UTF8, false, 0), 0);
        Operation<Boolean> touched = sink.send(new TouchOperation(bytes("k"), 5), 0);
        Operation<Boolean> touchMiss = sink.send(new TouchOperation(bytes("x"), 5), 0);
        Operation<Boolean> add = sink.send(store(OpKind.ADD, "k", 0, "v", 0, 0), 0);
        Operation<CasResult> cas = sink.send(new StoreOperation<>(OpKind.CAS, bytes("k"), new CachedData(0, bytes("v")), 0, 5,
                Results.CAS), 0);
        Operation<CasResult> casGone = sink.send(new StoreOperation<>(OpKind.CAS, bytes("k"), new CachedData(0, bytes("v")), 0,
                5, Results.CAS), 0);
        Operation<Boolean> delete = sink.send(new DeleteOperation<>(bytes("k"), 0, Results.FOUND), 0);
        Operation<Long> incr = sink.send(new ArithmeticOperation(OpKind.INCR, bytes("n"), 1, 0, ArithmeticOperation.NO_CREATE), 0);
        Operation<Long> decrMiss = sink.send(new ArithmeticOperation(OpKind.DECR, bytes("n"), 1, 0,
                ArithmeticOperation.NO_CREATE), 0);
        Operation<Boolean> invalidated = sink.send(new InvalidateOperation(bytes("k"), 30, 0), 0);
        Operation<Map<String, String>> stats = sink.send(ServerOperation.stats("settings"), 0);
        Operation<String> version = sink.send(ServerOperation.version(), 0);
        Operation<Void> noop = sink.send(ServerOperation.noop(), 0);
        Operation<Void> flush = sink.send(ServerOperation.flushAll(0), 0);
        feed(ch, bytes("VA 5 f5 c77\r\nhe\r\no\r\nEN\r\nHD\r\nEN\r\nNS\r\nEX\r\nNF\r\nHD\r\nVA 20\r\n18446744073709551615\r\n"
                + "NF\r\nHD\r\nSTAT maxbytes 67108864\r\nEND\r\nVERSION 1.6.18\r\nMN\r\nOK\r\n"));
        assertEquals(new GetResult<>("he\r\no", 5, 77), hit.future().getNow(null));
        assertNull(miss.future().getNow("pending"));
        assertEquals(true, touched.future().getNow(null));
        assertEquals(false, touchMiss.future().getNow(null));
        assertEquals(false, add.future().getNow(null));
        assertEquals(CasResult.EXISTS, cas.future().getNow(null));
        assertEquals(CasResult.NOT_FOUND, casGone.future().getNow(null));
        assertEquals(true, delete.future().getNow(null));
        assertEquals(-1L, incr.future().getNow(null));
        assertTrue(decrMiss.future().isDone());
        assertNull(decrMiss.future().getNow(0L));
        assertEquals(true, invalidated.future().getNow(null));
        assertEquals(Map.of("maxbytes", "67108864"), stats.future().getNow(null));
        assertEquals("1.6.18", version.future().getNow(null));
        assertTrue(noop.future().isDone() && !noop.future().isCompletedExceptionally());
        assertTrue(flush.future().isDone() && !flush.future().isCompletedExceptionally());
        assertEquals(0, sink.inFlight());
        assertNull(sink.protocolError());
        ch.finishAndReleaseAll();
    }

    @Test
    void whatQuietRequestsStillGetIsDroppedNotTakenForTheNextReply() {
        forEverySplit(CODEC, bytes("NS Oq\r\nNF Oq\r\nVA 1 f0\r\nx\r\n"),
                () -> List.of(GetOperation.value(bytes("k"), StringTranscoder.UTF8, false, 0)),
                ops -> assertEquals("x", ops.get(0).future().getNow(null)));
    }

    @Test
    void anErrorForOneKeyOfAMultiGetFailsItAfterItsLastReplyAndTheNextReplyIsReadRight() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<Map<String, String>> multi = sink.send(new MultiGetOperation<String, String>(List.of("a", "b"),
                List.of(bytes("a"), bytes("b")), StringTranscoder.UTF8, false), 0);
        Operation<Boolean> next = sink.send(new DeleteOperation<>(bytes("k"), 0, Results.FOUND), 0);
        feed(ch, bytes("SERVER_ERROR out of memory\r\nVA 1 O1\r\nB\r\nMN\r\nNF\r\n"));
        MemcacheServerException e = assertInstanceOf(MemcacheServerException.class,
                assertThrows(CompletionException.class, () -> multi.future().join()).getCause());
        assertEquals(MemcacheStatus.OUT_OF_MEMORY, e.status());
        assertEquals(false, next.future().getNow(null));
        assertNull(sink.protocolError());
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedOrUnaskedRepliesDropTheConnectionAndFailWhatWaits() {
        for (String garbage : List.of("VA x\r\n", "HDX\r\n", "VA 1 O7\r\nA\r\nMN\r\n", "VA 1 cNaN\r\nA\r\n", "XY\r\n",
                "VALUE k 0 1\r\nA\r\nEND\r\n")) {
            RecordingSink sink = new RecordingSink();
            EmbeddedChannel ch = channel(CODEC, sink);
            Operation<Map<String, String>> multi = sink.send(new MultiGetOperation<String, String>(List.of("a"),
                    List.of(bytes("a")), StringTranscoder.UTF8, false), 0);
            feed(ch, bytes(garbage));
            assertNotNull(sink.protocolError(), garbage);
            assertInstanceOf(MemcacheConnectionException.class,
                    assertThrows(CompletionException.class, () -> multi.future().join()).getCause(), garbage);
            ch.finishAndReleaseAll();
        }
        RecordingSink idle = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, idle);
        feed(ch, bytes("HD\r\n"));
        assertNotNull(idle.protocolError(), "a reply while nothing is in flight");
        ch.finishAndReleaseAll();
    }
}
