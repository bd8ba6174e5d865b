package dev.ketch.client.protocol.binary;

import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.Reply;
import dev.ketch.client.protocol.ReplySink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads binary protocol responses and hands them to the connection's oldest in-flight operation,
 * which must carry the response's opaque; a multi-get's item may instead carry the opaque of its
 * key's position (see {@link BinaryCodec}), which names the key, and the reply to its last key's
 * GET, hit or miss, ends it. A response with a quiet request's opaque (an error for a noreply
 * store) is logged and dropped; any other mismatch, a bad magic byte or an absurd length is a
 * protocol error that closes the connection.
 */
final class BinaryReplyDecoder extends ByteToMessageDecoder {

    /** Opaques of quiet requests carry this bit: their error replies are waited for by no one. */
    static final int NOREPLY_OPAQUE_BIT = 0x8000_0000;
    private static final int MAX_BODY = 512 * 1024 * 1024;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BinaryReplyDecoder.class);

    private final ReplySink sink;
    private final Reply reply = new Reply();

    BinaryReplyDecoder(ReplySink sink) {
        this.sink = sink;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= BinaryOpcodes.HEADER_LENGTH) {
            int start = in.readerIndex();
            byte magic = in.getByte(start);
            int bodyLength = in.getInt(start + 8);
            if (magic != BinaryOpcodes.RESPONSE_MAGIC) {
                fail(in, String.format("bad magic byte 0x%02x in a reply", magic & 0xff));
                return;
            }
            if (bodyLength < 0 || bodyLength > MAX_BODY) {
                fail(in, "reply body of " + Integer.toUnsignedString(bodyLength) + " bytes");
                return;
            }
            if (in.readableBytes() < BinaryOpcodes.HEADER_LENGTH + bodyLength) {
                return;
            }
            if (!decodeOne(in, start, bodyLength)) {
                return;
            }
        }
    }

    private boolean decodeOne(ByteBuf in, int start, int bodyLength) {
        byte opcode = in.getByte(start + 1);
        int keyLength = in.getUnsignedShort(start + 2);
        int extrasLength = in.getUnsignedByte(start + 4);
        int status = in.getUnsignedShort(start + 6);
        int opaque = in.getInt(start + 12);
        long cas = in.getLong(start + 16);
        int valueLength = bodyLength - keyLength - extrasLength;
        if (valueLength < 0) {
            fail(in, "reply lengths disagree: key " + keyLength + ", extras " + extrasLength + ", body " + bodyLength);
            return false;
        }
        int body = start + BinaryOpcodes.HEADER_LENGTH;
        int end = body + bodyLength;
        if ((opaque & NOREPLY_OPAQUE_BIT) != 0) {
            LOG.debug("a quiet request failed with status 0x{}: {}", Integer.toHexString(status),
                    in.toString(body + extrasLength + keyLength, valueLength, StandardCharsets.US_ASCII));
            in.readerIndex(end);
            return true;
        }
        Operation<?> op = sink.awaiting();
        byte[] keyOfPosition = op != null && opcode != BinaryOpcodes.NOOP ? multiGetKey(op, opaque) : null;
        if (keyOfPosition != null) {
            opaque = op.opaque();
        }
        if (op == null || op.opaque() != opaque) {
            fail(in, "reply with opaque " + opaque + " while " + (op == null ? "nothing" : op + " (opaque " + op.opaque() + ")")
                    + " is awaited");
            return false;
        }
        MemcacheStatus memcacheStatus = MemcacheStatus.ofBinaryCode(status);
        OpKind kind = op.kind();
        boolean lastOfMultiGet = kind.isMultiGet() && opcode == BinaryOpcodes.GET;
        if (lastOfMultiGet && memcacheStatus == MemcacheStatus.KEY_NOT_FOUND) {
            reply.reset(Reply.Kind.END, MemcacheStatus.OK);
        } else if (lastOfMultiGet && memcacheStatus != MemcacheStatus.OK) {
            reply.reset(Reply.Kind.END, memcacheStatus);
        } else if (kind.isMultiGet()) {
            reply.reset(opcode == BinaryOpcodes.NOOP ? Reply.Kind.END : Reply.Kind.ITEM, memcacheStatus);
        } else if (kind == OpKind.STATS) {
            boolean last = keyLength == 0 && valueLength == 0 || memcacheStatus != MemcacheStatus.OK;
            reply.reset(last ? Reply.Kind.END : Reply.Kind.ITEM, memcacheStatus);
        } else {
            reply.reset(Reply.Kind.SINGLE, memcacheStatus);
        }
        reply.cas(cas);
        if (memcacheStatus != MemcacheStatus.OK) {
            reply.message(in.toString(body + extrasLength + keyLength, valueLength, StandardCharsets.US_ASCII));
        } else {
            fillSuccess(in, kind, body, extrasLength, keyLength, valueLength);
            if (keyOfPosition != null && keyLength == 0) {
                reply.key(keyOfPosition);
            } else if (lastOfMultiGet && keyLength == 0) {
                List<byte[]> keys = ((MultiGetOperation<?, ?>) op).keys();
                reply.key(keys.get(keys.size() - 1));
            }
        }
        in.readerIndex(end);
        sink.deliver(reply);
        if (lastOfMultiGet && reply.kind() == Reply.Kind.ITEM) {
            reply.reset(Reply.Kind.END, MemcacheStatus.OK);
            sink.deliver(reply);
        }
        return true;
    }

    /** The key a multi-get's item names by its opaque (its position after the operation's own), or null. */
    private static byte[] multiGetKey(Operation<?> op, int opaque) {
        if (!op.kind().isMultiGet()) {
            return null;
        }
        List<byte[]> keys = ((MultiGetOperation<?, ?>) op).keys();
        int position = (opaque - op.opaque() - 1) & 0x7fff_ffff;
        return position < keys.size() ? keys.get(position) : null;
    }

    private void fillSuccess(ByteBuf in, OpKind kind, int body, int extrasLength, int keyLength, int valueLength) {
        int keyAt = body + extrasLength;
        int valueAt = keyAt + keyLength;
        switch (kind) {
            case GET:
            case GETS:
            case GAT:
            case GATS:
            case MULTI_GET:
            case MULTI_GETS:
                if (extrasLength >= 4) {
                    reply.flags(in.getInt(body));
                }
                if (keyLength > 0) {
                    byte[] key = new byte[keyLength];
                    in.getBytes(keyAt, key);
                    reply.key(key);
                }
                byte[] value = new byte[valueLength];
                in.getBytes(valueAt, value);
                reply.value(value);
                break;
            case INCR:
            case DECR:
                if (valueLength == 8) {
                    reply.number(in.getLong(valueAt));
                }
                break;
            case STATS:
                reply.stat(in.toString(keyAt, keyLength, StandardCharsets.US_ASCII),
                        in.toString(valueAt, valueLength, StandardCharsets.US_ASCII));
                break;
            case VERSION:
                reply.stat("version", in.toString(valueAt, valueLength, StandardCharsets.US_ASCII));
                break;
            default:
                break;
        }
    }

    private void fail(ByteBuf in, String reason) {
        in.skipBytes(in.readableBytes());
        sink.protocolError(reason);
    }
}
