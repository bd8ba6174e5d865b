package dev.ketch.client.protocol.text;

import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.protocol.DeleteOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.Reply;
import dev.ketch.client.protocol.ReplySink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads text protocol replies. The protocol has no request ids, so each line is read as a reply
 * to the oldest in-flight operation: a {@code VALUE} line starts a data block (for one key the
 * value is held until {@code END}), {@code STAT} lines and items are passed on one by one, and
 * error lines ({@code ERROR}, {@code CLIENT_ERROR ...}, {@code SERVER_ERROR ...}) end whatever was
 * expected. A line that fits no expectation is a protocol error that closes the connection.
 *
 * <p>Lines are matched and their numbers parsed in the network buffer: the replies of gets and
 * stores make no {@code String}; only a value's bytes and an item's key are copied out.
 */
final class TextReplyDecoder extends ByteToMessageDecoder {

    /** Longer than any reply line memcached writes (a VALUE line with a 250-byte key is ~300). */
    private static final int MAX_LINE = 8192;
    private static final int MAX_VALUE = 512 * 1024 * 1024;

    private final ReplySink sink;
    private final Reply reply = new Reply();

    /** A data block being read: its length, or -1 while reading lines. */
    private int valueLength = -1;
    private byte[] itemKey;
    private int itemFlags;
    private long itemCas;
    /** A single get's value, held until END. */
    private byte[] heldValue;
    private byte[] heldKey;
    private int heldFlags;
    private long heldCas;

    TextReplyDecoder(ReplySink sink) {
        this.sink = sink;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (valueLength >= 0) {
                if (!readValue(in)) {
                    return;
                }
                continue;
            }
            int start = in.readerIndex();
            int lf = in.forEachByte(ByteProcessor.FIND_LF);
            if (lf < 0) {
                if (in.readableBytes() > MAX_LINE) {
                    fail(in, "reply line longer than " + MAX_LINE + " bytes");
                }
                return;
            }
            int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            in.readerIndex(lf + 1);
            if (!onLine(in, start, end)) {
                return;
            }
        }
    }

    private boolean readValue(ByteBuf in) {
        if (in.readableBytes() < valueLength + 2) {
            return false;
        }
        byte[] value = new byte[valueLength];
        in.readBytes(value);
        if (in.readByte() != '\r' || in.readByte() != '\n') {
            fail(in, "data block not terminated by CRLF");
            return false;
        }
        valueLength = -1;
        Operation<?> op = sink.awaiting();
        if (op == null) {
            fail(in, "value nobody waits for");
            return false;
        }
        if (itemByItem(op.kind())) {
            sink.deliver(reply.reset(Reply.Kind.ITEM, MemcacheStatus.OK).key(itemKey).value(value).flags(itemFlags)
                    .cas(itemCas));
        } else {
            heldValue = value;
            heldKey = itemKey;
            heldFlags = itemFlags;
            heldCas = itemCas;
        }
        return true;
    }

    /** Retrievals whose items are passed on one by one rather than held until END. */
    private static boolean itemByItem(OpKind kind) {
        return kind.isMultiGet() || kind == OpKind.GET_BATCH;
    }

    /** Handles the line {@code [start, end)}; returns false when decoding must stop (protocol error). */
    private boolean onLine(ByteBuf in, int start, int end) {
        Operation<?> op = sink.awaiting();
        if (op == null) {
            fail(in, "reply nobody waits for: " + text(in, start, end));
            return false;
        }
        MemcacheStatus error = ErrorLines.status(in, start, end);
        if (error != null) {
            heldValue = null;
            Reply.Kind kind = itemByItem(op.kind()) || op.kind() == OpKind.STATS ? Reply.Kind.END : Reply.Kind.SINGLE;
            sink.deliver(reply.reset(kind, error).message(ErrorLines.message(in, start, end)));
            return true;
        }
        switch (op.kind()) {
            case GET:
            case GETS:
            case GAT:
            case GATS:
            case MULTI_GET:
            case MULTI_GETS:
            case GET_BATCH:
                return retrievalLine(in, op, start, end);
            case SET:
            case ADD:
            case REPLACE:
            case APPEND:
            case PREPEND:
            case CAS:
                return single(in, start, end, storeStatus(in, start, end));
            case TEXT_AUTH:
                return single(in, start, end, is(in, start, end, Lines.STORED) ? MemcacheStatus.OK : null);
            case DELETE:
                return single(in, start, end, ((DeleteOperation<?>) op).cas() != 0 ? metaDeleteStatus(in, start, end)
                        : deleteStatus(in, start, end));
            case TOUCH:
                return single(in, start, end, is(in, start, end, Lines.TOUCHED) ? MemcacheStatus.OK
                        : is(in, start, end, Lines.NOT_FOUND) ? MemcacheStatus.KEY_NOT_FOUND : null);
            case INCR:
            case DECR:
                return arithmeticLine(in, start, end);
            case FLUSH_ALL:
            case VERBOSITY:
                return single(in, start, end, is(in, start, end, Lines.OK) ? MemcacheStatus.OK : null);
            case NOOP:
                return single(in, start, end, is(in, start, end, Lines.MN) ? MemcacheStatus.OK : null);
            case VERSION:
                if (startsWith(in, start, end, Lines.VERSION_)) {
                    String version = in.toString(start + Lines.VERSION_.length, end - start - Lines.VERSION_.length,
                            StandardCharsets.ISO_8859_1);
                    sink.deliver(reply.reset(Reply.Kind.SINGLE, MemcacheStatus.OK).stat("version", version));
                    return true;
                }
                return unexpected(in, op, start, end);
            case STATS:
                return statsLine(in, op, start, end);
            default:
                return unexpected(in, op, start, end);
        }
    }

    private boolean retrievalLine(ByteBuf in, Operation<?> op, int start, int end) {
        if (is(in, start, end, Lines.END)) {
            if (itemByItem(op.kind())) {
                sink.deliver(reply.reset(Reply.Kind.END, MemcacheStatus.OK));
            } else if (heldValue != null) {
                byte[] value = heldValue;
                heldValue = null;
                sink.deliver(reply.reset(Reply.Kind.SINGLE, MemcacheStatus.OK).key(heldKey).value(value)
                        .flags(heldFlags).cas(heldCas));
            } else {
                sink.deliver(reply.reset(Reply.Kind.SINGLE, MemcacheStatus.KEY_NOT_FOUND));
            }
            return true;
        }
        if (!startsWith(in, start, end, Lines.VALUE_)) {
            return unexpected(in, op, start, end);
        }
        // VALUE <key> <flags> <bytes> [<cas>]
        int keyStart = start + Lines.VALUE_.length;
        int keyEnd = nextSpace(in, keyStart, end);
        int flagsEnd = nextSpace(in, keyEnd + 1, end);
        int lengthEnd = nextSpace(in, flagsEnd + 1, end);
        if (keyEnd <= keyStart || flagsEnd >= end) {
            return unexpected(in, op, start, end);
        }
        long flags;
        long length;
        long cas;
        try {
            flags = Ascii.parseUnsigned(in, keyEnd + 1, flagsEnd);
            length = Ascii.parseUnsigned(in, flagsEnd + 1, lengthEnd);
            cas = lengthEnd == end ? 0 : Ascii.parseUnsigned(in, lengthEnd + 1, end);
        } catch (NumberFormatException e) {
            return unexpected(in, op, start, end);
        }
        if (Long.compareUnsigned(flags, 0xffff_ffffL) > 0 || Long.compareUnsigned(length, MAX_VALUE) > 0) {
            return unexpected(in, op, start, end);
        }
        itemKey = new byte[keyEnd - keyStart];
        in.getBytes(keyStart, itemKey);
        itemFlags = (int) flags;
        itemCas = cas;
        valueLength = (int) length;
        return true;
    }

    private boolean arithmeticLine(ByteBuf in, int start, int end) {
        if (is(in, start, end, Lines.NOT_FOUND)) {
            sink.deliver(reply.reset(Reply.Kind.SINGLE, MemcacheStatus.KEY_NOT_FOUND));
            return true;
        }
        int digitsEnd = end;
        while (digitsEnd > start && in.getByte(digitsEnd - 1) == ' ') {
            digitsEnd--; // memcached pads a decremented number that got shorter with spaces
        }
        long number;
        try {
            number = Ascii.parseUnsigned(in, start, digitsEnd);
        } catch (NumberFormatException e) {
            return unexpected(in, sink.awaiting(), start, end);
        }
        sink.deliver(reply.reset(Reply.Kind.SINGLE, MemcacheStatus.OK).number(number));
        return true;
    }

    private boolean statsLine(ByteBuf in, Operation<?> op, int start, int end) {
        if (is(in, start, end, Lines.END) || is(in, start, end, Lines.RESET)) {
            sink.deliver(reply.reset(Reply.Kind.END, MemcacheStatus.OK));
            return true;
        }
        if (startsWith(in, start, end, Lines.STAT_)) {
            String line = text(in, start + Lines.STAT_.length, end);
            int space = line.indexOf(' ');
            String name = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            sink.deliver(reply.reset(Reply.Kind.ITEM, MemcacheStatus.OK).stat(name, value));
            return true;
        }
        return unexpected(in, op, start, end);
    }

    private boolean single(ByteBuf in, int start, int end, MemcacheStatus status) {
        if (status == null) {
            return unexpected(in, sink.awaiting(), start, end);
        }
        sink.deliver(reply.reset(Reply.Kind.SINGLE, status));
        return true;
    }

    private static MemcacheStatus storeStatus(ByteBuf in, int start, int end) {
        if (is(in, start, end, Lines.STORED)) {
            return MemcacheStatus.OK;
        }
        if (is(in, start, end, Lines.NOT_STORED)) {
            return MemcacheStatus.ITEM_NOT_STORED;
        }
        if (is(in, start, end, Lines.EXISTS)) {
            return MemcacheStatus.KEY_EXISTS;
        }
        return is(in, start, end, Lines.NOT_FOUND) ? MemcacheStatus.KEY_NOT_FOUND : null;
    }

    private static MemcacheStatus deleteStatus(ByteBuf in, int start, int end) {
        if (is(in, start, end, Lines.DELETED)) {
            return MemcacheStatus.OK;
        }
        return is(in, start, end, Lines.NOT_FOUND) ? MemcacheStatus.KEY_NOT_FOUND : null;
    }

    private static MemcacheStatus metaDeleteStatus(ByteBuf in, int start, int end) {
        if (is(in, start, end, Lines.HD)) {
            return MemcacheStatus.OK;
        }
        if (is(in, start, end, Lines.NF)) {
            return MemcacheStatus.KEY_NOT_FOUND;
        }
        return is(in, start, end, Lines.EX) ? MemcacheStatus.KEY_EXISTS : null;
    }

    private static boolean is(ByteBuf in, int start, int end, byte[] word) {
        return Ascii.is(in, start, end, word);
    }

    private static boolean startsWith(ByteBuf in, int start, int end, byte[] prefix) {
        return Ascii.startsWith(in, start, end, prefix);
    }

    private static boolean contains(ByteBuf in, int start, int end, byte[] part) {
        return Ascii.contains(in, start, end, part);
    }

    private static int nextSpace(ByteBuf in, int from, int end) {
        return Ascii.nextSpace(in, from, end);
    }

    private static String text(ByteBuf in, int start, int end) {
        return Ascii.text(in, start, end);
    }

    private boolean unexpected(ByteBuf in, Operation<?> op, int start, int end) {
        String line = text(in, start, Math.min(end, start + 80)) + (end - start > 80 ? "..." : "");
        fail(in, "unexpected reply to " + op + ": " + line);
        return false;
    }

    private void fail(ByteBuf in, String reason) {
        in.skipBytes(in.readableBytes());
        valueLength = -1;
        heldValue = null;
        sink.protocolError(reason);
    }
}
