package dev.ketch.client.protocol.text;

import static dev.ketch.client.protocol.CodecFixture.channel;
import static dev.ketch.client.protocol.CodecFixture.encode;
import static dev.ketch.client.protocol.CodecFixture.feed;
import static dev.ketch.client.protocol.CodecFixture.forEverySplit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.GetResult;
import dev.ketch.client.MemcacheServerException;
import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.protocol.GetBatch;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.RecordingSink;
import dev.ketch.client.protocol.Results;
import dev.ketch.client.protocol.StoreOperation;
import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.StringTranscoder;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Single gets queued together on a text connection go out as one {@code get k1 k2 ...}. */
class GetBatchTest {

    private static final TextCodec CODEC = TextCodec.INSTANCE;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static GetOperation<String, String> get(String key) {
        return GetOperation.value(bytes(key), StringTranscoder.UTF8, false, 0);
    }

    private static GetOperation<String, GetResult<String>> gets(String key) {
        return GetOperation.result(bytes(key), StringTranscoder.UTF8, false, 0);
    }

    private static String text(Operation<?> op) {
        return new String(encode(CODEC, op), StandardCharsets.UTF_8);
    }

    @Test
    void manyQueuedGetsOfOneKindBecomeOneLineFewAGetEachAndOtherOperationsStayAlone() {
        StoreOperation<Boolean> set = new StoreOperation<>(OpKind.SET, bytes("s"), new CachedData(0, bytes("v")), 0, 0,
                Results.SET);
        Queue<Operation<?>> queue = new ArrayDeque<>(List.of(get("b"), get("c"), gets("d"), gets("e"), set, get("f")));
        Operation<?> first = CODEC.coalesce(get("a"), queue);
        assertEquals("get a\r\nget b\r\nget c\r\n", text(first), "a few gets: a command each");
        assertEquals("gets d\r\ngets e\r\n", text(CODEC.coalesce(queue.poll(), queue)));
        assertSame(set, CODEC.coalesce(queue.poll(), queue), "a store is never batched");
        Operation<?> alone = queue.poll();
        assertSame(alone, CODEC.coalesce(alone, queue), "a get with nothing after it is sent as it is");
        assertEquals("get f\r\n", text(alone));

        Queue<Operation<?>> many = new ArrayDeque<>();
        StringBuilder line = new StringBuilder("get k0");
        for (int i = 1; i < 16; i++) {
            many.add(get("k" + i));
            line.append(" k").append(i);
        }
        assertEquals(line + "\r\n", text(CODEC.coalesce(get("k0"), many)), "16 gets: one command");
    }

    @Test
    void finishedOperationsAreDroppedAndLongRunsAreSplit() {
        Queue<Operation<?>> queue = new ArrayDeque<>();
        GetOperation<String, String> timedOut = get("late");
        timedOut.fail(new MemcacheTimeoutException("timed out while queued"));
        queue.add(timedOut);
        for (int i = 1; i < 100; i++) {
            queue.add(get("k" + i));
        }
        GetBatch batch = (GetBatch) CODEC.coalesce(get("k0"), queue);
        assertEquals(64, batch.members().size());
        assertTrue(batch.members().stream().noneMatch(m -> m == timedOut));
        assertEquals(100 - 64, queue.size());
    }

    /** 16 gets, keys a b a c d and k5..k15; a, a and c found. */
    private static List<GetOperation<String, GetResult<String>>> sixteen() {
        List<GetOperation<String, GetResult<String>>> members = new ArrayList<>(List.of(gets("a"), gets("b"), gets("a"),
                gets("c"), gets("d")));
        for (int i = 5; i < 16; i++) {
            members.add(gets("k" + i));
        }
        return members;
    }

    @Test
    void inOneLineEachMemberGetsItsOwnItemOrMissWhereverTheSocketSplitsTheReply() {
        List<List<GetOperation<String, GetResult<String>>>> runs = new ArrayList<>();
        forEverySplit(CODEC, bytes("VALUE a 0 1\r\nA\r\nVALUE a 0 1\r\nA\r\nVALUE c 7 2 99\r\nCC\r\nEND\r\nSTORED\r\n"),
                () -> {
                    List<GetOperation<String, GetResult<String>>> members = sixteen();
                    runs.add(members);
                    Queue<Operation<?>> queue = new ArrayDeque<>(members.subList(1, members.size()));
                    GetBatch batch = (GetBatch) CODEC.coalesce(members.get(0), queue);
                    assertTrue(batch.oneLine());
                    return List.of(batch, new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                            Results.SET));
                },
                ops -> {
                    List<GetOperation<String, GetResult<String>>> members = runs.get(runs.size() - 1);
                    assertEquals(new GetResult<>("A", 0, 0), members.get(0).future().getNow(null));
                    assertNull(members.get(1).future().getNow(new GetResult<>("pending", 0, 0)));
                    assertEquals(new GetResult<>("A", 0, 0), members.get(2).future().getNow(null), "asked for twice");
                    assertEquals(new GetResult<>("CC", 7, 99), members.get(3).future().getNow(null));
                    for (int i = 4; i < 16; i++) {
                        assertNull(members.get(i).future().getNow(new GetResult<>("pending", 0, 0)), "miss " + i);
                    }
                    assertEquals(true, ops.get(1).future().getNow(null), "the next reply is read as the next one's");
                });
    }

    @Test
    void aGetEachIsReadAsTheirSeparateRepliesWhereverTheSocketSplitsThem() {
        List<List<GetOperation<String, String>>> runs = new ArrayList<>();
        forEverySplit(CODEC, bytes("VALUE a 0 1\r\nA\r\nEND\r\nEND\r\nVALUE a 0 1\r\nA\r\nEND\r\nSTORED\r\n"),
                () -> {
                    List<GetOperation<String, String>> members = List.of(get("a"), get("b"), get("a"));
                    runs.add(members);
                    GetBatch batch = (GetBatch) CODEC.coalesce(members.get(0), new ArrayDeque<>(members.subList(1, 3)));
                    assertFalse(batch.oneLine());
                    return List.of(batch, new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                            Results.SET));
                },
                ops -> {
                    List<GetOperation<String, String>> members = runs.get(runs.size() - 1);
                    assertEquals("A", members.get(0).future().getNow(null));
                    assertNull(members.get(1).future().getNow("pending"));
                    assertEquals("A", members.get(2).future().getNow(null));
                    assertEquals(true, ops.get(1).future().getNow(null));
                });
    }

    @Test
    void anErrorLineFailsTheGetItAnswers() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        GetOperation<String, String> a = get("a");
        GetOperation<String, String> b = get("b");
        sink.send(CODEC.coalesce(a, new ArrayDeque<>(List.of(b))), 0);
        List<GetOperation<String, GetResult<String>>> members = sixteen();
        sink.send(CODEC.coalesce(members.get(0), new ArrayDeque<>(members.subList(1, 16))), 0);
        Operation<Boolean> set = sink.send(new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                Results.SET), 0);
        feed(ch, bytes("SERVER_ERROR out of memory writing get response\r\nVALUE b 0 1\r\nB\r\nEND\r\n"
                + "SERVER_ERROR out of memory writing get response\r\nSTORED\r\n"));
        MemcacheServerException e = assertInstanceOf(MemcacheServerException.class,
                assertThrows(CompletionException.class, () -> a.future().join()).getCause());
        assertEquals(MemcacheStatus.OUT_OF_MEMORY, e.status());
        assertEquals("B", b.future().join(), "separate gets: only the answered one fails");
        for (GetOperation<String, GetResult<String>> member : members) {
            assertInstanceOf(MemcacheServerException.class,
                    assertThrows(CompletionException.class, () -> member.future().join()).getCause(), "one line: all fail");
        }
        assertEquals(true, set.future().getNow(null));
        ch.finishAndReleaseAll();
    }

    @Test
    void failingTheBatchFailsTheMembersNotFinishedYet() {
        GetOperation<String, String> a = get("a");
        GetOperation<String, String> b = get("b");
        GetBatch batch = (GetBatch) CODEC.coalesce(a, new ArrayDeque<>(List.of(b)));
        batch.onReply(new dev.ketch.client.protocol.Reply().reset(dev.ketch.client.protocol.Reply.Kind.ITEM,
                MemcacheStatus.OK).key(bytes("a")).value(bytes("A")));
        MemcacheTimeoutException timeout = new MemcacheTimeoutException("get timed out");
        assertTrue(batch.fail(timeout));
        assertEquals("A", a.future().join(), "already answered");
        assertSame(timeout, assertThrows(CompletionException.class, () -> b.future().join()).getCause());
    }
}
