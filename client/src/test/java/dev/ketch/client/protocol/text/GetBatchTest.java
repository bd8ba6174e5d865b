package dev.ketch.client.protocol.text;

import static dev.ketch.client.protocol.CodecFixture.channel;
import static dev.ketch.client.protocol.CodecFixture.encode;
import static dev.ketch.client.protocol.CodecFixture.feed;
import static dev.ketch.client.protocol.CodecFixture.forEverySplit;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void consecutiveGetsOfOneKindBecomeOneLineAndOtherOperationsStayAlone() {
        StoreOperation<Boolean> set = new StoreOperation<>(OpKind.SET, bytes("s"), new CachedData(0, bytes("v")), 0, 0,
                Results.SET);
        Queue<Operation<?>> queue = new ArrayDeque<>(List.of(get("b"), get("c"), gets("d"), gets("e"), set, get("f")));
        Operation<?> first = CODEC.coalesce(get("a"), queue);
        assertEquals("get a b c\r\n", text(first));
        assertEquals("gets d e\r\n", text(CODEC.coalesce(queue.poll(), queue)));
        assertSame(set, CODEC.coalesce(queue.poll(), queue), "a store is never batched");
        Operation<?> alone = queue.poll();
        assertSame(alone, CODEC.coalesce(alone, queue), "a get with nothing after it is sent as it is");
        assertEquals("get f\r\n", text(alone));
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

    @Test
    void eachMemberGetsItsOwnItemOrMissWhereverTheSocketSplitsTheReply() {
        List<List<GetOperation<String, GetResult<String>>>> runs = new ArrayList<>();
        forEverySplit(CODEC, bytes("VALUE a 0 1\r\nA\r\nVALUE a 0 1\r\nA\r\nVALUE c 7 2 99\r\nCC\r\nEND\r\nSTORED\r\n"),
                () -> {
                    List<GetOperation<String, GetResult<String>>> members = List.of(gets("a"), gets("b"), gets("a"), gets("c"), gets("d"));
                    runs.add(members);
                    Queue<Operation<?>> queue = new ArrayDeque<>(members.subList(1, members.size()));
                    return List.of(CODEC.coalesce(members.get(0), queue), new StoreOperation<>(OpKind.SET, bytes("k"),
                            new CachedData(0, bytes("v")), 0, 0, Results.SET));
                },
                ops -> {
                    List<GetOperation<String, GetResult<String>>> members = runs.get(runs.size() - 1);
                    assertEquals(new GetResult<>("A", 0, 0), members.get(0).future().getNow(null));
                    assertNull(members.get(1).future().getNow(new GetResult<>("pending", 0, 0)));
                    assertEquals(new GetResult<>("A", 0, 0), members.get(2).future().getNow(null), "asked for twice");
                    assertEquals(new GetResult<>("CC", 7, 99), members.get(3).future().getNow(null));
                    assertNull(members.get(4).future().getNow(new GetResult<>("pending", 0, 0)));
                    assertEquals(true, ops.get(1).future().getNow(null), "the next reply is read as the next one's");
                });
    }

    @Test
    void anErrorLineFailsEveryMemberAndTheNextReplyIsStillReadRight() {
        RecordingSink sink = new RecordingSink();
        EmbeddedChannel ch = channel(CODEC, sink);
        GetOperation<String, String> a = get("a");
        GetOperation<String, String> b = get("b");
        sink.send(CODEC.coalesce(a, new ArrayDeque<>(List.of(b))), 0);
        Operation<Boolean> set = sink.send(new StoreOperation<>(OpKind.SET, bytes("k"), new CachedData(0, bytes("v")), 0, 0,
                Results.SET), 0);
        feed(ch, bytes("SERVER_ERROR out of memory writing get response\r\nSTORED\r\n"));
        for (GetOperation<String, String> member : List.of(a, b)) {
            MemcacheServerException e = assertInstanceOf(MemcacheServerException.class,
                    assertThrows(CompletionException.class, () -> member.future().join()).getCause());
            assertEquals(MemcacheStatus.OUT_OF_MEMORY, e.status());
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
