package dev.ketch.client.protocol.binary;

import static dev.ketch.client.protocol.CodecFixture.channel;
import static dev.ketch.client.protocol.CodecFixture.encode;
import static dev.ketch.client.protocol.CodecFixture.feed;
import static dev.ketch.client.protocol.CodecFixture.forEverySplit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.ketch.client.protocol.ArithmeticOperation;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.RecordingSink;
import dev.ketch.client.protocol.Results;
import dev.ketch.client.protocol.ServerOperation;
import dev.ketch.client.protocol.StoreOperation;
import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.StringTranscoder;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class BinaryCodecTest {

    private static final BinaryCodec CODEC = BinaryCodec.INSTANCE;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A response packet as memcached writes it. */
    static byte[] response(byte opcode, int status, int opaque, long cas, byte[] extras, byte[] key, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(24 + extras.length + key.length + value.length);
        b.put(BinaryOpcodes.RESPONSE_MAGIC).put(opcode).putShort((short) key.length).put((byte) extras.length)
                .put((byte) 0).putShort((short) status).putInt(extras.length + key.length + value.length)
                .putInt(opaque).putLong(cas).put(extras).put(key).put(value);
        return b.array();
    }

    private static byte[] flags(int flags) {
        return ByteBuffer.allocate(4).putInt(flags).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static final byte[] NONE = new byte[0];

    @Test
    void aGetHitIsReadWhereverTheSocketSplitsIt() {
        byte[] reply = response(BinaryOpcodes.GET, 0, 1, 77, flags(5), NONE, bytes("hello"));
        forEverySplit(CODEC, reply,
                () -> List.of(GetOperation.result(bytes("k"), StringTranscoder.UTF8, false, 0)),
                ops -> assertEquals(new GetResult<>("hello", 5, 77), ops.get(0).future().getNow(null)));
    }

    /** A multi-get of a, b and c fed {@code reply}, however split, finds a = A and c = CC. */
    private static void assertMultiGetOfABCFindsAAndC(byte[] reply) {
        assertMultiGetOfABCFinds(reply, Map.of("a", "A", "c", "CC"));
    }

    /** A multi-get of a, b and c fed {@code reply}, however split, finds {@code expected}. */
    private static void assertMultiGetOfABCFinds(byte[] reply, Map<String, String> expected) {
        forEverySplit(CODEC, reply,
                () -> List.of(new MultiGetOperation<String, String>(List.of("a", "b", "c"),
                        List.of(bytes("a"), bytes("b"), bytes("c")), StringTranscoder.UTF8, false)),
                ops -> assertEquals(expected, ops.get(0).future().getNow(null)));
    }

    @Test
    void aMultiGetIsReadWhereverTheSocketSplitsIt() {
        byte[] reply = concat(
                response(BinaryOpcodes.GETKQ, 0, 1, 1, flags(0), bytes("a"), bytes("A")),
                response(BinaryOpcodes.GETKQ, 0, 1, 2, flags(0), bytes("c"), bytes("CC")),
                response(BinaryOpcodes.NOOP, 0, 1, 0, NONE, NONE, NONE));
        assertMultiGetOfABCFindsAAndC(reply);
    }

    @Test
    void aMultiGetsItemsWithoutTheirKeysAreNamedByTheirOpaques() {
        // GETQ replies carry no key: the opaque after the operation's own gives the key's position
        byte[] reply = concat(
                response(BinaryOpcodes.GETQ, 0, 2, 1, flags(0), NONE, bytes("A")),
                response(BinaryOpcodes.GETQ, 0, 4, 2, flags(0), NONE, bytes("CC")),
                response(BinaryOpcodes.NOOP, 0, 1, 0, NONE, NONE, NONE));
        assertMultiGetOfABCFindsAAndC(reply);
    }

    @Test
    void theReplyToAMultiGetsLastKeyEndsItWithTheLastItem() {
        // the last key is a GET with the operation's opaque: its hit names the last key
        byte[] reply = concat(
                response(BinaryOpcodes.GETQ, 0, 2, 1, flags(0), NONE, bytes("A")),
                response(BinaryOpcodes.GET, 0, 1, 2, flags(0), NONE, bytes("CC")));
        assertMultiGetOfABCFindsAAndC(reply);
    }

    @Test
    void aMissOnAMultiGetsLastKeyEndsItWithoutAnItem() {
        byte[] reply = concat(
                response(BinaryOpcodes.GETQ, 0, 2, 1, flags(0), NONE, bytes("A")),
                response(BinaryOpcodes.GETQ, 0, 3, 2, flags(0), NONE, bytes("B")),
                response(BinaryOpcodes.GET, MemcacheStatus.KEY_NOT_FOUND.binaryCode(), 1, 0, NONE, NONE, bytes("Not found")));
        assertMultiGetOfABCFinds(reply, Map.of("a", "A", "b", "B"));
    }

    @Test
    void anErrorOnAMultiGetsLastKeyFailsIt() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<Map<String, String>> multi = sink.send(new MultiGetOperation<String, String>(List.of("a", "b"),
                List.of(bytes("a"), bytes("b")), StringTranscoder.UTF8, false), 5);
        Operation<Boolean> next = sink.send(new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                Results.SET), 8);
        feed(ch, concat(
                response(BinaryOpcodes.GET, 0x82, 5, 0, NONE, NONE, bytes("Out of memory")),
                response(BinaryOpcodes.SET, 0, 8, 1, NONE, NONE, NONE)));
        CompletionException e = assertThrows(CompletionException.class, () -> multi.future().join());
        assertInstanceOf(MemcacheServerException.class, e.getCause());
        assertTrue(next.future().join(), "the connection goes on with the next operation");
        assertNull(sink.protocolError());
        ch.finishAndReleaseAll();
    }

    @Test
    void aMultiGetItemWithAnOpaqueBeyondItsKeysDropsTheConnection() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<Map<String, String>> multi = sink.send(new MultiGetOperation<String, String>(List.of("a", "b"),
                List.of(bytes("a"), bytes("b")), StringTranscoder.UTF8, false), 5);
        feed(ch, response(BinaryOpcodes.GETQ, 0, 5 + 3, 1, flags(0), NONE, bytes("A")));
        assertNotNull(sink.protocolError());
        CompletionException e = assertThrows(CompletionException.class, () -> multi.future().join());
        assertInstanceOf(MemcacheConnectionException.class, e.getCause());
        ch.finishAndReleaseAll();
    }

    @Test
    void manyRepliesInOneBufferCompleteTheirOperationsInOrder() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<Boolean> set = sink.send(new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                Results.SET), 1);
        Operation<Boolean> add = sink.send(new StoreOperation<>(OpKind.ADD, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                Results.CONDITIONAL_STORE), 2);
        Operation<String> miss = sink.send(GetOperation.value(bytes("x"), StringTranscoder.UTF8, false, 0), 3);
        Operation<Long> incr = sink.send(new ArithmeticOperation(OpKind.INCR, bytes("n"), 1, 0,
                ArithmeticOperation.NO_CREATE), 4);
        Operation<CasResult> cas = sink.send(new StoreOperation<>(OpKind.CAS, bytes("k"), new CachedData(0, bytes("v")), 0, 9,
                Results.CAS), 5);
        Operation<Map<String, String>> stats = sink.send(ServerOperation.stats(""), 6);
        Operation<String> version = sink.send(ServerOperation.version(), 7);
        feed(ch, concat(
                response(BinaryOpcodes.SET, 0, 1, 10, NONE, NONE, NONE),
                response(BinaryOpcodes.ADD, 2, 2, 0, NONE, NONE, bytes("Data exists for key.")),
                response(BinaryOpcodes.GET, 1, 3, 0, NONE, NONE, bytes("Not found")),
                response(BinaryOpcodes.INCREMENT, 0, 4, 11, NONE, NONE, ByteBuffer.allocate(8).putLong(-1L).array()),
                response(BinaryOpcodes.SET, 2, 5, 0, NONE, NONE, bytes("Data exists for key.")),
                response(BinaryOpcodes.STAT, 0, 6, 0, NONE, bytes("pid"), bytes("42")),
                response(BinaryOpcodes.STAT, 0, 6, 0, NONE, bytes("uptime"), bytes("7")),
                response(BinaryOpcodes.STAT, 0, 6, 0, NONE, NONE, NONE),
                response(BinaryOpcodes.VERSION, 0, 7, 0, NONE, NONE, bytes("1.6.18"))));
        assertEquals(true, set.future().getNow(null));
        assertEquals(false, add.future().getNow(null));
        assertTrue(miss.future().isDone());
        assertNull(miss.future().getNow("not done"));
        assertEquals(-1L, incr.future().getNow(null), "unsigned 2^64-1");
        assertEquals(CasResult.EXISTS, cas.future().getNow(null));
        assertEquals(Map.of("pid", "42", "uptime", "7"), stats.future().getNow(null));
        assertEquals("1.6.18", version.future().getNow(null));
        assertEquals(0, sink.inFlight());
        assertNull(sink.protocolError());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void anErrorStatusFailsWithTheServersStatusAndMessage() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<Boolean> set = sink.send(new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                Results.SET), 1);
        feed(ch, response(BinaryOpcodes.SET, 0x03, 1, 0, NONE, NONE, bytes("Too large.")));
        CompletionException e = assertThrows(CompletionException.class, () -> set.future().join());
        MemcacheServerException server = assertInstanceOf(MemcacheServerException.class, e.getCause());
        assertEquals(MemcacheStatus.VALUE_TOO_LARGE, server.status());
        assertEquals("Too large.", server.serverMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void aFailedQuietRequestsReplyIsSkipped() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<String> get = sink.send(GetOperation.value(bytes("k"), StringTranscoder.UTF8, false, 0), 2);
        feed(ch, concat(
                response(BinaryOpcodes.SET, 0x03, 1 | BinaryReplyDecoder.NOREPLY_OPAQUE_BIT, 0, NONE, NONE, bytes("Too large.")),
                response(BinaryOpcodes.GET, 0, 2, 3, flags(0), NONE, bytes("v"))));
        assertEquals("v", get.future().getNow(null));
        assertNull(sink.protocolError());
        ch.finishAndReleaseAll();
    }

    @Test
    void aReplyWithAnUnknownOpaqueDropsTheConnectionAndFailsWhatWaits() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        Operation<String> get = sink.send(GetOperation.value(bytes("k"), StringTranscoder.UTF8, false, 0), 2);
        feed(ch, response(BinaryOpcodes.GET, 0, 99, 3, flags(0), NONE, bytes("v")));
        assertNotNull(sink.protocolError());
        CompletionException e = assertThrows(CompletionException.class, () -> get.future().join());
        assertInstanceOf(MemcacheConnectionException.class, e.getCause());
        ch.finishAndReleaseAll();
    }

    @Test
    void garbageDropsTheConnectionAndFailsWhatWaits() {
        for (byte[] garbage : List.of(bytes("SERVER_ERROR out of memory\r\n............"),
                response(BinaryOpcodes.GET, 0, 1, 0, new byte[8], bytes("0123456789"), NONE))) {
            RecordingSink sink = new RecordingSink();
            EmbeddedChannel ch = channel(CODEC, sink);
            Operation<String> get = sink.send(GetOperation.value(bytes("k"), StringTranscoder.UTF8, false, 0), 1);
            if (garbage[0] == BinaryOpcodes.RESPONSE_MAGIC) {
                garbage[11] = 5; // body length shorter than key + extras
            }
            feed(ch, garbage);
            assertNotNull(sink.protocolError());
            assertTrue(get.future().isCompletedExceptionally());
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void requestsAreMemcachedsBinaryPackets() {
        StoreOperation<Boolean> set = new StoreOperation<>(OpKind.SET, bytes("key"), new CachedData(0xdeadbeef, bytes("value")),
                3600, 0, Results.SET);
        set.opaque(7);
        byte[] packet = encode(CODEC, set);
        ByteBuffer b = ByteBuffer.wrap(packet);
        assertEquals((byte) 0x80, b.get(0));
        assertEquals(BinaryOpcodes.SET, b.get(1));
        assertEquals(3, b.getShort(2));
        assertEquals(8, b.get(4));
        assertEquals(8 + 3 + 5, b.getInt(8));
        assertEquals(7, b.getInt(12));
        assertEquals(0xdeadbeef, b.getInt(24));
        assertEquals(3600, b.getInt(28));
        assertArrayEquals(bytes("keyvalue"), java.util.Arrays.copyOfRange(packet, 32, packet.length));

        MultiGetOperation<String, String> multi = new MultiGetOperation<>(List.of("a", "b"), List.of(bytes("a"), bytes("b")),
                StringTranscoder.UTF8, false);
        multi.opaque(9);
        ByteBuffer m = ByteBuffer.wrap(encode(CODEC, multi));
        assertEquals(2 * 24 + 2, m.limit(), "GETQ a, GET b");
        assertEquals(BinaryOpcodes.GETQ, m.get(1));
        assertEquals(10, m.getInt(12), "the first key's opaque follows the operation's");
        assertEquals('a', m.get(24));
        assertEquals(BinaryOpcodes.GET, m.get(25 + 1));
        assertEquals(9, m.getInt(25 + 12), "the last key's GET carries the operation's opaque");
        assertEquals('b', m.get(49));
        assertEquals(3, CODEC.opaquesUsedBy(multi), "the next operation's opaque is none of the keys'");
        assertEquals(1, CODEC.opaquesUsedBy(GetOperation.result(bytes("k"), StringTranscoder.UTF8, false, 0)));
    }

    @Test
    void keysMayHoldAnyByteButMustBe1To250Long() {
        CODEC.validateKey(bytes("with space\r\n"));
        CODEC.validateKey(new byte[250]);
        assertThrows(IllegalArgumentException.class, () -> CODEC.validateKey(new byte[251]));
        assertThrows(IllegalArgumentException.class, () -> CODEC.validateKey(new byte[0]));
    }
}
