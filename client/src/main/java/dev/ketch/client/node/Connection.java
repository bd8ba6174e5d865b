package dev.ketch.client.node;

import dev.ketch.client.MemcacheAuthenticationException;
import dev.ketch.client.MemcacheClosedException;
import dev.ketch.client.MemcacheConnectionException;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.protocol.AuthOperation;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.Reply;
import dev.ketch.client.protocol.ReplySink;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a server, kept up for the life of the client: it connects, authenticates,
 * pipelines operations, enforces their timeouts and reconnects with backoff when the TCP
 * connection is lost.
 *
 * <p>Callers on any thread {@link #submit} operations into a lock-free queue; the first submit of
 * a batch schedules one task on the connection's event loop, which encodes every queued operation
 * into one buffer and flushes once, so there is one thread hand-off and one {@code write} per
 * batch, not per request. Everything else runs on that event loop: the in-flight queue (operations
 * in send order, which is reply order), the timeout sweep (a periodic task per connection, not a
 * timer per request) and the connection state.
 */
public final class Connection implements ReplySink {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int MAX_WRITE_BATCH = 256 * 1024;
    /** A timed-out operation whose reply has not come this long after its deadline hangs the connection. */
    private static final int HUNG_AFTER_TIMEOUTS = 2;

    private enum State { CONNECTING, AUTHENTICATING, READY, BACKING_OFF, CLOSED }

    private final String server;
    private final InetSocketAddress address;
    private final ConnectionConfig config;
    private final EventLoop eventLoop;
    private final Queue<Operation<?>> submitted = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drainSubmitted;
    private final ArrayDeque<Operation<?>> inFlight = new ArrayDeque<>();
    /** Operations submitted while the connection is not ready yet. */
    private final ArrayDeque<Operation<?>> waiting = new ArrayDeque<>();
    private final Backoff backoff;
    private final ScheduledFuture<?> sweeper;
    private volatile State state = State.CONNECTING;
    private volatile boolean everConnected;
    private Channel channel;
    private int nextOpaque;
    private Throwable lastConnectFailure;

    public Connection(String server, InetSocketAddress address, ConnectionConfig config) {
        this.server = server;
        this.address = address;
        this.config = config;
        this.eventLoop = config.group().next();
        this.backoff = new Backoff(config.reconnectInitialNanos(), config.reconnectMaxNanos());
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(config.operationTimeoutNanos() / 20,
                TimeUnit.MILLISECONDS.toNanos(10)));
        this.sweeper = eventLoop.scheduleAtFixedRate(this::sweep, tick, tick, TimeUnit.NANOSECONDS);
        eventLoop.execute(this::connect);
    }

    /** The server, as {@code host:port}. */
    public String server() {
        return server;
    }

    /** True once connected and authenticated (and not lost since). */
    public boolean isReady() {
        return state == State.READY;
    }

    /** True if this connection has been ready at least once. */
    public boolean everConnected() {
        return everConnected;
    }

    /** Queues an operation; it is written on the event loop with whatever else was queued meanwhile. */
    public void submit(Operation<?> op) {
        if (state == State.CLOSED) {
            op.fail(new MemcacheClosedException("client closed"));
            return;
        }
        submitted.offer(op);
        if (drainScheduled.compareAndSet(false, true) || state == State.CLOSED) {
            try {
                eventLoop.execute(drain);
            } catch (RejectedExecutionException loopGone) {
                failAfterShutdown();
            }
        }
    }

    /** The event loop is gone (client closed meanwhile): nobody else will ever poll the queue. */
    private synchronized void failAfterShutdown() {
        failAll(submitted, new MemcacheClosedException("client closed"));
    }

    private void drainSubmitted() {
        drainScheduled.set(false);
        switch (state) {
            case READY:
                writeAll(submitted);
                break;
            case BACKING_OFF:
                failAll(submitted, new MemcacheConnectionException("not connected to " + server
                        + (lastConnectFailure == null ? "" : ": " + lastConnectFailure.getMessage()), lastConnectFailure));
                break;
            case CLOSED:
                failAll(submitted, new MemcacheClosedException("client closed"));
                break;
            default:
                Operation<?> op;
                while ((op = submitted.poll()) != null) {
                    waiting.add(op);
                }
                break;
        }
    }

    /** Encodes and writes every operation of {@code queue} (event loop), flushing once at the end. */
    private void writeAll(Queue<Operation<?>> queue) {
        ByteBuf buf = null;
        List<Operation<?>> quiet = null;
        boolean unflushed = false;
        Operation<?> op;
        while ((op = queue.poll()) != null) {
            if (op.isDone()) {
                continue; // timed out or cancelled while queued
            }
            if (buf == null) {
                buf = channel.alloc().ioBuffer();
            }
            int mark = buf.writerIndex();
            try {
                if (op.noreply()) {
                    op.opaque(nextOpaque++ | 0x8000_0000);
                } else {
                    op.opaque(nextOpaque++ & 0x7fff_ffff);
                }
                config.codec().encode(op, buf);
            } catch (RuntimeException e) {
                buf.writerIndex(mark);
                op.fail(e);
                continue;
            }
            if (op.noreply()) {
                if (quiet == null) {
                    quiet = new ArrayList<>();
                }
                quiet.add(op);
            } else {
                inFlight.add(op);
            }
            if (buf.readableBytes() >= MAX_WRITE_BATCH) {
                write(buf, quiet, false);
                buf = null;
                quiet = null;
                unflushed = true;
            }
        }
        if (buf != null) {
            write(buf, quiet, true);
        } else if (unflushed) {
            channel.flush();
        }
    }

    private void write(ByteBuf buf, List<Operation<?>> quiet, boolean flush) {
        ChannelFuture f = flush ? channel.writeAndFlush(buf) : channel.write(buf);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                if (quiet != null) {
                    for (Operation<?> q : quiet) {
                        q.fail(new MemcacheConnectionException("write to " + server + " failed", done.cause()));
                    }
                }
                channel.close();
            } else if (quiet != null) {
                for (Operation<?> q : quiet) {
                    q.written();
                }
            }
        });
    }

    // ------------------------------------------------------------------ replies

    @Override
    public Operation<?> awaiting() {
        return inFlight.peekFirst();
    }

    @Override
    public void deliver(Reply reply) {
        Operation<?> op = inFlight.peekFirst();
        if (op != null && op.onReply(reply)) {
            inFlight.pollFirst();
        }
    }

    @Override
    public void protocolError(String reason) {
        LOG.warn("closing connection to {}: {}", server, reason);
        if (state == State.READY) {
            // not ready from here on: what is submitted before the channel is gone waits for the next one
            state = State.CONNECTING;
            config.listener().disconnected(server, null);
        }
        failAll(inFlight, new MemcacheConnectionException("bad reply from " + server + ": " + reason));
        if (channel != null) {
            channel.close();
        }
    }

    // ------------------------------------------------------------------ connection lifecycle

    private void connect() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        Bootstrap bootstrap = new Bootstrap()
                .group(eventLoop)
                .channel(config.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(config.codec().newDecoder(Connection.this), new Lifecycle());
                    }
                });
        // Unresolved: Netty resolves the host name on every attempt, so a moved server is found.
        InetSocketAddress target = InetSocketAddress.createUnresolved(address.getHostString(), address.getPort());
        bootstrap.connect(target).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                connected(f.channel());
            } else {
                connectFailed(f.cause());
            }
        });
    }

    private void connected(Channel ch) {
        if (state == State.CLOSED) {
            ch.close();
            return;
        }
        channel = ch;
        lastConnectFailure = null;
        if (config.credentials() == null) {
            ready();
            return;
        }
        state = State.AUTHENTICATING;
        AuthOperation auth = new AuthOperation(config.codec().authentication(), config.credentials().username(), config.credentials().password());
        auth.bind((o, failure) -> eventLoop.execute(() -> authenticated(ch, failure)), null, System.nanoTime(),
                config.operationTimeoutNanos());
        ArrayDeque<Operation<?>> one = new ArrayDeque<>();
        one.add(auth);
        writeAll(one);
    }

    private void authenticated(Channel ch, Throwable failure) {
        if (ch != channel || state != State.AUTHENTICATING) {
            return;
        }
        if (failure == null) {
            ready();
            return;
        }
        MemcacheAuthenticationException refused = failure instanceof MemcacheAuthenticationException
                ? (MemcacheAuthenticationException) failure
                : new MemcacheAuthenticationException("authentication with " + server + " failed: " + failure.getMessage());
        LOG.warn("{}", refused.getMessage());
        lastConnectFailure = refused;
        failAll(waiting, refused);
        drainInto(refused);
        state = State.BACKING_OFF;
        ch.close();
    }

    private void ready() {
        state = State.READY;
        everConnected = true;
        backoff.reset();
        config.listener().connected(server);
        writeAll(waiting);
        writeAll(submitted);
    }

    private void connectFailed(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        lastConnectFailure = cause;
        LOG.debug("cannot connect to {}: {}", server, cause.toString());
        config.listener().connectFailed(server, cause);
        MemcacheConnectionException failure = new MemcacheConnectionException("cannot connect to " + server + ": "
                + cause.getMessage(), cause);
        failAll(waiting, failure);
        drainInto(failure);
        scheduleReconnect();
    }

    private void disconnected(Channel ch, Throwable cause) {
        if (ch != channel) {
            return;
        }
        channel = null;
        boolean wasReady = state == State.READY;
        failAll(inFlight, new MemcacheConnectionException("connection to " + server + " lost"
                + (cause == null ? "" : ": " + cause.getMessage()), cause));
        if (state == State.CLOSED) {
            return;
        }
        if (wasReady) {
            LOG.debug("connection to {} lost", server);
            config.listener().disconnected(server, cause);
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.BACKING_OFF;
        long delay = backoff.nextDelayNanos();
        eventLoop.schedule(this::connect, delay, TimeUnit.NANOSECONDS);
    }

    private void drainInto(RuntimeException failure) {
        failAll(submitted, failure);
    }

    // ------------------------------------------------------------------ timeouts

    private void sweep() {
        long now = System.nanoTime();
        expire(waiting, now, true);
        expire(inFlight, now, false);
        Operation<?> oldest = inFlight.peekFirst();
        if (oldest != null && oldest.isDone()
                && now - oldest.deadlineNanos() > HUNG_AFTER_TIMEOUTS * config.operationTimeoutNanos() && channel != null) {
            LOG.warn("closing connection to {}: no reply for {} ms", server,
                    TimeUnit.NANOSECONDS.toMillis(now - oldest.startNanos()));
            channel.close();
        }
    }

    /**
     * Fails the operations past their deadline. Operations are in submission order and share one
     * timeout, so the first that is still in time ends the scan. Timed-out in-flight operations
     * stay queued: their replies, if they come, must still be read and discarded.
     */
    private void expire(ArrayDeque<Operation<?>> queue, long now, boolean remove) {
        java.util.Iterator<Operation<?>> it = queue.iterator();
        while (it.hasNext()) {
            Operation<?> op = it.next();
            if (op.deadlineNanos() - now > 0) {
                return;
            }
            op.fail(new MemcacheTimeoutException(op.kind().name().toLowerCase(java.util.Locale.ROOT) + " on " + server
                    + " timed out after " + TimeUnit.NANOSECONDS.toMillis(op.timeoutNanos()) + " ms"));
            if (remove) {
                it.remove();
            }
        }
    }

    private static void failAll(Queue<Operation<?>> queue, RuntimeException failure) {
        Operation<?> op;
        while ((op = queue.poll()) != null) {
            op.fail(failure);
        }
    }

    // ------------------------------------------------------------------ close

    /** Closes the connection; every operation not yet finished fails with {@link MemcacheClosedException}. */
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        eventLoop.execute(() -> {
            sweeper.cancel(false);
            MemcacheClosedException closed = new MemcacheClosedException("client closed");
            failAll(waiting, closed);
            failAll(submitted, closed);
            failAll(inFlight, closed);
            if (channel != null) {
                channel.close();
            }
        });
    }

    /** Netty callbacks of the current channel. */
    private final class Lifecycle extends ChannelInboundHandlerAdapter {
        private Throwable cause;

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disconnected(ctx.channel(), cause);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            this.cause = cause;
            LOG.debug("connection to {} failed: {}", server, cause.toString());
            ctx.close();
        }
    }
}
