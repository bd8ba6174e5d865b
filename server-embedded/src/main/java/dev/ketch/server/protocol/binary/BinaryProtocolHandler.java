package dev.ketch.server.protocol.binary;

import dev.ketch.server.engine.PendingItem;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.protocol.StreamProtocolHandler;
import dev.ketch.server.transport.Connection;
import dev.ketch.server.transport.ConnectionState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memcached's binary protocol on one connection ({@code proto_bin.c}): reads request headers,
 * extras and keys, runs the commands and writes the responses; the connection state machine
 * around it is {@link StreamProtocolHandler}'s.
 *
 * <ul>
 *   <li>A request is dispatched once its header, extras and key are buffered. A header whose
 *       magic is not 0x80 closes the connection at once, dropping responses memcached would not
 *       have transmitted yet. Header, extras and key that cannot fit memcached's 16 KiB read
 *       buffer close the connection once that much is buffered.
 *   <li>Values are streamed from the network buffers straight into the item being stored;
 *       refused values and the bodies of unknown commands are swallowed.
 *   <li>Responses of a whole read batch go out in one write. memcached transmits after errors,
 *       {@code NOOP}, {@code QUIT} and SASL challenges and whenever it needs more input; only
 *       responses past the last such point are dropped when the connection is closed on bad
 *       input. After {@code reqs_per_event} commands the connection yields to the others on its
 *       event loop; when the client does not take its responses, reading stops until it does.
 * </ul>
 */
public final class BinaryProtocolHandler extends StreamProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BinaryProtocolHandler.class);

    /** memcached's read buffer: header, extras and key must fit in it. */
    static final int READ_BUFFER_SIZE = 16384;
    /** The {@code \r\n} memcached stores after every value; binary values do not carry it. */
    private static final int TERMINATOR = 2;

    private enum Mode { HEADER, VALUE, SASL_DATA, SWALLOW }

    private BinarySession session;
    private BinaryCommands commands;
    private Mode mode = Mode.HEADER;

    public BinaryProtocolHandler(ServerContext server, Connection connection) {
        super(server, connection);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        super.handlerAdded(ctx);
        this.session = new BinarySession(server, ctx.alloc(), connection.id(), memory());
        this.commands = new BinaryCommands(session);
    }

    @Override
    protected boolean step() {
        return switch (mode) {
            case HEADER -> in != null && readRequest();
            case VALUE -> readValue();
            case SASL_DATA -> readSaslData();
            case SWALLOW -> swallow();
        };
    }

    @Override
    protected boolean awaitingCommand() {
        return mode == Mode.HEADER;
    }

    @Override
    protected boolean hasUnsentReplies() {
        return session.replies.hasUnsent();
    }

    @Override
    protected void afterDrain(boolean paused) {
        if (mode == Mode.HEADER) {
            // memcached transmits whenever it waits for the next request's bytes
            session.replies.markSent();
        }
    }

    private ByteBuf input() {
        return in != null ? in : Unpooled.EMPTY_BUFFER;
    }

    /** Reads and runs one request; false when more input is needed or processing must stop. */
    private boolean readRequest() {
        int readable = in.readableBytes();
        if (readable > 0) {
            connection.state(ConnectionState.PARSE_CMD); // memcached looks at the buffered bytes
        }
        if (readable < RequestHeader.LENGTH) {
            return false;
        }
        RequestHeader header = session.header.read(in, in.readerIndex());
        if (server.verbose().at(Verbose.COMMANDS)) {
            server.verbose().line(HeaderDump.of("<" + connection.id() + " Read binary protocol data:",
                    "<" + connection.id() + "   ", in, in.readerIndex()));
        }
        if (header.magic() != RequestHeader.REQUEST_MAGIC) {
            if (server.verbose().at(Verbose.ERRORS)) {
                server.verbose().line("Invalid magic:  " + Integer.toHexString(header.magic()));
            }
            closeNow();
            return false;
        }
        int needed = header.fixedLength();
        if (needed > READ_BUFFER_SIZE) {
            // never fits memcached's read buffer: it closes once the buffer is full
            if (readable >= READ_BUFFER_SIZE) {
                closeNow();
            }
            return false;
        }
        if (readable < needed) {
            return false;
        }
        in.skipBytes(RequestHeader.LENGTH);
        session.readBody(in);
        connection.commandReceived(server.clock().now());
        return after(commands.dispatch());
    }

    /** Streams buffered bytes into the pending item; false when more input is needed. */
    private boolean readValue() {
        PendingItem pending = session.pending();
        ByteBuf src = input();
        int n = Math.min(pending.remaining() - TERMINATOR, src.readableBytes());
        if (n > 0) {
            pending.write(src.readSlice(n));
        }
        if (pending.remaining() > TERMINATOR) {
            return false;
        }
        mode = Mode.HEADER;
        return after(commands.completeStore());
    }

    private boolean readSaslData() {
        if (!session.readSaslData(input())) {
            return false;
        }
        mode = Mode.HEADER;
        return after(commands.completeSasl());
    }

    private boolean swallow() {
        if (!session.swallowFrom(input())) {
            return false;
        }
        mode = Mode.HEADER;
        commandDone(false);
        return endOfCommand();
    }

    /** Moves to the state a command asked for; false to stop processing input for now. */
    private boolean after(Next next) {
        switch (next) {
            case READ_VALUE:
                mode = Mode.VALUE;
                connection.state(ConnectionState.NREAD);
                return true;
            case READ_SASL_DATA:
                mode = Mode.SASL_DATA;
                connection.state(ConnectionState.NREAD);
                return true;
            case SWALLOW:
                mode = Mode.SWALLOW;
                connection.state(ConnectionState.SWALLOW);
                return true;
            case CLOSE_AFTER_WRITE:
                transmitted();
                closeAfterWrite();
                return false;
            case CLOSE:
                closeNow();
                return false;
            case TRANSMIT:
                session.replies.markSent();
                transmitted();
                return endOfCommand();
            default:
                commandDone(false);
                return endOfCommand();
        }
    }

    /** memcached's way to {@code conn_mwrite}: through {@code conn_new_cmd} unless an error was written. */
    private void transmitted() {
        if (!session.replies.lastWasError()) {
            connection.state(ConnectionState.NEW_CMD);
        }
        commandDone(true);
    }

    @Override
    protected int pendingReplyBytes() {
        return session.replies.pendingBytes();
    }

    @Override
    protected void flushLargeReplies() {
        session.replies.markSent();
        write(session.replies.takeAll(), false);
    }

    @Override
    protected void beforeYield() {
        session.replies.markSent();
        flushReplies();
    }

    /** Writes the responses memcached would have sent by now. */
    @Override
    protected void flushReplies() {
        ByteBuf out = mode == Mode.HEADER ? session.replies.takeAll() : session.replies.takeSent();
        write(out, false);
    }

    /** memcached's {@code conn_closing}: responses not yet transmitted are dropped. */
    private void closeNow() {
        session.replies.discardUnsent();
        markClosing(EventLog.CloseReason.ERROR);
        write(session.replies.takeAll(), true);
    }

    /** {@code QUIT}: sends everything pending, then closes. */
    private void closeAfterWrite() {
        markClosing(EventLog.CloseReason.NORMAL);
        write(session.replies.takeAll(), true);
    }

    /** Frees everything the connection holds; a pending store is released. */
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
