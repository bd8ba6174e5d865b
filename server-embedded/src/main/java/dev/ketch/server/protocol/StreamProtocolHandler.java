package dev.ketch.server.protocol;

import dev.ketch.server.logging.EventLog;
import dev.ketch.server.transport.Connection;
import dev.ketch.server.transport.ConnectionState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state machine both of memcached's protocols share ({@code drive_machine} around
 * a {@code conn}): input is accumulated and handed to the protocol one request at a time
 * ({@link #step()}); after each request ({@link #endOfCommand()}) the connection yields to the
 * others on its event loop once it has served {@code reqs_per_event} requests, and stops reading
 * while the client does not take its replies. Replies of a whole read batch go out in one write.
 *
 * <p>A protocol subclass parses requests and keeps its own replies; it says what memcached would
 * have transmitted by now ({@link #flushReplies()}) and what to free when the connection ends
 * ({@link #releaseSession()}).
 *
 * <p>A command may lend the connection to another thread ({@link #lend(boolean, Runnable)}), as memcached
 * hands a connection to its logger or crawler thread: input is no longer processed (and with
 * {@code readWhileLent} false not even read) until {@link #giveBack()}.
 */
public abstract class StreamProtocolHandler extends ChannelInboundHandlerAdapter implements LendableConnection {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProtocolHandler.class);

    /** Pending replies beyond this are written out between commands. */
    protected static final int FLUSH_THRESHOLD = 256 * 1024;
    private static final int DISCARD_THRESHOLD = 64 * 1024;

    protected final ServerContext server;
    protected final Connection connection;
    protected ChannelHandlerContext ctx;
    /** Received bytes not consumed yet; null when there are none. */
    protected ByteBuf in;
    private boolean closed;
    /** Commands left before yielding (memcached's {@code nreqs}). */
    private int budget;
    /** Inside a read batch: replies wait for {@link #channelReadComplete}. */
    private boolean reading;
    private boolean yielded;
    private boolean blocked;
    /** Lent to another thread: input is not processed. */
    private volatile boolean lent;
    /** The borrower's wish to hear when the client has caught up. */
    private Runnable lentWritable;
    /** The worker's connection memory (memcached's read buffers and response objects). */
    private ConnectionMemory memory;
    private boolean holdsReadBuffer;

    protected StreamProtocolHandler(ServerContext server, Connection connection) {
        this.server = server;
        this.connection = connection;
    }

    /** Processes one request, or part of one; false when more input is needed or processing must stop. */
    protected abstract boolean step();

    /** Hands what memcached would have transmitted by now to the channel ({@link #write}). */
    protected abstract void flushReplies();

    /** Between commands: the replies grew past {@link #FLUSH_THRESHOLD}; write them out. */
    protected abstract void flushLargeReplies();

    /** Pending reply bytes. */
    protected abstract int pendingReplyBytes();

    /** Before yielding to other connections (memcached flushes its response pipe). */
    protected void beforeYield() {
        flushReplies();
    }

    /**
     * After the input was processed as far as possible (the binary protocol counts its responses
     * as transmitted here).
     *
     * @param paused the connection yielded or waits for the client to read
     */
    protected void afterDrain(boolean paused) {
    }

    /** True when replies were produced that memcached has not transmitted yet (its {@code resp_head}). */
    protected abstract boolean hasUnsentReplies();

    /** Frees the protocol's state: a pending store, unsent replies. Called once or more. */
    protected abstract void releaseSession();

    /** True between requests: no command, value or authentication is half read. */
    protected abstract boolean awaitingCommand();

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // a UDP request runs on a channel of its own: memcached's datagrams use a static buffer
        this.memory = connection.isDatagram() ? new ConnectionMemory(0) : server.connectionMemory(ctx.executor());
    }

    /** The worker's connection memory, for the replies' response objects. */
    protected final ConnectionMemory memory() {
        return memory;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        server.stats().bytesRead.add(buf.readableBytes());
        if (closed || lent) {
            buf.release();
            return;
        }
        if (!yielded && !blocked) {
            inputArrived();
        }
        if (!holdsReadBuffer) {
            if (!memory.takeReadBuffer()) {
                // memcached closes a connection it has no read buffer for
                buf.release();
                connection.closing(EventLog.CloseReason.ERROR);
                cleanUp();
                close();
                return;
            }
            holdsReadBuffer = true;
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
        if (!closed && !lent) {
            flushReplies();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (lent && lentWritable != null && ctx.channel().isWritable()) {
            lentWritable.run();
        }
        if (blocked && ctx.channel().isWritable() && !closed && !lent) {
            blocked = false;
            connection.state(ConnectionState.NEW_CMD); // memcached's transmit completes
            ctx.channel().config().setAutoRead(true);
            startEvent();
            drain();
            flushReplies();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
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
        connection.closing(EventLog.CloseReason.ERROR);
        cleanUp();
        ctx.close();
    }

    /** True once the connection is closing: nothing more is read or run. */
    protected final boolean isClosed() {
        return closed;
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
        if (server.eventLog().active()) {
            EventLog.serving(connection.id());
        }
        while (!closed && !lent && step()) {
            if (yielded || blocked) {
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
        if (holdsReadBuffer && in == null && !closed && awaitingCommand()) {
            releaseReadBuffer();
        }
        if (!closed && !lent) {
            if (!yielded && !blocked && awaitingCommand()) {
                settle();
            }
            afterDrain(yielded || blocked);
            if (!reading) {
                flushReplies();
            }
        }
    }

    /**
     * The states memcached goes through when a new read event finds the connection idle: from
     * {@code conn_new_cmd} (a new connection) through {@code conn_waiting} and {@code conn_read},
     * or from {@code conn_read}, to {@code conn_parse_cmd}. A connection in the middle of a value
     * stays where it is.
     */
    private void inputArrived() {
        ConnectionState s = connection.state();
        if (s == ConnectionState.NEW_CMD) {
            connection.state(ConnectionState.WAITING);
            connection.state(ConnectionState.READ);
        }
        if (connection.state() == ConnectionState.READ) {
            connection.state(ConnectionState.PARSE_CMD);
        }
    }

    /**
     * A command has run: memcached goes to {@code conn_mwrite} when it transmits (then back to
     * {@code conn_new_cmd}), or straight to {@code conn_new_cmd}.
     */
    protected final void commandDone(boolean transmit) {
        if (transmit) {
            connection.state(ConnectionState.MWRITE);
        }
        connection.state(ConnectionState.NEW_CMD);
    }

    /**
     * The input is used up between requests: the states memcached passes through until it waits
     * for the next read event ({@code conn_read}): responses not transmitted yet go out first
     * ({@code conn_mwrite}); a partial request is looked at once more ({@code conn_parse_cmd}).
     */
    private void settle() {
        ConnectionState s = connection.state();
        if (s == ConnectionState.NEW_CMD && in != null) {
            connection.state(ConnectionState.PARSE_CMD);
            s = ConnectionState.PARSE_CMD;
        }
        if (s != ConnectionState.NEW_CMD && s != ConnectionState.PARSE_CMD) {
            return;
        }
        if (hasUnsentReplies()) {
            connection.state(ConnectionState.MWRITE);
            connection.state(ConnectionState.NEW_CMD);
            if (s == ConnectionState.PARSE_CMD) {
                connection.state(ConnectionState.PARSE_CMD);
            }
        }
        connection.state(ConnectionState.WAITING);
        connection.state(ConnectionState.READ);
    }

    /** memcached's {@code conn_new_cmd}: false when processing must stop for now. */
    protected final boolean endOfCommand() {
        if (pendingReplyBytes() >= FLUSH_THRESHOLD) {
            flushLargeReplies();
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
        if (hasUnsentReplies()) {
            connection.state(ConnectionState.MWRITE); // memcached flushes its responses on a yield
        }
        beforeYield();
        server.stats().connYields.increment();
        connection.state(ConnectionState.NEW_CMD);
        if (in != null && in.isReadable()) {
            yielded = true;
            ctx.executor().execute(this::resume);
        }
    }

    private void resume() {
        yielded = false;
        if (closed || lent) {
            return;
        }
        startEvent();
        drain();
    }

    /** Writes {@code out} (null: nothing) and flushes; closes the channel afterwards if asked. */
    protected final void write(ByteBuf out, boolean thenClose) {
        if (out == null) {
            if (thenClose) {
                close();
            }
            return;
        }
        server.stats().bytesWritten.add(out.readableBytes());
        if (thenClose) {
            ctx.writeAndFlush(out).addListener(f -> close());
        } else {
            // No promise per reply (it and its listener cost more than the rest of a small get):
            // a failed write reaches exceptionCaught, which closes the connection.
            ctx.writeAndFlush(out, ctx.voidPromise());
        }
    }

    /** Closes the connection, freeing its entry in the connection table first. */
    protected final void close() {
        connection.unregister();
        ctx.close();
    }

    /**
     * memcached's {@code conn_closing}: nothing more is read; the caller writes what is to be sent.
     *
     * @param reason why, as {@code watch connevents} reports it (unless a command said otherwise)
     */
    protected final void markClosing(EventLog.CloseReason reason) {
        connection.closing(reason);
        closed = true;
        connection.state(ConnectionState.CLOSING);
        releaseInput();
    }

    /**
     * Lends the connection to another thread (memcached's {@code conn_watch}): from now on input
     * is not processed; with {@code readWhileLent} it is still read (and dropped), so that a
     * client closing is noticed, otherwise reading stops. The replies pending so far are flushed.
     * Called on the connection's event loop, by the command that lends it.
     */
    @Override
    public final void lend(boolean readWhileLent, Runnable onWritable) {
        flushReplies();
        lent = true;
        lentWritable = onWritable;
        connection.state(ConnectionState.WATCH);
        if (!readWhileLent) {
            ctx.channel().config().setAutoRead(false);
        } else if (in != null) {
            releaseInput();
        }
    }

    /**
     * Takes a lent connection back (memcached's {@code redispatch_conn}): any thread may call it;
     * processing resumes on the connection's event loop with the input buffered before it was lent.
     */
    @Override
    public final void giveBack() {
        ctx.executor().execute(() -> {
            if (!lent) {
                return;
            }
            lent = false;
            lentWritable = null;
            if (closed) {
                return;
            }
            connection.state(ConnectionState.NEW_CMD);
            ctx.channel().config().setAutoRead(true);
            if (in != null && in.isReadable() && !yielded && !blocked) {
                startEvent();
                drain();
            }
        });
    }

    @Override
    public final io.netty.channel.Channel channel() {
        return ctx.channel();
    }

    /** True while the connection is lent to another thread. */
    protected final boolean isLent() {
        return lent;
    }

    protected final void releaseInput() {
        if (in != null) {
            in.release();
            in = null;
        }
        inputReleased();
    }

    /** The buffered input was released (a scanning position must be forgotten). */
    protected void inputReleased() {
    }

    private void releaseReadBuffer() {
        holdsReadBuffer = false;
        memory.releaseReadBuffer();
    }

    /** Frees everything the connection holds. */
    private void cleanUp() {
        closed = true;
        releaseInput();
        if (holdsReadBuffer) {
            releaseReadBuffer();
        }
        releaseSession();
    }
}
