package dev.ketch.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.function.Supplier;

/** Feeds reply bytes to a codec's decoder the ways a socket may deliver them. */
public final class CodecFixture {

    private CodecFixture() {
    }

    /** A decoder of {@code codec} on an embedded channel, delivering to {@code sink}. */
    public static EmbeddedChannel channel(ProtocolCodec codec, RecordingSink sink) {
        return new EmbeddedChannel(codec.newDecoder(sink));
    }

    /** Writes {@code bytes} to the channel in the given pieces (split points, ascending). */
    public static void feed(EmbeddedChannel channel, byte[] bytes, int... splits) {
        int from = 0;
        for (int split : splits) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, split - from));
            from = split;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, bytes.length - from));
    }

    /** The bytes of {@code op}'s request as {@code codec} encodes it. */
    public static byte[] encode(ProtocolCodec codec, Operation<?> op) {
        ByteBuf buf = Unpooled.buffer();
        try {
            codec.encode(op, buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /**
     * Runs {@code scenario} once for every way of splitting {@code reply} in two: each run gets a
     * fresh sink and channel, sends its operations, and is fed the reply in two pieces.
     */
    public static void forEverySplit(ProtocolCodec codec, byte[] reply, Supplier<List<Operation<?>>> operations,
            java.util.function.Consumer<List<Operation<?>>> check) {
        for (int split = 0; split <= reply.length; split++) {
            RecordingSink sink = new RecordingSink();
            EmbeddedChannel channel = channel(codec, sink);
            List<Operation<?>> ops = operations.get();
            int opaque = 1;
            for (Operation<?> op : ops) {
                sink.send(op, opaque++);
            }
            feed(channel, reply, split);
            try {
                check.accept(ops);
            } catch (AssertionError e) {
                throw new AssertionError("reply split at byte " + split + ": " + e.getMessage(), e);
            }
            if (sink.protocolError() != null) {
                throw new AssertionError("split at byte " + split + ": protocol error " + sink.protocolError());
            }
            channel.finishAndReleaseAll();
        }
    }
}
