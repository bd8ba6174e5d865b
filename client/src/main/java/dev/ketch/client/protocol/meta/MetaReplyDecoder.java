package dev.ketch.client.protocol.meta;

import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.protocol.MetaFlags;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.Reply;
import dev.ketch.client.protocol.ReplySink;
import dev.ketch.client.protocol.text.Ascii;
import dev.ketch.client.protocol.text.ErrorLines;
import dev.ketch.client.protocol.text.Lines;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads meta protocol replies ({@code VA HD EN NF NS EX MN}, with their return flags) and the
 * text protocol's replies to the server commands. Each reply belongs to the oldest in-flight
 * operation, except those carrying the {@code Oq} of a quiet request, which are logged and dropped.
 * In a multi-get, {@code VA} items are passed on one by one, their key found by their {@code O}
 * token, and {@code MN} ends it. Lines are parsed in the network buffer.
 */
final class MetaReplyDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(MetaReplyDecoder.class);
    private static final int MAX_LINE = 8192;
    private static final int MAX_VALUE = 512 * 1024 * 1024;
    private static final byte[] VA = Ascii.bytes("VA");

    private final ReplySink sink;
    private final Reply reply = new Reply();
    /** The length of the data block being read, or -1 while reading lines. */
    private int valueLength = -1;

    MetaReplyDecoder(ReplySink sink) {
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

    /** The data block of a {@code VA} line: the reply was filled in from the line, the value completes it. */
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
        if (op.kind() == OpKind.INCR || op.kind() == OpKind.DECR) {
            ByteBuf digits = io.netty.buffer.Unpooled.wrappedBuffer(value);
            try {
                reply.number(Ascii.parseUnsigned(digits, 0, value.length));
            } catch (NumberFormatException e) {
                fail(in, "incr/decr returned " + e.getMessage());
                return false;
            }
        } else {
            reply.value(value);
        }
        sink.deliver(reply);
        return true;
    }

    private boolean onLine(ByteBuf in, int start, int end) {
        if (quietRequestsReply(in, start, end)) {
            LOG.debug("a quiet request was answered: {}", Ascii.text(in, start, end));
            return true;
        }
        Operation<?> op = sink.awaiting();
        if (op == null) {
            fail(in, "reply nobody waits for: " + Ascii.text(in, start, Math.min(end, start + 80)));
            return false;
        }
        boolean multi = op.kind().isMultiGet();
        MemcacheStatus error = ErrorLines.status(in, start, end);
        if (error != null) {
            // within a multi-get an error answers one key's mg; the mn still ends the whole
            Reply.Kind kind = multi ? Reply.Kind.ITEM : op.kind() == OpKind.STATS ? Reply.Kind.END : Reply.Kind.SINGLE;
            sink.deliver(reply.reset(kind, error).message(ErrorLines.message(in, start, end)));
            return true;
        }
        switch (op.kind()) {
            case FLUSH_ALL:
            case VERBOSITY:
                return single(in, op, start, end, Ascii.is(in, start, end, Lines.OK) ? MemcacheStatus.OK : null);
            case TEXT_AUTH:
                return single(in, op, start, end, Ascii.is(in, start, end, Lines.STORED) ? MemcacheStatus.OK : null);
            case VERSION:
                if (Ascii.startsWith(in, start, end, Lines.VERSION_)) {
                    sink.deliver(reply.reset(Reply.Kind.SINGLE, MemcacheStatus.OK).stat("version",
                            Ascii.text(in, start + Lines.VERSION_.length, end)));
                    return true;
                }
                return unexpected(in, op, start, end);
            case STATS:
                return statsLine(in, op, start, end);
            case NOOP:
                return single(in, op, start, end, Ascii.is(in, start, end, Lines.MN) ? MemcacheStatus.OK : null);
            default:
                return multi ? multiGetLine(in, (MultiGetOperation<?, ?>) op, start, end) : metaLine(in, op, start, end);
        }
    }

    /** A reply to one key's meta command. */
    private boolean metaLine(ByteBuf in, Operation<?> op, int start, int end) {
        if (end - start < 2) {
            return unexpected(in, op, start, end);
        }
        if (Ascii.startsWith(in, start, end, VA)) {
            return valueLine(in, op, start, end, Reply.Kind.SINGLE);
        }
        MemcacheStatus status = status(in, start);
        if (status == null || end - start > 2 && in.getByte(start + 2) != ' ') {
            return unexpected(in, op, start, end);
        }
        reply.reset(Reply.Kind.SINGLE, status);
        if (!flags(in, start + 2, end)) {
            return unexpected(in, op, start, end);
        }
        sink.deliver(reply);
        return true;
    }

    private boolean multiGetLine(ByteBuf in, MultiGetOperation<?, ?> op, int start, int end) {
        if (Ascii.is(in, start, end, Lines.MN)) {
            sink.deliver(reply.reset(Reply.Kind.END, MemcacheStatus.OK));
            return true;
        }
        if (Ascii.is(in, start, end, EN)) {
            return true; // a server that does not honour q: a miss is no item
        }
        if (!Ascii.startsWith(in, start, end, VA) || !valueLine(in, op, start, end, Reply.Kind.ITEM)) {
            return unexpected(in, op, start, end);
        }
        long index = reply.meta().opaque();
        if (index < 0 || index >= op.keys().size()) {
            return unexpected(in, op, start, end);
        }
        reply.key(op.keys().get((int) index));
        return true;
    }

    private static final byte[] EN = Ascii.bytes("EN");

    /** {@code VA <size> <flags>*}: fills in the reply and starts reading the data block. */
    private boolean valueLine(ByteBuf in, Operation<?> op, int start, int end, Reply.Kind kind) {
        int sizeStart = start + 3;
        int sizeEnd = Ascii.nextSpace(in, sizeStart, end);
        long size;
        try {
            size = Ascii.parseUnsigned(in, sizeStart, sizeEnd);
        } catch (NumberFormatException e) {
            return unexpected(in, op, start, end);
        }
        if (size > MAX_VALUE || in.getByte(start + 2) != ' ') {
            return unexpected(in, op, start, end);
        }
        reply.reset(kind, MemcacheStatus.OK);
        if (!flags(in, sizeEnd, end)) {
            return unexpected(in, op, start, end);
        }
        valueLength = (int) size;
        return true;
    }

    /**
     * The return flags from {@code from} (a space or the end) to {@code end} into the reply;
     * false if one is malformed.
     */
    private boolean flags(ByteBuf in, int from, int end) {
        MetaFlags meta = reply.meta();
        int at = from;
        while (at < end) {
            int tokenStart = at + 1;
            int tokenEnd = Ascii.nextSpace(in, tokenStart, end);
            at = tokenEnd;
            if (tokenEnd == tokenStart) {
                continue;
            }
            byte flag = in.getByte(tokenStart);
            int v = tokenStart + 1;
            try {
                switch (flag) {
                    case 'c' -> reply.cas(Ascii.parseUnsigned(in, v, tokenEnd));
                    case 'f' -> reply.flags((int) Ascii.parseUnsigned(in, v, tokenEnd));
                    case 't' -> meta.ttl(Ascii.parseSigned(in, v, tokenEnd));
                    case 'l' -> meta.lastAccess(Ascii.parseUnsigned(in, v, tokenEnd));
                    case 'h' -> meta.hitBefore(Ascii.parseUnsigned(in, v, tokenEnd));
                    case 's' -> meta.size(Ascii.parseUnsigned(in, v, tokenEnd));
                    case 'O' -> meta.opaque(Ascii.parseUnsigned(in, v, tokenEnd));
                    case 'W' -> meta.won(true);
                    case 'X' -> meta.stale(true);
                    case 'Z' -> meta.alreadyWon(true);
                    default -> {
                        // k (key), b (base64 key) and flags of newer servers: not needed
                    }
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for a line ending in {@code Oq}: the reply of a quiet request, which nobody waits for.
     * The codec puts {@code Oq} last on a quiet request and memcached returns flags in request
     * order, so only the line's end needs looking at.
     */
    private static boolean quietRequestsReply(ByteBuf in, int start, int end) {
        return end - start >= 5 && in.getByte(end - 1) == 'q' && in.getByte(end - 2) == 'O' && in.getByte(end - 3) == ' ';
    }

    /** The status of a two-letter meta return code other than VA. */
    private static MemcacheStatus status(ByteBuf in, int start) {
        byte a = in.getByte(start);
        byte b = in.getByte(start + 1);
        if (a == 'H' && b == 'D') {
            return MemcacheStatus.OK;
        }
        if (a == 'E' && b == 'N' || a == 'N' && b == 'F') {
            return MemcacheStatus.KEY_NOT_FOUND;
        }
        if (a == 'N' && b == 'S') {
            return MemcacheStatus.ITEM_NOT_STORED;
        }
        if (a == 'E' && b == 'X') {
            return MemcacheStatus.KEY_EXISTS;
        }
        return null;
    }

    private boolean statsLine(ByteBuf in, Operation<?> op, int start, int end) {
        if (Ascii.is(in, start, end, Lines.END) || Ascii.is(in, start, end, Lines.RESET)) {
            sink.deliver(reply.reset(Reply.Kind.END, MemcacheStatus.OK));
            return true;
        }
        if (Ascii.startsWith(in, start, end, Lines.STAT_)) {
            String line = Ascii.text(in, start + Lines.STAT_.length, end);
            int space = line.indexOf(' ');
            sink.deliver(reply.reset(Reply.Kind.ITEM, MemcacheStatus.OK).stat(space < 0 ? line : line.substring(0, space),
                    space < 0 ? "" : line.substring(space + 1)));
            return true;
        }
        return unexpected(in, op, start, end);
    }

    private boolean single(ByteBuf in, Operation<?> op, int start, int end, MemcacheStatus status) {
        if (status == null) {
            return unexpected(in, op, start, end);
        }
        sink.deliver(reply.reset(Reply.Kind.SINGLE, status));
        return true;
    }

    private boolean unexpected(ByteBuf in, Operation<?> op, int start, int end) {
        String line = Ascii.text(in, start, Math.min(end, start + 80)) + (end - start > 80 ? "..." : "");
        fail(in, "unexpected reply to " + op + ": " + line);
        return false;
    }

    private void fail(ByteBuf in, String reason) {
        in.skipBytes(in.readableBytes());
        valueLength = -1;
        sink.protocolError(reason);
    }
}
