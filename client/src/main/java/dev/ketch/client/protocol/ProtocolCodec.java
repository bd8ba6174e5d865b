package dev.ketch.client.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import java.util.Queue;

/** One memcached protocol: how operations are written and how replies are read back. */
public interface ProtocolCodec {

    /**
     * Writes {@code op}'s request (for a multi-get, all of its parts) to {@code out}. Large values
     * may be added as separate buffers rather than copied: {@code out} is then a composite.
     */
    void encode(Operation<?> op, ByteBuf out);

    /**
     * What to write for {@code first}, the next operation of a connection's queue: {@code first}
     * itself, or (where the protocol gains from it) one operation standing for it and for those
     * that follow it in {@code queue}, which it then takes from the queue.
     */
    default Operation<?> coalesce(Operation<?> first, Queue<Operation<?>> queue) {
        return first;
    }

    /**
     * How many opaques {@code op}'s request numbers its parts with, from {@code op.opaque()} on:
     * the connection gives the next operation the opaque after them. One for most protocols and
     * operations.
     */
    default int opaquesUsedBy(Operation<?> op) {
        return 1;
    }

    /** A new decoder for one connection, delivering replies to {@code sink}. */
    ChannelHandler newDecoder(ReplySink sink);

    /** Validates a key for this protocol; throws {@link IllegalArgumentException} when it is not usable. */
    void validateKey(byte[] key);

    /** True if quiet/noreply requests of this kind exist in this protocol. */
    boolean supportsNoreply(OpKind kind);

    /** True if this protocol has a form of {@code kind} at all. */
    boolean supports(OpKind kind);

    /** True if incr/decr can create a missing key with an initial value (binary protocol). */
    boolean createsOnArithmetic();

    /** How this protocol authenticates: {@link OpKind#SASL_PLAIN} or {@link OpKind#TEXT_AUTH}. */
    OpKind authentication();
}
