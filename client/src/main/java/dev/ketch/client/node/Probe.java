package dev.ketch.client.node;

import dev.ketch.client.MemcacheConnectionException;
import dev.ketch.client.MemcacheServerException;
import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.Reply;
import dev.ketch.client.protocol.ReplySink;
import dev.ketch.client.protocol.ServerOperation;
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
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Asks a server that fell silent whether it is alive: a {@code version} request on a fresh
 * connection (TLS if configured, no authentication: memcached answers {@code version}
 * unauthenticated in the binary protocol, and an error reply is an answer too). A server that is
 * only busy with a large transfer on the old connection, or whose old connection is stuck
 * behind a slow request, answers at once; a hung process, a frozen container or a dead network
 * path does not. The outcome is told once: null if the server answered within the timeout,
 * otherwise why not.
 */
final class Probe {

    private final String server;
    private final InetSocketAddress address;
    private final ConnectionConfig config;
    private final EventLoop loop;
    private final long timeoutNanos;
    private final Consumer<Throwable> outcome;
    private boolean done;
    private Channel channel;
    private ScheduledFuture<?> timer;

    private Probe(String server, InetSocketAddress address, ConnectionConfig config, long timeoutNanos,
            Consumer<Throwable> outcome) {
        this.server = server;
        this.address = address;
        this.config = config;
        this.loop = config.group().next();
        this.timeoutNanos = timeoutNanos;
        this.outcome = outcome;
    }

    /** Starts a probe of {@code server}; {@code outcome} gets null (it answered) or the failure, once. */
    static void start(String server, InetSocketAddress address, ConnectionConfig config, long timeoutNanos,
            Consumer<Throwable> outcome) {
        Probe probe = new Probe(server, address, config, timeoutNanos, outcome);
        try {
            probe.loop.execute(probe::connect);
        } catch (RejectedExecutionException loopGone) {
            // the client is closing: nobody waits for the outcome
        }
    }

    private void connect() {
        timer = loop.schedule(() -> end(new MemcacheTimeoutException("no answer to a probe of " + server + " within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms")), timeoutNanos, TimeUnit.NANOSECONDS);
        ServerOperation<String> version = ServerOperation.version();
        version.bind(null, null, System.nanoTime(), timeoutNanos);
        version.future().whenComplete((v, failure) -> loop.execute(() -> end(
                failure instanceof MemcacheServerException ? null : failure)));
        ReplySink sink = new OneReply(version);
        int connectMillis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(config.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                .resolver(config.resolver())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) throws SSLException {
                        if (config.tls() != null) {
                            ch.pipeline().addLast(config.tls().newHandler(ch.alloc(), address.getHostString(),
                                    address.getPort(), connectMillis));
                        }
                        ch.pipeline().addLast(config.codec().newDecoder(sink), new Closed(version));
                    }
                });
        InetSocketAddress target = InetSocketAddress.createUnresolved(address.getHostString(), address.getPort());
        ChannelFuture connecting = bootstrap.connect(target);
        channel = connecting.channel();
        connecting.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                end(f.cause());
                return;
            }
            SslHandler tls = f.channel().pipeline().get(SslHandler.class);
            if (tls == null) {
                send(f.channel(), version);
            } else {
                tls.handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        send(f.channel(), version);
                    } else {
                        end(h.cause());
                    }
                });
            }
        });
    }

    private void send(Channel ch, ServerOperation<String> version) {
        ByteBuf buf = ch.alloc().ioBuffer();
        try {
            config.codec().encode(version, buf);
        } catch (RuntimeException e) {
            buf.release();
            end(e);
            return;
        }
        ch.writeAndFlush(buf);
    }

    private void end(Throwable failure) {
        if (done) {
            return;
        }
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
        outcome.accept(failure);
    }

    /** The probe's one request and its reply. */
    private static final class OneReply implements ReplySink {
        private final Operation<?> op;
        private boolean answered;

        OneReply(Operation<?> op) {
            this.op = op;
        }

        @Override
        public Operation<?> awaiting() {
            return answered ? null : op;
        }

        @Override
        public void deliver(Reply reply) {
            if (!answered && op.onReply(reply)) {
                answered = true;
            }
        }

        @Override
        public void protocolError(String reason) {
            // bytes came back: the server process is alive, whatever they say
            answered = true;
            op.fail(new MemcacheServerException(MemcacheStatus.UNKNOWN_COMMAND, reason));
        }
    }

    /** A probe connection closed before its answer: the server is not serving. */
    private static final class Closed extends ChannelInboundHandlerAdapter {
        private final Operation<?> op;

        Closed(Operation<?> op) {
            this.op = op;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            op.fail(new MemcacheConnectionException("probe connection closed before an answer"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
