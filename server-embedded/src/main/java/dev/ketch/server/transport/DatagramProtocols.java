package dev.ketch.server.transport;

import io.netty.channel.ChannelHandler;
import java.util.Objects;
import java.util.function.Function;

/**
 * The protocol handlers behind memcached's UDP port. memcached chooses the protocol for every
 * request datagram by its first byte, whatever {@code -B} says: 0x80 (a binary request's magic)
 * means the binary protocol, anything else the text protocol.
 *
 * <h2>Extension point: the binary protocol over UDP</h2>
 * The binary protocol plugs in by passing its handler factory as {@code binary}, e.g. in
 * {@code MemcachedServer}: {@code new DatagramProtocols(text, connection -> new
 * BinaryProtocolHandler(context, connection))}. Until then ({@link #textOnly}) binary requests go
 * to the text handler, as they do on a TCP connection that only speaks text.
 *
 * <h2>What a handler sees on a UDP connection</h2>
 * {@link Connection#isDatagram()} is true. Each request datagram's payload (its 8-byte header
 * removed) arrives as one {@code channelRead} followed by {@code channelReadComplete}, on the
 * worker thread that owns the UDP connection; one handler serves every datagram of that
 * connection, and is replaced by a new one after it closes its channel ({@code quit}, protocol
 * errors) or when the next datagram asks for the other protocol. The handler writes its replies
 * as memcached builds responses, because memcached frames each response separately:
 * <ul>
 *   <li>every {@link io.netty.buffer.ByteBuf} written is one response, numbered from sequence 0
 *       and split into datagrams of at most 1400 bytes with its header (an empty buffer is a
 *       response with nothing in it; a response suppressed by {@code noreply} is not written);
 *   <li>{@code flush()} marks the point where memcached transmits what it has (after a
 *       retrieval command, at the end of the input, when yielding): an empty response sends an
 *       empty datagram only as the first response after such a point, because memcached skips
 *       empty responses that follow a response it just completed.
 * </ul>
 * Handlers that implement {@link DatagramSession} also get memcached's handling of data blocks
 * that continue in the next datagram.
 *
 * @param text makes the text protocol handler for a UDP connection
 * @param binary makes the binary protocol handler, or null when it is not available
 */
public record DatagramProtocols(Function<Connection, ChannelHandler> text, Function<Connection, ChannelHandler> binary) {

    /** The first byte of a binary protocol request. */
    static final int BINARY_REQUEST_MAGIC = 0x80;

    public DatagramProtocols {
        Objects.requireNonNull(text, "text");
    }

    /** Only the text protocol: binary requests are answered by the text handler. */
    public static DatagramProtocols textOnly(Function<Connection, ChannelHandler> text) {
        return new DatagramProtocols(text, null);
    }

    /** Whether a request starting with {@code firstByte} goes to the binary handler. */
    boolean isBinary(int firstByte) {
        return binary != null && (firstByte & 0xff) == BINARY_REQUEST_MAGIC;
    }

    ChannelHandler newHandler(boolean binaryRequest, Connection connection) {
        return (binaryRequest ? binary : text).apply(connection);
    }
}
