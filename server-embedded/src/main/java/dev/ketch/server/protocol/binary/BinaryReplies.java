package dev.ketch.server.protocol.binary;

import dev.ketch.server.engine.ItemView;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.protocol.ConnectionMemory;
import dev.ketch.server.stats.StatsSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's pending binary responses, written straight into one pooled buffer that the
 * handler hands to Netty once per read batch.
 *
 * <p>Responses are written for the request set by {@link #begin}: its opcode (the quiet one when
 * it was quiet: memcached echoes the request's opcode) and opaque. The CAS field is the one the
 * command produced ({@link #cas(long)}), 0 otherwise.
 *
 * <p>Like the text protocol's replies, it tracks which responses memcached would already have
 * transmitted ({@link #markSent()}): memcached sends after errors, {@code NOOP}, {@code QUIT},
 * SASL challenges and whenever it waits for input, and drops what it has not sent when it closes
 * a connection on bad input ({@link #discardUnsent()}).
 *
 * <p>As a {@link StatsSink} it writes one {@code STAT} response per statistic.
 */
final class BinaryReplies implements StatsSink {

    private static final Logger LOG = LoggerFactory.getLogger(BinaryReplies.class);

    private final ByteBufAllocator alloc;
    private final int connectionId;
    private ByteBuf out;
    /** Writer index up to which memcached would have transmitted. */
    private int sentMark;
    private int opcode;
    private int opaque;
    private long cas;
    private final ConnectionMemory memory;
    /** memcached's response objects held: started and not yet transmitted or dropped. */
    private int responses;
    /** Of those, the ones before the last {@link #markSent()}. */
    private int responsesSent;

    private final Verbose verbose;
    private boolean lastWasError;

    BinaryReplies(ByteBufAllocator alloc, int connectionId, ConnectionMemory memory, Verbose verbose) {
        this.alloc = alloc;
        this.connectionId = connectionId;
        this.memory = memory;
        this.verbose = verbose;
    }

    /**
     * Starts the responses to a new request (memcached resets the reply CAS per command); false
     * when the worker's connection memory has no response object left ({@code response_obj_oom}).
     */
    boolean begin(int opcode, int opaque) {
        this.opcode = opcode;
        this.opaque = opaque;
        this.cas = 0;
        if (!memory.startResponse()) {
            return false;
        }
        responses++;
        return true;
    }

    /**
     * True when the last response was an error (memcached's {@code write_bin_error} goes straight
     * to {@code conn_mwrite}; other responses pass through {@code conn_new_cmd} first).
     */
    boolean lastWasError() {
        return lastWasError;
    }

    /** True when responses were started that memcached has not transmitted yet (its {@code resp_head}). */
    boolean hasUnsent() {
        return responses > responsesSent;
    }

    private void finishResponses(int n) {
        if (n > 0) {
            memory.finishResponses(n);
            responses -= n;
        }
    }

    /** The CAS unique the next response carries. */
    void cas(long cas) {
        this.cas = cas;
    }

    ByteBuf buffer() {
        if (out == null) {
            out = alloc.ioBuffer(256);
            sentMark = 0;
        }
        return out;
    }

    /** A response header; its body follows from the caller. */
    void header(int status, int extrasLength, int keyLength, int bodyLength) {
        lastWasError = false;
        ByteBuf b = buffer();
        b.ensureWritable(RequestHeader.LENGTH + Math.max(0, bodyLength));
        b.writeByte(RequestHeader.RESPONSE_MAGIC);
        b.writeByte(opcode);
        b.writeShort(keyLength);
        b.writeByte(extrasLength);
        b.writeByte(0); // data type: raw bytes
        b.writeShort(status);
        b.writeInt(bodyLength);
        b.writeInt(opaque);
        b.writeLong(cas);
        if (verbose.at(Verbose.COMMANDS)) {
            verbose.line(HeaderDump.of(">" + connectionId + " Writing bin response:", ">" + connectionId + "  ",
                    b, b.writerIndex() - RequestHeader.LENGTH));
        }
    }

    /** A successful response whose body is {@code body} (may be empty). */
    void success(byte[] body) {
        header(Status.SUCCESS, 0, 0, body.length);
        buffer().writeBytes(body);
    }

    /** A successful response with an 8-byte big-endian number as its body (incr/decr). */
    void successNumber(long value) {
        header(Status.SUCCESS, 0, 0, Long.BYTES);
        buffer().writeLong(value);
    }

    /** memcached's {@code write_bin_error} with its default text for {@code status}. */
    void error(int status) {
        error(status, Status.defaultMessage(status));
    }

    void error(int status, String message) {
        if (verbose.at(Verbose.COMMANDS)) {
            verbose.line(">" + connectionId + " Writing an error: " + message);
        }
        byte[] text = message.getBytes(StandardCharsets.US_ASCII);
        header(status, 0, 0, text.length);
        buffer().writeBytes(text);
        lastWasError = true;
    }

    /** A {@code GETK}/{@code GATK} miss: the key comes back as the body. */
    void missWithKey(byte[] key) {
        header(Status.KEY_ENOENT, 0, key.length, key.length);
        buffer().writeBytes(key);
    }

    /**
     * A hit: 4 bytes of flags, then the key if asked for, then the value if asked for, copied
     * from the item straight into the output buffer.
     */
    void item(ItemView item, boolean withKey, boolean withValue) {
        int keyLength = withKey ? item.keyLength() : 0;
        int valueLength = withValue ? item.valueLength() : 0;
        header(Status.SUCCESS, Integer.BYTES, keyLength, Integer.BYTES + keyLength + valueLength);
        ByteBuf b = buffer();
        // memcached fills the CAS in after the header is built (and dumped at -vv)
        b.setLong(b.writerIndex() - Long.BYTES, item.cas());
        b.writeInt(item.clientFlags());
        if (withKey) {
            item.writeKey(b);
        }
        if (withValue) {
            item.writeValue(b);
        }
    }

    /** One statistic as a {@code STAT} response: name as the key, value as the body. */
    @Override
    public void stat(String name, String value) {
        stat(name, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    void stat(String name, byte[] value) {
        int savedOpcode = opcode;
        opcode = Opcodes.STAT;
        long savedCas = cas;
        cas = 0;
        header(Status.SUCCESS, 0, name.length(), name.length() + value.length);
        ByteBufUtil.writeAscii(buffer(), name);
        buffer().writeBytes(value);
        opcode = savedOpcode;
        cas = savedCas;
    }

    /** The empty {@code STAT} response that ends a statistics reply. */
    void statsEnd() {
        stat("", new byte[0]);
    }

    /** Everything written so far counts as transmitted (memcached's {@code conn_mwrite}). */
    void markSent() {
        if (out != null) {
            sentMark = out.writerIndex();
        }
        responsesSent = responses;
    }

    /** Drops the responses written since the last {@link #markSent()}. */
    void discardUnsent() {
        finishResponses(responses - responsesSent);
        if (out != null) {
            out.writerIndex(Math.max(sentMark, out.readerIndex()));
        }
    }

    int pendingBytes() {
        return out == null ? 0 : out.readableBytes();
    }

    /** Takes every pending response for writing; null if there is none. */
    ByteBuf takeAll() {
        finishResponses(responses);
        responsesSent = 0;
        return takeBuffer();
    }

    private ByteBuf takeBuffer() {
        ByteBuf b = out;
        out = null;
        if (b != null && !b.isReadable()) {
            b.release();
            return null;
        }
        return b;
    }

    /** Takes the responses up to the last {@link #markSent()}, keeping the rest; null if none. */
    ByteBuf takeSent() {
        finishResponses(responsesSent);
        responsesSent = 0;
        if (out == null) {
            return null;
        }
        int n = Math.max(0, sentMark - out.readerIndex());
        if (n == 0) {
            return null;
        }
        if (n == out.readableBytes()) {
            return takeBuffer();
        }
        return out.readRetainedSlice(n);
    }

    /** Frees the buffer (connection closed). */
    void release() {
        finishResponses(responses);
        responsesSent = 0;
        if (out != null) {
            out.release();
            out = null;
        }
    }
}
