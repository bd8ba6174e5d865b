package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.PendingItem;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.transport.Connection;
import dev.ketch.server.transport.ConnectionState;
import dev.ketch.server.transport.DatagramSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memcached's text protocol on one connection: reads command lines and data blocks, runs the
 * commands and writes the replies, following memcached's connection state machine.
 *
 * <ul>
 *   <li>A line ends at {@code \n}; one {@code \r} before it is dropped (not for a lone
 *       {@code "\r\n"}), and the line ends at its first NUL byte, as C string handling does.
 *   <li>More than 2048 bytes without a newline close the connection unless they start (after at
 *       most 100 spaces) with {@code "get "} or {@code "gets "}; such lines are unbounded in
 *       memcached (up to {@value #MAX_GET_LINE} bytes here). A line that cannot fit memcached's
 *       16 KB read buffer is closed on the same condition.
 *   <li>Data blocks are copied from the network buffers straight into the item being stored.
 *   <li>Replies of a whole read batch go out in one write; after {@code reqs_per_event} commands
 *       the connection yields to the others on its event loop ({@code conn_yields}); when the
 *       client does not take its replies, reading stops until it does.
 *   <li>On a UDP connection ({@link Connection#isDatagram()}) replies are written one memcached
 *       response per buffer and flushed where memcached transmits, as the UDP transport frames
 *       them ({@link dev.ketch.server.transport.DatagramProtocols}).
 *   <li>With {@code -Y}, input is read by {@link AsciiAuthentication} until the client has
 *       authenticated.
 * </ul>
 */
public final class TextProtocolHandler extends ChannelInboundHandlerAdapter implements DatagramSession {

    private static final Logger LOG = LoggerFactory.getLogger(TextProtocolHandler.class);

    /** Bytes without a newline after which memcached gives up on a line (unless a get). */
    static final int NO_NEWLINE_LIMIT = 2048;
    /** memcached's read buffer: a longer line never completes unless it is a get. */
    static final int READ_BUFFER_SIZE = 16384;
    /** Leading spaces memcached skips when looking for a large get. */
    private static final int MAX_LEADING_SPACES = 100;
    /** Ketch's limit for one multi-get line (memcached has none). */
    static final int MAX_GET_LINE = 64 * 1024 * 1024;
    /** Pending replies beyond this are written out between commands. */
    private static final int FLUSH_THRESHOLD = 256 * 1024;
    private static final int DISCARD_THRESHOLD = 64 * 1024;

    private enum Mode { COMMAND, VALUE, CLOSED }

    private final ServerContext server;
    private final Connection connection;
    /** A UDP connection: replies are framed per response. */
    private final boolean datagram;
    private ChannelHandlerContext ctx;
    private TextSession session;
    private TextCommandDispatcher commands;
    /** {@code -Y}: non-null until the client has authenticated. */
    private AsciiAuthentication authentication;
    /** Received bytes not consumed yet; null when there are none. */
    private ByteBuf in;
    /** How many bytes after {@code in}'s reader index are known to hold no newline. */
    private int scanned;
    private byte[] line = new byte[256];
    private Mode mode = Mode.COMMAND;
    /** Commands left before yielding (memcached's {@code nreqs}). */
    private int budget;
    private boolean reading;
    private boolean yielded;
    private boolean blocked;

    public TextProtocolHandler(ServerContext server, Connection connection) {
        this.server = server;
        this.connection = connection;
        this.datagram = connection.isDatagram();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.session = new TextSession(server, ctx.alloc(), connection.id());
        if (LOG.isDebugEnabled()) {
            LOG.debug("<{} new ascii client connection.", connection.id());
        }
        this.commands = new TextCommandDispatcher(session, this::flushDuringCommand);
        if (datagram) {
            session.replies.trackResponses();
        } else if (server.asciiAuth() != null) {
            authentication = new AsciiAuthentication(session, server.asciiAuth(), server.stats());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        server.stats().bytesRead.add(buf.readableBytes());
        if (mode == Mode.CLOSED) {
            buf.release();
            return;
        }
        reading = true;
        in = in == null ? buf : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), in, buf);
        if (!yielded && !blocked) {
            startEvent();
            drain();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (mode != Mode.CLOSED) {
            flushReplies();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (blocked && ctx.channel().isWritable() && mode != Mode.CLOSED) {
            blocked = false;
            ctx.channel().config().setAutoRead(true);
            startEvent();
            drain();
            flushReplies();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("<{} connection closed.", connection.id());
        }
        cleanUp();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cleanUp();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection {} failed: {}", connection.id(), cause.toString());
        } else {
            LOG.warn("closing connection {} after an unexpected error", connection.id(), cause);
        }
        mode = Mode.CLOSED;
        ctx.close();
    }

    /** A new "event" in memcached's sense: a fresh request budget. */
    private void startEvent() {
        budget = server.settings().reqsPerEvent;
        if (connection.state() == ConnectionState.NEW_CMD) {
            budget--; // memcached passes through conn_new_cmd once on entry
        }
    }

    /** Processes as much buffered input as the budget and the client's reading allow. */
    private void drain() {
        while (mode != Mode.CLOSED && in != null) {
            if (authentication != null) {
                if (!authenticate()) {
                    break;
                }
                continue;
            }
            if (mode == Mode.VALUE) {
                if (!readValue()) {
                    break;
                }
                continue;
            }
            int lf = findNewline();
            if (lf < 0) {
                checkIncompleteLine();
                break;
            }
            if (!runLine(lf)) {
                break;
            }
        }
        if (in != null) {
            if (!in.isReadable()) {
                releaseInput();
            } else if (in.readerIndex() > DISCARD_THRESHOLD && in.refCnt() == 1) {
                in.discardReadBytes();
            }
        }
        if (mode == Mode.COMMAND && !yielded && !blocked) {
            connection.state(ConnectionState.READ);
        }
        if (!reading && mode != Mode.CLOSED) {
            flushReplies();
        }
    }

    /** Reads input as authentication requests; returns false to stop processing input. */
    private boolean authenticate() {
        switch (authentication.read(in)) {
            case MORE_INPUT:
                return false;
            case CLOSE:
                closeNow();
                return false;
            default:
                connection.state(ConnectionState.PARSE_CMD);
                if (authentication.authenticated()) {
                    authentication = null;
                }
                return afterCommand(CommandResult.DONE);
        }
    }

    /** Streams buffered bytes into the pending item; returns false when more input is needed. */
    private boolean readValue() {
        PendingItem pending = session.pending();
        pending.write(in);
        if (!pending.isComplete()) {
            return false;
        }
        mode = Mode.COMMAND;
        connection.state(ConnectionState.PARSE_CMD);
        return afterCommand(commands.completeValue());
    }

    private int findNewline() {
        int readable = in.readableBytes();
        if (scanned >= readable) {
            return -1;
        }
        int lf = in.forEachByte(in.readerIndex() + scanned, readable - scanned, ByteProcessor.FIND_LF);
        scanned = lf < 0 ? readable : 0;
        return lf;
    }

    /** memcached's rule for input without a newline: only a large get may go on. */
    private void checkIncompleteLine() {
        int readable = in.readableBytes();
        if ((readable > NO_NEWLINE_LIMIT && !isLargeGet(in.readerIndex())) || readable > MAX_GET_LINE) {
            closeNow();
        }
    }

    private boolean isLargeGet(int start) {
        int end = in.writerIndex();
        int p = start;
        while (p < end && in.getByte(p) == ' ') {
            p++;
        }
        if (p - start > MAX_LEADING_SPACES) {
            return false;
        }
        return startsWith(p, end, "get ") || startsWith(p, end, "gets ");
    }

    private boolean startsWith(int p, int end, String prefix) {
        if (end - p < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(p + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Runs the command line ending at {@code lf}; returns false to stop processing input. */
    private boolean runLine(int lf) {
        int start = in.readerIndex();
        int length = lf - start;
        if (length >= READ_BUFFER_SIZE && !isLargeGet(start)) {
            closeNow();
            return false;
        }
        if (length > 1 && in.getByte(lf - 1) == '\r') {
            length--;
        }
        if (line.length < length) {
            line = new byte[Math.max(length, line.length * 2)];
        }
        in.getBytes(start, line, 0, length);
        in.readerIndex(lf + 1);
        int end = 0;
        while (end < length && line[end] != 0) {
            end++;
        }
        connection.commandReceived(server.clock().now());
        connection.state(ConnectionState.PARSE_CMD);
        if (LOG.isDebugEnabled()) {
            LOG.debug("<{} {}", connection.id(), new String(line, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        CommandResult result = commands.execute(line, 0, end);
        if (result == CommandResult.READ_VALUE) {
            mode = Mode.VALUE;
            boolean ready = session.pending().status() == PendingItem.Status.READY;
            connection.state(ready ? ConnectionState.NREAD : ConnectionState.SWALLOW);
            return true;
        }
        return afterCommand(result);
    }

    /** memcached's {@code conn_new_cmd}: returns false when processing must stop for now. */
    private boolean afterCommand(CommandResult result) {
        switch (result) {
            case DONE_SENT:
                session.replies.markSent();
                session.stacked(false);
                if (datagram) {
                    flushReplies(); // a transmit point: the next responses form a new batch
                }
                break;
            case CLOSE:
                closeNow();
                return false;
            case CLOSE_AFTER_WRITE:
                closeAfterWrite();
                return false;
            default:
                session.stacked(true);
                break;
        }
        if (session.replies.pendingBytes() >= FLUSH_THRESHOLD) {
            flushReplies();
        }
        if (--budget < 0) {
            yieldToOthers();
            return false;
        }
        if (!ctx.channel().isWritable()) {
            blocked = true;
            connection.state(ConnectionState.MWRITE);
            ctx.channel().config().setAutoRead(false);
            return false;
        }
        return true;
    }

    private void yieldToOthers() {
        flushReplies();
        server.stats().connYields.increment();
        connection.state(ConnectionState.NEW_CMD);
        if (in != null && in.isReadable()) {
            yielded = true;
            ctx.executor().execute(this::resume);
        }
    }

    private void resume() {
        yielded = false;
        if (mode == Mode.CLOSED) {
            return;
        }
        startEvent();
        drain();
    }

    /** Writes the replies memcached would have sent by now. */
    private void flushReplies() {
        if (datagram) {
            if (mode != Mode.VALUE) { // memcached does not transmit while reading a value
                sendAll(false);
            }
            return;
        }
        ByteBuf out;
        if (mode == Mode.VALUE) {
            out = session.replies.takeSent(); // memcached does not transmit while reading a value
        } else {
            out = session.replies.takeAll();
            session.stacked(false);
        }
        write(out, false);
    }

    /** A multi-get's replies grew large: hand them to the socket now. */
    private void flushDuringCommand() {
        if (datagram) {
            return; // memcached sends a multi-get's responses only once the command is done
        }
        session.replies.markSent();
        write(session.replies.takeAll(), false);
    }

    private void write(ByteBuf out, boolean thenClose) {
        if (out == null) {
            if (thenClose) {
                ctx.close();
            }
            return;
        }
        server.stats().bytesWritten.add(out.readableBytes());
        ctx.writeAndFlush(out).addListener(thenClose ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** memcached's {@code conn_closing}: replies not yet transmitted are dropped. */
    private void closeNow() {
        session.replies.discardUnsent();
        mode = Mode.CLOSED;
        connection.state(ConnectionState.CLOSING);
        sendAll(true);
        releaseInput();
    }

    /** {@code quit}: send everything, then close. */
    private void closeAfterWrite() {
        mode = Mode.CLOSED;
        connection.state(ConnectionState.CLOSING);
        sendAll(true);
        releaseInput();
    }

    /** Writes every pending reply, then closes the connection if asked. */
    private void sendAll(boolean thenClose) {
        if (!datagram) {
            write(session.replies.takeAll(), thenClose);
            return;
        }
        long bytes = session.replies.takeResponses(response -> ctx.write(response, ctx.voidPromise()));
        server.stats().bytesWritten.add(bytes);
        session.stacked(false);
        ctx.flush();
        if (thenClose) {
            ctx.close();
        }
    }

    /** UDP: the bytes of a data block still expected (memcached reads them from the next datagram). */
    @Override
    public int awaitedBytes() {
        PendingItem pending = session == null ? null : session.pending();
        return mode == Mode.VALUE && pending != null ? pending.remaining() : 0;
    }

    /** UDP: a new request datagram; an incomplete command line left by the last one is forgotten. */
    @Override
    public void discardInput() {
        if (mode == Mode.COMMAND) {
            releaseInput();
        }
    }

    private void releaseInput() {
        if (in != null) {
            in.release();
            in = null;
        }
        scanned = 0;
    }

    /** Frees everything the connection holds; every pending store is released. */
    private void cleanUp() {
        mode = Mode.CLOSED;
        releaseInput();
        if (session != null) {
            PendingItem pending = session.pending();
            if (pending != null) {
                session.clearPending();
                pending.release();
            }
            session.replies.release();
        }
    }
}
