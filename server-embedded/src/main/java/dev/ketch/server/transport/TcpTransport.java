package dev.ketch.server.transport;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.storage.Clock;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP side of the server: listening sockets on every {@code -l} address (all interfaces
 * without one), one acceptor thread and {@code -t} worker event loops (native epoll where
 * available, NIO otherwise), {@code -c}/{@code maxconns_fast} and {@code idle_timeout}.
 * Each accepted connection gets the protocol handler the factory makes for it.
 */
public final class TcpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf(TcpTransport.class, "connection");
    private static final byte[] TOO_MANY = "ERROR Too many open connections\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSettings settings;
    private final ServerStats stats;
    private final ConnectionRegistry registry;
    private final Function<Connection, ChannelHandler> protocol;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final List<Channel> listeners = new ArrayList<>();
    private ScheduledFuture<?> idleSweep;
    private int port;
    private long listenDisabledSince;
    private boolean closed;

    private TcpTransport(ServerSettings settings, ServerStats stats, ConnectionRegistry registry,
            Function<Connection, ChannelHandler> protocol) {
        this.settings = settings;
        this.stats = stats;
        this.registry = registry;
        this.protocol = protocol;
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ketch-acceptor"), io);
        this.workers = new MultiThreadIoEventLoopGroup(settings.numThreads, new DefaultThreadFactory("ketch-worker"), io);
    }

    /**
     * Binds every listening address and starts accepting.
     *
     * @throws IOException if an address cannot be resolved or bound (nothing is left running)
     */
    public static TcpTransport start(ServerSettings settings, ServerStats stats, Clock clock, ConnectionRegistry registry,
            Function<Connection, ChannelHandler> protocol) throws IOException {
        TcpTransport t = new TcpTransport(settings, stats, registry, protocol);
        try {
            t.bindAll();
            if (settings.idleTimeout > 0) {
                IdleConnectionSweeper sweeper = new IdleConnectionSweeper(registry, stats, clock, settings.idleTimeout);
                t.idleSweep = t.acceptor.next().scheduleAtFixedRate(sweeper, 1, 1, TimeUnit.SECONDS);
            }
            return t;
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** The bound TCP port (of the first listener when there are several). */
    public int port() {
        return port;
    }

    /** Whether this JVM uses Linux's native epoll transport. */
    public static boolean nativeTransport() {
        return Epoll.isAvailable();
    }

    private void bindAll() throws IOException {
        Class<? extends ServerChannel> channelType = Epoll.isAvailable()
                ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, settings.backlog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .handler(new AcceptOrder())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted(ch);
                    }
                });
        List<ListenAddresses.Target> targets;
        try {
            targets = settings.listenAddresses.isEmpty()
                    ? List.of(new ListenAddresses.Target(null, settings.port))
                    : ListenAddresses.parse(settings.listenAddresses, settings.port);
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve listen address " + e.getMessage(), e);
        }
        int chosenPort = -1;
        for (ListenAddresses.Target target : targets) {
            // with port 0 every listener shares the first one's port
            int p = target.port() == 0 && chosenPort > 0 ? chosenPort : target.port();
            if (target.address() == null) {
                bindWildcard(bootstrap, p);
            } else {
                bind(bootstrap, new InetSocketAddress(target.address(), p));
            }
            if (chosenPort < 0) {
                chosenPort = ((InetSocketAddress) listeners.get(listeners.size() - 1).localAddress()).getPort();
            }
        }
        port = chosenPort;
    }

    /**
     * All interfaces: memcached binds {@code 0.0.0.0} and {@code [::]}. One dual-stack socket does
     * the work of both here and is listed as both in {@code stats conns} (and counted twice, as
     * memcached counts its two listeners).
     */
    private void bindWildcard(ServerBootstrap bootstrap, int p) throws IOException {
        Channel ch;
        try {
            ch = bindChannel(bootstrap, new InetSocketAddress(InetAddress.getByName("::"), p));
        } catch (IOException e) {
            LOG.debug("no IPv6 wildcard listener: {}", e.getMessage());
            bind(bootstrap, new InetSocketAddress(p));
            return;
        }
        int bound = ((InetSocketAddress) ch.localAddress()).getPort();
        registry.addListener(ch, new InetSocketAddress(InetAddress.getByAddress(new byte[4]), bound));
        registry.addListener(ch, new InetSocketAddress(InetAddress.getByName("::"), bound));
    }

    private void bind(ServerBootstrap bootstrap, InetSocketAddress address) throws IOException {
        Channel ch = bindChannel(bootstrap, address);
        registry.addListener(ch, ch.localAddress());
    }

    private Channel bindChannel(ServerBootstrap bootstrap, InetSocketAddress address) throws IOException {
        io.netty.channel.ChannelFuture f = bootstrap.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            String why = cause == null ? "unknown error" : cause.getMessage();
            throw new IOException("failed to listen on " + describe(address) + ": " + why, cause);
        }
        listeners.add(f.channel());
        return f.channel();
    }

    private static String describe(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /**
     * Gives each accepted client its id on the acceptor thread, in accept order (the worker loops
     * initialise channels concurrently), and applies the maxconns rules there.
     */
    private final class AcceptOrder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel) {
                Channel child = (Channel) msg;
                Connection c = registry.addClient(child);
                child.attr(CONNECTION).set(c);
                if (c != null && !settings.maxConnsFast && registry.full()) {
                    setAccepting(false);
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    private void accepted(SocketChannel ch) {
        Connection c = ch.attr(CONNECTION).getAndSet(null);
        if (c == null) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(TOO_MANY)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ch.closeFuture().addListener(f -> connectionClosed(c));
        ch.pipeline().addLast(protocol.apply(c));
    }

    private void connectionClosed(Connection c) {
        registry.remove(c);
        if (!stats.acceptingConnections && !registry.full()) {
            setAccepting(true);
        }
    }

    /** Without {@code maxconns_fast}, memcached stops accepting while it is out of descriptors. */
    private synchronized void setAccepting(boolean accept) {
        if (stats.acceptingConnections == accept || closed) {
            return;
        }
        for (Channel l : listeners) {
            l.config().setAutoRead(accept);
        }
        if (accept) {
            stats.timeInListenDisabledUs.add((System.nanoTime() - listenDisabledSince) / 1000);
        } else {
            listenDisabledSince = System.nanoTime();
            stats.listenDisabledNum.increment();
        }
        stats.acceptingConnections = accept;
    }

    /**
     * Stops listening, closes every connection and stops the event loops; idempotent.
     *
     * @throws IllegalStateException if called from one of the transport's own threads, which
     *     would wait for itself
     */
    @Override
    public void close() {
        for (EventLoopGroup g : List.of(acceptor, workers)) {
            for (io.netty.util.concurrent.EventExecutor e : g) {
                if (e.inEventLoop()) {
                    throw new IllegalStateException("close() must not be called from a server thread");
                }
            }
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (idleSweep != null) {
            idleSweep.cancel(false);
        }
        for (Channel l : listeners) {
            l.close().awaitUninterruptibly();
        }
        for (Connection c : registry.snapshot()) {
            c.channel().close().awaitUninterruptibly();
            registry.remove(c);
        }
        Future<?> a = acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        Future<?> w = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (!a.awaitUninterruptibly(10, TimeUnit.SECONDS) || !w.awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            LOG.warn("event loops did not stop within 10 seconds");
        }
    }
}
