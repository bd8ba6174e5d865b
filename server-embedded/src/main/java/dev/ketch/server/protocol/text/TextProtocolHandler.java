package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.PendingItem;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.protocol.StreamProtocolHandler;
import dev.ketch.server.transport.Connection;
import dev.ketch.server.transport.ConnectionState;
import dev.ketch.server.transport.DatagramSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memcached's text protocol on one connection ({@code proto_text.c}): reads command lines and data
 * blocks, runs the commands and writes the replies; the connection state machine around it is
 * {@link StreamProtocolHandler}'s.
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
public final class TextProtocolHandler extends StreamProtocolHandler implements DatagramSession {

    private static final Logger LOG = LoggerFactory.getLogger(TextProtocolHandler.class);

    /** Bytes without a newline after which memcached gives up on a line (unless a get). */
    static final int NO_NEWLINE_LIMIT = 2048;
    /** memcached's read buffer: a longer line never completes unless it is a get. */
    static final int READ_BUFFER_SIZE = 16384;
    /** Leading spaces memcached skips when looking for a large get. */
    private static final int MAX_LEADING_SPACES = 100;
    /** Ketch's limit for one multi-get line (memcached has none). */
    static final int MAX_GET_LINE = 64 * 1024 * 1024;

    private enum Mode { COMMAND, VALUE }

    /** A UDP connection: replies are framed per response. */
    private final boolean datagram;
    private TextSession session;
    private TextCommandDispatcher commands;
    /** {@code -Y}: non-null until the client has authenticated. */
    private AsciiAuthentication authentication;
    /** How many bytes after {@code in}'s reader index are known to hold no newline. */
    private int scanned;
    private byte[] line = new byte[256];
    private Mode mode = Mode.COMMAND;

    public TextProtocolHandler(ServerContext server, Connection connection) {
        super(server, connection);
        this.datagram = connection.isDatagram();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        super.handlerAdded(ctx);
        this.session = new TextSession(server, ctx.alloc(), connection, datagram ? null : this, memory());
        this.commands = new TextCommandDispatcher(session, this::flushDuringCommand);
        if (datagram) {
            session.replies.trackResponses();
        } else if (server.asciiAuth() != null) {
            authentication = new AsciiAuthentication(session, server.asciiAuth(), server.stats());
        }
    }

    @Override
    protected boolean step() {
        if (in == null) {
            return false;
        }
        if (authentication != null) {
            return authenticate();
        }
        if (mode == Mode.VALUE) {
            return readValue();
        }
        int lf = findNewline();
        if (lf < 0) {
            checkIncompleteLine();
            return false;
        }
        return runLine(lf);
    }

    @Override
    protected boolean awaitingCommand() {
        return mode == Mode.COMMAND;
    }

    @Override
    protected boolean hasUnsentReplies() {
        return session.replies.hasUnsent();
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
        if (server.verbose().at(Verbose.COMMANDS)) {
            server.verbose().line("<" + connection.id() + " " + new String(line, 0, end, StandardCharsets.ISO_8859_1));
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

    /** After a command: what it asked for, then memcached's {@code conn_new_cmd}. */
    private boolean afterCommand(CommandResult result) {
        switch (result) {
            case DONE_SENT:
                session.replies.markSent();
                session.stacked(false);
                commandDone(true);
                if (datagram) {
                    flushReplies(); // a transmit point: the next responses form a new batch
                }
                break;
            case CLOSE:
                closeNow();
                return false;
            case CLOSE_AFTER_WRITE:
                commandDone(true);
                closeAfterWrite();
                return false;
            case LENT:
                return false;
            default:
                session.stacked(true);
                commandDone(false);
                break;
        }
        return endOfCommand();
    }

    @Override
    protected int pendingReplyBytes() {
        return session.replies.pendingBytes();
    }

    @Override
    protected void flushLargeReplies() {
        flushReplies();
    }

    /** Writes the replies memcached would have sent by now. */
    @Override
    protected void flushReplies() {
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

    /** memcached's {@code conn_closing}: replies not yet transmitted are dropped. */
    private void closeNow() {
        session.replies.discardUnsent();
        markClosing(EventLog.CloseReason.ERROR);
        sendAll(true);
    }

    /** {@code quit}: send everything, then close. */
    private void closeAfterWrite() {
        markClosing(EventLog.CloseReason.NORMAL);
        sendAll(true);
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

    @Override
    protected void inputReleased() {
        scanned = 0;
    }

    /** Frees everything the connection holds; every pending store is released. */
    @Override
    protected void releaseSession() {
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
