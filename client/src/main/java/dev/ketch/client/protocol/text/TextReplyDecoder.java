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
            int lf = in.forEachByte(ByteProcessor.FIND_LF);
            if (lf < 0) {
                if (in.readableBytes() > MAX_LINE) {
                    fail(in, "reply line longer than " + MAX_LINE + " bytes");
                }
                return;
            }
            int end = lf > in.readerIndex() && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
            in.readerIndex(lf + 1);
            if (!onLine(in, line)) {
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
        if (op.kind().isMultiGet()) {
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

    /** Handles one line; returns false when decoding must stop (protocol error). */
    private boolean onLine(ByteBuf in, String line) {
        Operation<?> op = sink.awaiting();
        if (op == null) {
            fail(in, "reply nobody waits for: " + abbreviate(line));
            return false;
        }
        MemcacheStatus error = errorStatus(line);
        if (error != null) {
            heldValue = null;
            Reply.Kind kind = op.kind().isMultiGet() || op.kind() == OpKind.STATS ? Reply.Kind.END : Reply.Kind.SINGLE;
            sink.deliver(reply.reset(kind, error).message(errorMessage(line)));
            return true;
        }
        switch (op.kind()) {
            case GET:
            case GETS:
            case GAT:
            case GATS:
            case MULTI_GET:
            case MULTI_GETS:
                return retrievalLine(in, op, line);
            case SET:
            case ADD:
            case REPLACE:
            case APPEND:
            case PREPEND:
            case CAS:
                return single(in, line, storeStatus(line));
            case TEXT_AUTH:
                return single(in, line, "STORED".equals(line) ? MemcacheStatus.OK : null);
            case DELETE:
                return single(in, line, ((DeleteOperation<?>) op).cas() != 0 ? metaDeleteStatus(line) : deleteStatus(line));
            case TOUCH:
                return single(in, line, "TOUCHED".equals(line) ? MemcacheStatus.OK
                        : "NOT_FOUND".equals(line) ? MemcacheStatus.KEY_NOT_FOUND : null);
            case INCR:
            case DECR:
                return arithmeticLine(in, line);
            case FLUSH_ALL:
            case VERBOSITY:
                return single(in, line, "OK".equals(line) ? MemcacheStatus.OK : null);
            case NOOP:
                return single(in, line, "MN".equals(line) ? MemcacheStatus.OK : null);
            case VERSION:
                if (line.startsWith("VERSION ")) {
                    sink.deliver(reply.reset(Reply.Kind.SINGLE, MemcacheStatus.OK).stat("version", line.substring(8)));
                    return true;
                }
                return unexpected(in, op, line);
            case STATS:
                return statsLine(in, op, line);
            default:
                return unexpected(in, op, line);
        }
    }

    private boolean retrievalLine(ByteBuf in, Operation<?> op, String line) {
        if ("END".equals(line)) {
            if (op.kind().isMultiGet()) {
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
        if (!line.startsWith("VALUE ")) {
            return unexpected(in, op, line);
        }
        String[] parts = line.split(" ");
        if (parts.length < 4 || parts.length > 5) {
            return unexpected(in, op, line);
        }
        try {
            itemKey = parts[1].getBytes(StandardCharsets.ISO_8859_1);
            itemFlags = Integer.parseUnsignedInt(parts[2]);
            int length = Integer.parseInt(parts[3]);
            if (length < 0 || length > MAX_VALUE) {
                return unexpected(in, op, line);
            }
            itemCas = parts.length == 5 ? Long.parseUnsignedLong(parts[4]) : 0;
            valueLength = length;
        } catch (NumberFormatException e) {
            return unexpected(in, op, line);
        }
        return true;
    }

    private boolean arithmeticLine(ByteBuf in, String line) {
        if ("NOT_FOUND".equals(line)) {
            sink.deliver(reply.reset(Reply.Kind.SINGLE, MemcacheStatus.KEY_NOT_FOUND));
            return true;
        }
        try {
            long number = Long.parseUnsignedLong(line.trim());
            sink.deliver(reply.reset(Reply.Kind.SINGLE, MemcacheStatus.OK).number(number));
            return true;
        } catch (NumberFormatException e) {
            return unexpected(in, sink.awaiting(), line);
        }
    }

    private boolean statsLine(ByteBuf in, Operation<?> op, String line) {
        if ("END".equals(line) || "RESET".equals(line)) {
            sink.deliver(reply.reset(Reply.Kind.END, MemcacheStatus.OK));
            return true;
        }
        if (line.startsWith("STAT ")) {
            int space = line.indexOf(' ', 5);
            String name = space < 0 ? line.substring(5) : line.substring(5, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            sink.deliver(reply.reset(Reply.Kind.ITEM, MemcacheStatus.OK).stat(name, value));
            return true;
        }
        return unexpected(in, op, line);
    }

    private boolean single(ByteBuf in, String line, MemcacheStatus status) {
        if (status == null) {
            return unexpected(in, sink.awaiting(), line);
        }
        sink.deliver(reply.reset(Reply.Kind.SINGLE, status));
        return true;
    }

    private static MemcacheStatus storeStatus(String line) {
        switch (line) {
            case "STORED":
                return MemcacheStatus.OK;
            case "NOT_STORED":
                return MemcacheStatus.ITEM_NOT_STORED;
            case "EXISTS":
                return MemcacheStatus.KEY_EXISTS;
            case "NOT_FOUND":
                return MemcacheStatus.KEY_NOT_FOUND;
            default:
                return null;
        }
    }

    private static MemcacheStatus deleteStatus(String line) {
        switch (line) {
            case "DELETED":
                return MemcacheStatus.OK;
            case "NOT_FOUND":
                return MemcacheStatus.KEY_NOT_FOUND;
            default:
                return null;
        }
    }

    private static MemcacheStatus metaDeleteStatus(String line) {
        switch (line) {
            case "HD":
                return MemcacheStatus.OK;
            case "NF":
                return MemcacheStatus.KEY_NOT_FOUND;
            case "EX":
                return MemcacheStatus.KEY_EXISTS;
            default:
                return null;
        }
    }

    /** The status of an error line, or null if the line is no error. */
    static MemcacheStatus errorStatus(String line) {
        if ("ERROR".equals(line) || line.startsWith("ERROR ")) {
            return MemcacheStatus.UNKNOWN_COMMAND;
        }
        if (line.startsWith("CLIENT_ERROR")) {
            return line.contains("non-numeric value") ? MemcacheStatus.NON_NUMERIC_VALUE : MemcacheStatus.INVALID_ARGUMENTS;
        }
        if (line.startsWith("SERVER_ERROR")) {
            if (line.contains("object too large")) {
                return MemcacheStatus.VALUE_TOO_LARGE;
            }
            return line.contains("out of memory") ? MemcacheStatus.OUT_OF_MEMORY : MemcacheStatus.SERVER_ERROR;
        }
        return null;
    }

    private static String errorMessage(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? "" : line.substring(space + 1);
    }

    private boolean unexpected(ByteBuf in, Operation<?> op, String line) {
        fail(in, "unexpected reply to " + op + ": " + abbreviate(line));
        return false;
    }

    private void fail(ByteBuf in, String reason) {
        in.skipBytes(in.readableBytes());
        valueLength = -1;
        heldValue = null;
        sink.protocolError(reason);
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
