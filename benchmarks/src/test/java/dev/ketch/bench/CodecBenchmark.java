package dev.ketch.bench;

import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.ProtocolCodec;
import dev.ketch.client.protocol.Reply;
import dev.ketch.client.protocol.ReplySink;
import dev.ketch.client.protocol.binary.BinaryCodec;
import dev.ketch.client.protocol.text.TextCodec;
import dev.ketch.client.transcode.ByteArrayTranscoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's codecs without a network: {@code decodeGets} reads the replies to 64 pipelined
 * gets of 100-byte values (in the text protocol as memcached answers 64 separate {@code get}s)
 * into their operations' futures; {@code decodeMultiGet} reads a 100-key multi-get's reply;
 * {@code encodeGets} writes 64 get requests. Run with
 * {@code benchmarks/run.sh jmh CodecBenchmark -f 1 -wi 3 -i 5} (add {@code -prof gc} for the
 * bytes allocated per operation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private static final int GETS = 64;
    private static final int MULTI_KEYS = 100;
    private static final byte[] VALUE = new byte[100];

    @Param({"binary", "text"})
    public String protocol;

    private ProtocolCodec codec;
    private EmbeddedChannel channel;
    private final Sink sink = new Sink();
    private byte[][] keys;
    private ByteBuf getReplies;
    private ByteBuf multiGetReply;
    private ByteBuf out;

    @Setup
    public void setUp() {
        codec = protocol.equals("text") ? TextCodec.INSTANCE : BinaryCodec.INSTANCE;
        channel = new EmbeddedChannel(codec.newDecoder(sink));
        keys = new byte[MULTI_KEYS][];
        for (int i = 0; i < MULTI_KEYS; i++) {
            keys[i] = ("key:" + (1000 + i)).getBytes(StandardCharsets.US_ASCII);
        }
        getReplies = Unpooled.directBuffer().writeBytes(protocol.equals("text") ? textGets() : binaryGets(false));
        multiGetReply = Unpooled.directBuffer().writeBytes(protocol.equals("text") ? textMultiGet() : binaryGets(true));
        out = ByteBufAllocator.DEFAULT.directBuffer(64 * 1024);
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        getReplies.release();
        multiGetReply.release();
        out.release();
    }

    @Setup(Level.Invocation)
    public void resetOutput() {
        out.clear();
    }

    @Benchmark
    public Object decodeGets() {
        Operation<?> last = null;
        for (int i = 0; i < GETS; i++) {
            last = sink.send(GetOperation.value(keys[i], ByteArrayTranscoder.INSTANCE, false, 0));
        }
        channel.writeInbound(getReplies.retainedDuplicate());
        return last.future().getNow(null);
    }

    @Benchmark
    public Object decodeMultiGet() {
        List<String> names = new ArrayList<>(MULTI_KEYS);
        List<byte[]> encoded = new ArrayList<>(MULTI_KEYS);
        for (int i = 0; i < MULTI_KEYS; i++) {
            names.add(new String(keys[i], StandardCharsets.US_ASCII));
            encoded.add(keys[i]);
        }
        Operation<?> op = sink.send(new MultiGetOperation<>(names, encoded, ByteArrayTranscoder.INSTANCE, false));
        channel.writeInbound(multiGetReply.retainedDuplicate());
        return op.future().getNow(null);
    }

    @Benchmark
    public int encodeGets() {
        for (int i = 0; i < GETS; i++) {
            Operation<?> op = GetOperation.value(keys[i], ByteArrayTranscoder.INSTANCE, false, 0);
            op.opaque(i);
            codec.encode(op, out);
        }
        return out.writerIndex();
    }

    private byte[] textGets() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < GETS; i++) {
            b.writeBytes(("VALUE " + new String(keys[i], StandardCharsets.US_ASCII) + " 0 " + VALUE.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(VALUE);
            b.writeBytes("\r\nEND\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    private byte[] textMultiGet() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < MULTI_KEYS; i++) {
            b.writeBytes(("VALUE " + new String(keys[i], StandardCharsets.US_ASCII) + " 0 " + VALUE.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(VALUE);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes("END\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** GET responses (opaque 0) for the gets, or GETKQ responses and a NOOP for the multi-get. */
    private byte[] binaryGets(boolean multi) {
        ByteBuf b = Unpooled.buffer();
        int n = multi ? MULTI_KEYS : GETS;
        for (int i = 0; i < n; i++) {
            byte[] key = multi ? keys[i] : new byte[0];
            b.writeByte(0x81).writeByte(multi ? 0x0d : 0x00).writeShort(key.length).writeByte(4).writeByte(0).writeShort(0)
                    .writeInt(4 + key.length + VALUE.length).writeInt(0).writeLong(1).writeInt(0).writeBytes(key)
                    .writeBytes(VALUE);
        }
        if (multi) {
            b.writeByte(0x81).writeByte(0x0a).writeShort(0).writeByte(0).writeByte(0).writeShort(0).writeInt(0).writeInt(0)
                    .writeLong(0);
        }
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        return bytes;
    }

    /** In-flight operations in send order, as a connection keeps them. */
    private static final class Sink implements ReplySink {
        private final ArrayDeque<Operation<?>> inFlight = new ArrayDeque<>();

        <T> Operation<T> send(Operation<T> op) {
            op.opaque(0);
            inFlight.add(op);
            return op;
        }

        @Override
        public Operation<?> awaiting() {
            return inFlight.peekFirst();
        }

        @Override
        public void deliver(Reply reply) {
            Operation<?> op = inFlight.peekFirst();
            if (op != null && op.onReply(reply)) {
                inFlight.pollFirst();
            }
        }

        @Override
        public void protocolError(String reason) {
            throw new IllegalStateException(reason);
        }
    }
}
