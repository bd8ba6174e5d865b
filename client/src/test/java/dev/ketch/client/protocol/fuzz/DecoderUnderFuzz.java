package dev.ketch.client.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.ketch.client.protocol.ArithmeticOperation;
import dev.ketch.client.protocol.DeleteOperation;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.ProtocolCodec;
import dev.ketch.client.protocol.RecordingSink;
import dev.ketch.client.protocol.Results;
import dev.ketch.client.protocol.ServerOperation;
import dev.ketch.client.protocol.StoreOperation;
import dev.ketch.client.protocol.TouchOperation;
import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.StringTranscoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A connection's reply side facing a hostile or broken server: the fuzzer picks the requests in
 * flight (each protocol's encoder writes them, as the connection would) and the bytes that come
 * back, in the pieces it likes. Whatever they are, the decoder throws nothing at Netty, leaks no
 * buffer, completes each future at most once with a value of its type or a {@code
 * MemcacheException}, and once the connection is closed (what the client does on a protocol
 * error or a lost connection) no future is left pending.
 */
final class DecoderUnderFuzz {

    private DecoderUnderFuzz() {
    }

    static void run(ProtocolCodec codec, FuzzedDataProvider data) {
        RecordingSink sink = new RecordingSink();
        List<Operation<?>> sent = new ArrayList<>();
        int n = data.consumeInt(1, 8);
        for (int i = 0; i < n; i++) {
            Operation<?> op = pick(data.consumeInt(0, 12), i);
            op.bind(null, null, System.nanoTime(), Long.MAX_VALUE / 4);
            ByteBuf request = Unpooled.buffer();
            try {
                codec.encode(op, request);
            } catch (RuntimeException notInThisProtocol) {
                continue; // e.g. a meta get in the binary protocol: never sent
            } finally {
                request.release();
            }
            sent.add(sink.send(op, i));
        }
        int piece = data.consumeInt(1, 128);
        byte[] replies = data.consumeRemainingAsBytes();
        EmbeddedChannel channel = new EmbeddedChannel(codec.newDecoder(sink));
        try {
            for (int i = 0; i < replies.length && sink.protocolError() == null; i += piece) {
                byte[] part = new byte[Math.min(piece, replies.length - i)];
                System.arraycopy(replies, i, part, 0, part.length);
                channel.writeInbound(Unpooled.wrappedBuffer(part));
                channel.checkException();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        // the connection is closed now: what it still waits for fails, as the client's connection does
        sink.protocolError("connection closed");
        for (Operation<?> op : sent) {
            check(op);
        }
    }

    private static Operation<?> pick(int which, int i) {
        byte[] key = ("key" + i).getBytes(StandardCharsets.US_ASCII);
        CachedData value = new CachedData(0, "value".getBytes(StandardCharsets.US_ASCII));
        return switch (which) {
            case 0 -> GetOperation.value(key, StringTranscoder.UTF8, false, 0);
            case 1 -> GetOperation.result(key, StringTranscoder.UTF8, false, 0);
            case 2 -> GetOperation.value(key, StringTranscoder.UTF8, true, 10);
            case 3 -> new MultiGetOperation<>(List.of("a", "b", "c"), List.of(bytes("a"), bytes("b"), bytes("c")),
                    StringTranscoder.UTF8, false);
            case 4 -> new StoreOperation<>(OpKind.SET, key, value, 0, 0, Results.SET);
            case 5 -> new StoreOperation<>(OpKind.CAS, key, value, 0, 7, Results.CAS);
            case 6 -> new DeleteOperation<>(key, 0, Results.FOUND);
            case 7 -> new ArithmeticOperation(OpKind.INCR, key, 1, 0, ArithmeticOperation.NO_CREATE);
            case 8 -> new TouchOperation(key, 10);
            case 9 -> ServerOperation.version();
            case 12 -> new dev.ketch.client.protocol.MetaGetOperation<>(key, StringTranscoder.UTF8, true, false,
                    dev.ketch.client.protocol.MetaGetOperation.NONE, dev.ketch.client.protocol.MetaGetOperation.NONE);
            case 10 -> ServerOperation.stats("");
            default -> ServerOperation.noop();
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void check(Operation<?> op) {
        CompletableFuture<?> f = op.future();
        if (!f.isDone()) {
            throw new AssertionError(op + " still pending after its connection closed");
        }
        Object result;
        try {
            result = f.join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof dev.ketch.client.MemcacheException)) {
                throw new AssertionError(op + " failed with " + e.getCause(), e.getCause());
            }
            return;
        }
        boolean fits = switch (op.kind()) {
            case GET, GAT -> result == null || result instanceof String;
            case MULTI_GET -> result instanceof Map;
            case SET, DELETE, TOUCH -> result instanceof Boolean;
            case CAS -> result instanceof dev.ketch.client.CasResult;
            case INCR -> result == null || result instanceof Long;
            case VERSION -> result instanceof String;
            case STATS -> result instanceof Map;
            default -> true;
        };
        if (!fits) {
            throw new AssertionError(op + " completed with " + result);
        }
    }
}
