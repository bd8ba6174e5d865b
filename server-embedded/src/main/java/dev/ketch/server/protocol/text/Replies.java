package dev.ketch.server.protocol.text;

import dev.ketch.server.stats.StatsSink;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.protocol.ConnectionMemory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.function.Consumer;

/**
 * A connection's pending replies, written straight into one pooled buffer that the handler hands
 * to Netty once per read batch.
 *
 * <p>It also tracks memcached's notion of which replies were already transmitted: memcached
 * sends after every retrieval command and whenever it waits for input, and throws unsent replies
 * away when it closes a connection or when a get fails on a too-long key. {@link #markSent()}
 * records such a point and {@link #discardUnsent()} drops what came after it.
 *
 * <p>{@code noreply} ({@link #noreply(boolean)}) suppresses {@link #line} exactly as memcached's
 * {@code out_string} does: errors included.
 *
 * <p>For datagram transports it also records where each of memcached's response objects begins
 * ({@link #trackResponses()}, {@link #beginResponse()}), so that {@link #takeResponses} can hand
 * them out one by one.
 */
final class Replies implements StatsSink {

    private static final byte[] CRLF = {'\r', '\n'};


    private final ByteBufAllocator alloc;
    private final int connectionId;
    private ByteBuf out;
    /** Writer index up to which memcached would have transmitted; -1 with no buffer. */
    private int sentMark;
    private boolean noreply;
    /** Response boundaries, kept only for datagram transports; null otherwise. */
    private ResponseMarks marks;
    private final ConnectionMemory memory;
    /** memcached's response objects held: started and not yet transmitted or dropped. */
    private int responses;
    /** Of those, the ones before the last {@link #markSent()}. */
    private int responsesSent;

    /** {@code -vv}: replies are written as memcached prints them ({@code >fd reply}). */
    private final Verbose verbose;

    Replies(ByteBufAllocator alloc, int connectionId, ConnectionMemory memory, Verbose verbose) {
        this.alloc = alloc;
        this.connectionId = connectionId;
        this.memory = memory;
        this.verbose = verbose;
    }

    /** Writes a {@code -vv} line ({@code >fd sending key k}, {@code >fd END}). */
    void trace(String text) {
        if (verbose.at(Verbose.COMMANDS)) {
            verbose.line(">" + connectionId + " " + text);
        }
    }

    /** Keep memcached's response boundaries (UDP: every response is framed on its own). */
    void trackResponses() {
        marks = new ResponseMarks();
    }

    /**
     * memcached's {@code resp_start}: a new response object begins here; false when the worker's
     * connection memory has none left ({@code response_obj_oom}).
     */
    boolean beginResponse() {
        if (!memory.startResponse()) {
            return false;
        }
        responses++;
        if (marks != null) {
            marks.begin(out == null ? 0 : out.writerIndex());
        }
        return true;
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

    void noreply(boolean noreply) {
        this.noreply = noreply;
    }

    boolean noreply() {
        return noreply;
    }

    /** The buffer to write into directly (values). */
    ByteBuf buffer() {
        if (out == null) {
            out = alloc.ioBuffer(256);
            sentMark = 0;
        }
        return out;
    }

    /** memcached's {@code out_string}: the line and CRLF, unless noreply is in effect. */
    void line(String text) {
        if (noreply) {
            if (verbose.at(Verbose.COMMANDS)) {
                verbose.line(">" + connectionId + " NOREPLY " + text);
            }
            if (marks != null) {
                marks.skipLast();
            }
            return;
        }
        if (verbose.at(Verbose.COMMANDS)) {
            verbose.line(">" + connectionId + " " + text);
        }
        ByteBuf b = buffer();
        ByteBufUtil.writeAscii(b, text);
        b.writeBytes(CRLF);
    }

    /** Appends text as is (ASCII). */
    void raw(String text) {
        ByteBufUtil.writeAscii(buffer(), text);
    }

    void raw(byte[] bytes) {
        buffer().writeBytes(bytes);
    }

    void crlf() {
        buffer().writeBytes(CRLF);
    }

    /** One {@code STAT name value} line ({@code STAT name} when the value is empty). */
    @Override
    public void stat(String name, String value) {
        ByteBuf b = buffer();
        ByteBufUtil.writeAscii(b, "STAT ");
        ByteBufUtil.writeAscii(b, name);
        if (!value.isEmpty()) {
            b.writeByte(' ');
            ByteBufUtil.writeAscii(b, value);
        }
        b.writeBytes(CRLF);
    }

    /** Everything written so far counts as transmitted (memcached's {@code conn_mwrite}). */
    void markSent() {
        if (out != null) {
            sentMark = out.writerIndex();
        }
        responsesSent = responses;
    }

    /** Drops the replies written since the last {@link #markSent()}. */
    void discardUnsent() {
        finishResponses(responses - responsesSent);
        if (out != null) {
            out.writerIndex(Math.max(sentMark, out.readerIndex()));
        }
        if (marks != null) {
            marks.truncate(out == null ? 0 : out.writerIndex());
        }
    }

    int pendingBytes() {
        return out == null ? 0 : out.readableBytes();
    }

    /** Bytes up to the last {@link #markSent()} that have not been taken yet. */
    int sentBytes() {
        return out == null ? 0 : Math.max(0, sentMark - out.readerIndex());
    }

    /** Takes every pending reply for writing; null if there is none. */
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

    /** Takes the replies up to the last {@link #markSent()}, keeping the rest; null if none. */
    ByteBuf takeSent() {
        finishResponses(responsesSent);
        responsesSent = 0;
        int n = sentBytes();
        if (n == 0) {
            return null;
        }
        if (n == out.readableBytes()) {
            return takeBuffer();
        }
        return out.readRetainedSlice(n);
    }

    /**
     * Takes every pending reply as memcached's response objects, in order, each as its own buffer
     * (an empty one for a response with nothing in it; responses suppressed by {@code noreply} are
     * left out). Bytes written before the first recorded boundary form one response. Requires
     * {@link #trackResponses()}.
     *
     * @return the number of bytes handed out
     */
    long takeResponses(Consumer<ByteBuf> sink) {
        finishResponses(responses);
        responsesSent = 0;
        ByteBuf b = out;
        out = null;
        int from = b == null ? 0 : b.readerIndex();
        int end = b == null ? 0 : b.writerIndex();
        try {
            int n = marks.count();
            if (b != null && (n == 0 ? from < end : from < marks.start(0))) {
                sink.accept(b.retainedSlice(from, (n == 0 ? end : marks.start(0)) - from));
            }
            for (int i = 0; i < n; i++) {
                int start = Math.max(from, marks.start(i));
                int stop = i + 1 < n ? marks.start(i + 1) : end;
                if (!marks.skipped(i)) {
                    sink.accept(stop > start ? b.retainedSlice(start, stop - start) : Unpooled.EMPTY_BUFFER);
                }
            }
            return end - from;
        } finally {
            marks.clear();
            if (b != null) {
                b.release();
            }
        }
    }

    /** Frees the buffer (connection closed). */
    void release() {
        finishResponses(responses);
        responsesSent = 0;
        if (out != null) {
            out.release();
            out = null;
        }
        if (marks != null) {
            marks.clear();
        }
    }
}
