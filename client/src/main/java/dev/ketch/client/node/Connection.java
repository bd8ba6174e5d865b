package dev.ketch.client.node;

import dev.ketch.client.MemcacheAuthenticationException;
import dev.ketch.client.MemcacheClosedException;
import dev.ketch.client.MemcacheConnectionException;
import dev.ketch.client.MemcacheException;
import dev.ketch.client.MemcacheServerException;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.MemcacheTlsException;
import dev.ketch.client.protocol.AuthOperation;
import dev.ketch.client.protocol.GetBatch;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.Reply;
import dev.ketch.client.protocol.ReplySink;
import dev.ketch.client.protocol.ServerOperation;
import io.netty.bootstrap.Bootstrap;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLException;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a server: it connects when its {@link Node} says so, authenticates, confirms
 * the server answers, pipelines operations, enforces their timeouts, and tells its node how every
 * attempt ended and when it is lost.
 *
 * <p>Callers on any thread {@link #submit} operations into a lock-free queue; the first submit of
 * a batch schedules one task on the connection's event loop, which encodes every queued operation
 * into one buffer and flushes once, so there is one thread hand-off and one {@code write} per
 * batch, not per request. Everything else runs on that event loop: the in-flight queue (operations
 * in send order, which is reply order), the timeout sweep (a periodic task per connection, not a
 * timer per request) and the connection state.
 *
 * <p>An attempt is: TCP connect (resolving the host name again), authentication if configured,
 * and a {@code version} request; it succeeds when that is answered, all within the connect
 * timeout. Operations submitted meanwhile wait for it. Between attempts they fail at once with
 * {@link MemcacheConnectionException}; while the node is dead they are handed back to it, to be
 * re-routed or failed as the failover policy says.
 */
public final class Connection implements ReplySink, Reconnector.Connectable {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int MAX_WRITE_BATCH = 256 * 1024;
    /** A timed-out operation whose reply has not come this long after its deadline hangs the connection. */
    private static final int HUNG_AFTER_TIMEOUTS = 2;

    private enum State {
        /** An attempt is under way, or about to be: operations wait for it. */
        CONNECTING,
        READY,
        /** Between attempts: operations fail at once. */
        BACKING_OFF,
        /** The node is dead: operations go back to it. */
        DOWN,
        CLOSED
    }

    /** What a connection tells its node, and asks of it. Called on the connection's event loop. */
    interface Owner {
        /** An attempt succeeded: the server answered. */
        void opened(Connection c);

        /** An attempt failed; true if the node is dead now (then the queued operations go back to it). */
        boolean openFailed(Connection c, Throwable cause);

        /** A ready connection was lost after {@code upNanos}; true if it is attempted again at once. */
        boolean lost(Connection c, long upNanos);

        /** The node is dead and {@code op} was not sent: re-route it or fail it. */
        void unsent(Operation<?> op);

        /** {@code op} was sent and its connection lost: send it again if it may be, or fail it with {@code failure}. */
        void interrupted(Operation<?> op, RuntimeException failure);

        /**
         * The connection has had requests outstanding and read nothing for {@code silentNanos},
         * much longer than its server usually takes ({@code thresholdNanos}). Told once per such wait.
         */
        void silent(Connection c, long silentNanos, long thresholdNanos, int outstanding);
    }

    private final String server;
    private final InetSocketAddress address;
    private final ConnectionConfig config;
    private final Owner owner;
    private final EventLoop eventLoop;
    private final Queue<Operation<?>> submitted = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drainSubmitted;
    private final ArrayDeque<Operation<?>> inFlight = new ArrayDeque<>();
    /** Operations submitted while the connection is not ready yet. */
    private final ArrayDeque<Operation<?>> waiting = new ArrayDeque<>();
    private final ScheduledFuture<?> sweeper;
    private final long sweepTickNanos;
    private long lastSweepNanos = System.nanoTime();
    /** When bytes were last read (nanoTime), for its node's probe of a silence. */
    private volatile long lastReadNanos = System.nanoTime();
    /** Null when silence detection is off. */
    private final SilenceWatch silence;
    private volatile State state = State.CONNECTING;
    /** An attempt is under way (from {@link #open} until the server answered or the attempt failed). */
    private boolean attempting;
    private Channel channel;
    private long readySinceNanos;
    private int nextOpaque;
    private Throwable lastConnectFailure;

    Connection(String server, InetSocketAddress address, ConnectionConfig config, Owner owner) {
        this(server, address, config, owner, null);
    }

    Connection(String server, InetSocketAddress address, ConnectionConfig config, Owner owner,
            HealthSettings.Silence silence) {
        this.server = server;
        // past the operation timeout a silence would be noticed too late to spare any operation
        this.silence = silence == null ? null
                : new SilenceWatch(silence.floorNanos(), silence.multiple(), config.operationTimeoutNanos());
        this.address = address;
        this.config = config;
        this.owner = owner;
        this.eventLoop = config.group().next();
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(config.operationTimeoutNanos() / 20,
                TimeUnit.MILLISECONDS.toNanos(10)));
        this.sweepTickNanos = tick;
        this.sweeper = eventLoop.scheduleAtFixedRate(this::sweep, tick, tick, TimeUnit.NANOSECONDS);
    }

    /** The server, as {@code host:port}. */
    public String server() {
        return server;
    }

    /**
     * Its server answered a probe: if this connection's silence was reported and goes on, it is
     * reported again later (see {@link SilenceWatch#probeAnswered}). Any thread.
     */
    void probeAnswered() {
        if (silence != null) {
            onLoop(() -> silence.probeAnswered(System.nanoTime()));
        }
    }

    /** True if bytes were read on this connection after {@code nanos} (a {@link System#nanoTime()}). */
    boolean readSince(long nanos) {
        return lastReadNanos - nanos > 0;
    }

    /** True once connected, authenticated and answered (and not lost since). */
    public boolean isReady() {
        return state == State.READY;
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
                failAll(submitted, notConnected());
                break;
            case DOWN:
                giveBack(submitted);
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

    /**
     * Why an operation made between attempts fails: a server that refused the credentials keeps
     * saying so, so that a wrong password reads as one, whenever the operation came.
     */
    private MemcacheException notConnected() {
        if (lastConnectFailure instanceof MemcacheAuthenticationException refused) {
            return new MemcacheAuthenticationException("not connected to " + server + ": " + refused.getMessage());
        }
        return new MemcacheConnectionException("not connected to " + server
                + (lastConnectFailure == null ? "" : ": " + lastConnectFailure.getMessage()), lastConnectFailure);
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
            op = config.codec().coalesce(op, queue);
            if (buf == null) {
                buf = channel.alloc().ioBuffer();
            }
            int mark = buf.writerIndex();
            try {
                op.opaque(op.noreply() ? nextOpaque | 0x8000_0000 : nextOpaque & 0x7fff_ffff);
                nextOpaque += config.codec().opaquesUsedBy(op);
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
                if (silence != null && !attempting) {
                    silence.written(inFlight.isEmpty(), System.nanoTime());
                }
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
        Channel ch = channel;
        ChannelFuture f = flush ? ch.writeAndFlush(buf) : ch.write(buf);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                if (quiet != null) {
                    for (Operation<?> q : quiet) {
                        q.fail(new MemcacheConnectionException("write to " + server + " failed", done.cause()));
                    }
                }
                ch.close();
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

    /**
     * True when a multi-get is still answering after a read: memcached sends its replies in parts
     * (after every 20 requests), and the next part follows within microseconds.
     */
    private boolean awaitsMoreOfMultiGet() {
        Operation<?> head = inFlight.peekFirst();
        return head != null && head.kind().isMultiGet();
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
        }
        // the replies make no sense: what was sent is not resent (its reply may be what broke)
        failAll(inFlight, new MemcacheConnectionException("bad reply from " + server + ": " + reason));
        if (channel != null) {
            channel.close();
        }
    }

    // ------------------------------------------------------------------ attempts

    /** Starts an attempt (called by the node's {@link Reconnector}, at most one per node at a time). */
    @Override
    public void open() {
        try {
            eventLoop.execute(this::connect);
        } catch (RejectedExecutionException loopGone) {
            // the client is closing
        }
    }

    private void connect() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.READY) {
            owner.opened(this); // already up: nothing to attempt
            return;
        }
        attempting = true;
        if (state != State.DOWN) {
            state = State.CONNECTING;
        }
        long start = System.nanoTime();
        Bootstrap bootstrap = new Bootstrap()
                .group(eventLoop)
                .channel(config.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMillis())
                .resolver(config.resolver())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) throws SSLException {
                        if (config.tls() != null) {
                            ch.pipeline().addLast(config.tls().newHandler(ch.alloc(), address.getHostString(),
                                    address.getPort(), config.connectTimeoutMillis()));
                        }
                        if (config.countBytes()) {
                            ch.pipeline().addLast(new TrafficCounter(server, config.listener()));
                        }
                        ch.pipeline().addLast(config.codec().newDecoder(Connection.this), new Lifecycle());
                    }
                });
        // Unresolved: Netty resolves the host name on every attempt, so a moved server is found.
        InetSocketAddress target = InetSocketAddress.createUnresolved(address.getHostString(), address.getPort());
        bootstrap.connect(target).addListener((ChannelFuture f) -> {
            SslHandler tls = f.isSuccess() ? f.channel().pipeline().get(SslHandler.class) : null;
            if (tls != null) {
                tls.handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        connected(f.channel(), start);
                    } else {
                        attemptFailed(TlsFailures.describe(server,
                                config.tls().verifiedName(address.getHostString()), h.cause()));
                        f.channel().close();
                    }
                });
            } else if (f.isSuccess()) {
                connected(f.channel(), start);
            } else {
                attemptFailed(f.cause());
            }
        });
    }

    /**
     * TCP is up: authenticate if configured and ask for the version, pipelined, both within what is
     * left of the connect timeout. The attempt succeeds when the version is answered.
     */
    private void connected(Channel ch, long startNanos) {
        if (state == State.CLOSED) {
            ch.close();
            return;
        }
        channel = ch;
        long timeout = TimeUnit.MILLISECONDS.toNanos(config.connectTimeoutMillis());
        ArrayDeque<Operation<?>> handshake = new ArrayDeque<>(2);
        if (config.credentials() != null) {
            AuthOperation auth = new AuthOperation(config.codec().authentication(), config.credentials().username(),
                    config.credentials().password());
            auth.bind((o, failure) -> onLoop(() -> handshakeStep(ch, failure, false)), null, startNanos, timeout);
            handshake.add(auth);
        }
        ServerOperation<String> version = ServerOperation.version();
        version.bind((o, failure) -> onLoop(() -> handshakeStep(ch, failure, true)), null, startNanos, timeout);
        handshake.add(version);
        writeAll(handshake);
    }

    private void onLoop(Runnable task) {
        try {
            eventLoop.execute(task);
        } catch (RejectedExecutionException loopGone) {
            // the client is closing
        }
    }

    private void handshakeStep(Channel ch, Throwable failure, boolean version) {
        if (ch != channel || !attempting) {
            return; // an earlier step already ended this attempt
        }
        if (failure == null || version && failure instanceof MemcacheServerException) {
            if (version) {
                ready(); // an error reply to version is an answer too
            }
            return;
        }
        Throwable cause = failure;
        if (!version && failure instanceof MemcacheServerException) {
            cause = new MemcacheAuthenticationException("authentication with " + server + " failed: "
                    + failure.getMessage());
        }
        if (cause instanceof MemcacheAuthenticationException) {
            LOG.warn("{}", cause.getMessage());
        }
        channel = null;
        attemptFailed(cause);
        ch.close();
    }

    private void ready() {
        attempting = false;
        if (state == State.CLOSED) {
            return;
        }
        state = State.READY;
        readySinceNanos = System.nanoTime();
        lastConnectFailure = null;
        config.listener().connected(server);
        owner.opened(this);
        writeAll(waiting);
        writeAll(submitted);
    }

    private void attemptFailed(Throwable cause) {
        attempting = false;
        // the handshake's own operations, if any: failed so that nothing stale stays in flight
        failAll(inFlight, new MemcacheConnectionException("connection attempt to " + server + " failed", cause));
        if (state == State.CLOSED) {
            return;
        }
        lastConnectFailure = cause;
        LOG.debug("cannot connect to {}: {}", server, cause.toString());
        config.listener().connectFailed(server, cause);
        if (owner.openFailed(this, cause)) {
            state = State.DOWN;
            giveBack(waiting);
            giveBack(submitted);
            return;
        }
        state = State.BACKING_OFF;
        RuntimeException failure = cause instanceof MemcacheAuthenticationException refused ? refused
                : cause instanceof MemcacheTlsException tls ? tls
                : new MemcacheConnectionException("cannot connect to " + server + ": " + cause.getMessage(), cause);
        failAll(waiting, failure);
        failAll(submitted, failure);
    }

    /** What to report for a connection that closed before the attempt on it succeeded. */
    private Throwable whyTheAttemptEnded(Throwable cause) {
        if (cause != null && config.tls() != null && TlsFailures.isTls(cause)) {
            // TLS 1.3: the server refuses a client certificate after the client's handshake ended
            return TlsFailures.describe(server, config.tls().verifiedName(address.getHostString()), cause);
        }
        return cause != null ? cause
                : new MemcacheConnectionException("connection closed by " + server + " before it answered"
                        + (config.tls() == null ? " (a TLS port? configure tls on the client)" : ""));
    }

    private void disconnected(Channel ch, Throwable cause) {
        if (ch != channel) {
            return;
        }
        if (attempting) {
            // After the handshake steps already queued: a server that refuses the credentials
            // and then closes must fail the attempt for the refusal, not for the close.
            onLoop(() -> {
                if (ch == channel && attempting) {
                    channel = null;
                    attemptFailed(whyTheAttemptEnded(cause));
                }
            });
            return;
        }
        channel = null;
        MemcacheConnectionException lostIt = new MemcacheConnectionException("connection to " + server + " lost"
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
        if (state == State.CLOSED || state == State.DOWN) {
            interruptAll(lostIt);
            return;
        }
        LOG.debug("connection to {} lost", server);
        config.listener().disconnected(server, cause);
        // decided first, so that reads sent again below wait for the new connection or fail fast
        if (owner.lost(this, System.nanoTime() - readySinceNanos)) {
            state = State.CONNECTING; // attempted again at once: what comes meanwhile waits for it
        } else {
            state = State.BACKING_OFF; // what already waits keeps waiting, within its own timeout
        }
        interruptAll(lostIt);
    }

    /** Fails what was sent on a lost connection, or gives it back to the node to send again. */
    private void interruptAll(MemcacheConnectionException failure) {
        Operation<?> op;
        while ((op = inFlight.poll()) != null) {
            if (op instanceof GetBatch batch) {
                for (Operation<?> member : batch.members()) {
                    if (!member.isDone()) {
                        owner.interrupted(member, failure);
                    }
                }
            } else if (!op.isDone()) {
                owner.interrupted(op, failure);
            }
        }
    }

    private void giveBack(Queue<Operation<?>> queue) {
        Operation<?> op;
        while ((op = queue.poll()) != null) {
            if (!op.isDone()) {
                owner.unsent(op);
            }
        }
    }

    /**
     * The node is dead: drop the connection (what was in flight fails at once, reads may go
     * elsewhere), hand back what waits, and wait for the node's probe.
     */
    void park(Throwable cause) {
        onLoop(() -> {
            if (state == State.CLOSED) {
                return;
            }
            state = State.DOWN;
            Channel ch = channel;
            if (ch != null && !attempting) {
                channel = null;
                interruptAll(new MemcacheConnectionException(server + " is down: " + cause.getMessage(), cause));
                ch.close();
            }
            giveBack(waiting);
            giveBack(submitted);
        });
    }

    /** The node is alive again: until this connection's own attempt, what comes waits for it. */
    void unpark() {
        onLoop(() -> {
            if (state == State.DOWN && !attempting) {
                state = State.CONNECTING;
            }
        });
    }

    // ------------------------------------------------------------------ timeouts

    private void sweep() {
        long now = System.nanoTime();
        expire(waiting, now, true);
        expire(inFlight, now, false);
        long sinceLastSweep = now - lastSweepNanos;
        lastSweepNanos = now;
        if (silence != null && sinceLastSweep > 2 * sweepTickNanos) {
            silence.stalled(sinceLastSweep - sweepTickNanos); // this loop was not running: no evidence
        }
        if (silence != null && state == State.READY && !attempting) {
            long silent = silence.silentFor(now);
            if (silent > 0) {
                owner.silent(this, silent, silence.thresholdNanos(), inFlight.size());
            }
        }
        Operation<?> oldest = inFlight.peekFirst();
        if (oldest != null && oldest.isDone()
                && now - oldest.deadlineNanos() > HUNG_AFTER_TIMEOUTS * config.operationTimeoutNanos() && channel != null) {
            LOG.warn("closing connection to {}: no reply for {} ms", server,
                    TimeUnit.NANOSECONDS.toMillis(now - oldest.startNanos()));
            channel.close();
        }
    }

    /**
     * Fails the operations past their deadline. Operations are mostly in submission order, so the
     * first that is still in time ends the scan. Timed-out in-flight operations stay queued: their
     * replies, if they come, must still be read and discarded.
     */
    private void expire(ArrayDeque<Operation<?>> queue, long now, boolean remove) {
        Iterator<Operation<?>> it = queue.iterator();
        while (it.hasNext()) {
            Operation<?> op = it.next();
            if (op.deadlineNanos() - now > 0) {
                return;
            }
            op.fail(timedOut(op, server));
            if (remove) {
                it.remove();
            }
        }
    }

    /** Why {@code op} failed when its deadline passed. */
    static MemcacheTimeoutException timedOut(Operation<?> op, String server) {
        return new MemcacheTimeoutException(op.kind().name().toLowerCase(Locale.ROOT) + " on " + server
                + " timed out after " + TimeUnit.NANOSECONDS.toMillis(op.timeoutNanos()) + " ms");
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
        onLoop(() -> {
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

    @Override
    public String toString() {
        return "Connection[" + server + ", " + state + "]";
    }

    /** Netty callbacks of the current channel. */
    private final class Lifecycle extends ChannelInboundHandlerAdapter {
        private Throwable cause;

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (silence != null) {
                silence.idle();
            }
            disconnected(ctx.channel(), cause);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (silence != null && ctx.channel() == channel) {
                long now = System.nanoTime();
                lastReadNanos = now;
                silence.read(!inFlight.isEmpty(), now);
            }
            if (ctx.channel() == channel && awaitsMoreOfMultiGet()) {
                SpinThenSelect.replyUnderway();
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            this.cause = cause;
            LOG.debug("connection to {} failed: {}", server, cause.toString());
            ctx.close();
        }
    }
}
