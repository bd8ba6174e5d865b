package dev.ketch.server.protocol.binary;

import dev.ketch.server.engine.PendingItem;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.transport.Connection;
import dev.ketch.server.transport.ConnectionState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memcached's binary protocol on one connection: reads request headers, extras and keys, runs
 * the commands and writes the responses, following memcached's connection states for binary
 * clients.
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
public final class BinaryProtocolHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(BinaryProtocolHandler.class);

    /** memcached's read buffer: header, extras and key must fit in it. */
    static final int READ_BUFFER_SIZE = 16384;
    /** Pending responses beyond this are written out between commands. */
    private static final int FLUSH_THRESHOLD = 256 * 1024;
    private static final int DISCARD_THRESHOLD = 64 * 1024;
    /** The {@code \r\n} memcached stores after every value; binary values do not carry it. */
    private static final int TERMINATOR = 2;

    private enum Mode { HEADER, VALUE, SASL_DATA, SWALLOW, CLOSED }

    private final ServerContext server;
    private final Connection connection;
    private ChannelHandlerContext ctx;
    private BinarySession session;
    private BinaryCommands commands;
    /** Received bytes not consumed yet; null when there are none. */
    private ByteBuf in;
    private Mode mode = Mode.HEADER;
    /** Commands left before yielding (memcached's {@code nreqs}). */
    private int budget;
    private boolean reading;
    private boolean yielded;
    private boolean blocked;

    public BinaryProtocolHandler(ServerContext server, Connection connection) {
        this.server = server;
        this.connection = connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.session = new BinarySession(server, ctx.alloc(), connection.id());
        this.commands = new BinaryCommands(session);
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
        cleanUp();
        ctx.close();
    }

    private void startEvent() {
        budget = server.settings().reqsPerEvent;
        if (connection.state() == ConnectionState.NEW_CMD) {
            budget--; // memcached passes through conn_new_cmd once on entry
        }
    }

    /** Processes as much buffered input as the budget and the client's reading allow. */
    private void drain() {
        while (mode != Mode.CLOSED) {
            boolean progressed = switch (mode) {
                case HEADER -> in != null && readRequest();
                case VALUE -> readValue();
                case SASL_DATA -> readSaslData();
                case SWALLOW -> swallow();
                default -> false;
            };
            if (!progressed || yielded || blocked) {
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
        if (mode == Mode.HEADER) {
            // memcached transmits whenever it waits for the next request's bytes
            session.replies.markSent();
            if (!yielded && !blocked) {
                connection.state(ConnectionState.READ);
            }
        }
        if (!reading && mode != Mode.CLOSED) {
            flushReplies();
        }
    }

    private ByteBuf input() {
        return in != null ? in : Unpooled.EMPTY_BUFFER;
    }

    /** Reads and runs one request; false when more input is needed or processing must stop. */
    private boolean readRequest() {
        int readable = in.readableBytes();
        if (readable < RequestHeader.LENGTH) {
            return false;
        }
        RequestHeader header = session.header.read(in, in.readerIndex());
        if (header.magic() != RequestHeader.REQUEST_MAGIC) {
            LOG.debug("Invalid magic:  {}", Integer.toHexString(header.magic()));
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
        connection.state(ConnectionState.PARSE_CMD);
        if (LOG.isDebugEnabled()) {
            LOG.debug("<{} Read binary protocol request: opcode 0x{} key length {} extras {} body {}", connection.id(),
                    Integer.toHexString(header.opcode()), header.keyLength(), header.extrasLength(), header.bodyLength());
        }
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
                closeAfterWrite();
                return false;
            case TRANSMIT:
                session.replies.markSent();
                return endOfCommand();
            default:
                return endOfCommand();
        }
    }

    /** memcached's {@code conn_new_cmd}: false when processing must stop for now. */
    private boolean endOfCommand() {
        if (session.replies.pendingBytes() >= FLUSH_THRESHOLD) {
            session.replies.markSent();
            write(session.replies.takeAll(), false);
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
        session.replies.markSent();
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

    /** Writes the responses memcached would have sent by now. */
    private void flushReplies() {
        ByteBuf out = mode == Mode.HEADER ? session.replies.takeAll() : session.replies.takeSent();
        write(out, false);
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

    /** memcached's {@code conn_closing}: responses not yet transmitted are dropped. */
    private void closeNow() {
        session.replies.discardUnsent();
        closeAfterWrite();
    }

    /** Sends everything pending, then closes. */
    private void closeAfterWrite() {
        mode = Mode.CLOSED;
        connection.state(ConnectionState.CLOSING);
        write(session.replies.takeAll(), true);
        releaseInput();
    }

    private void releaseInput() {
        if (in != null) {
            in.release();
            in = null;
        }
    }

    /** Frees everything the connection holds; a pending store is released. */
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
