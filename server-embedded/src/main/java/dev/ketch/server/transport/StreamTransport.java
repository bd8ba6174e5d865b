package dev.ketch.server.transport;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The byte-stream side of the server: listening sockets (TCP on every {@code -l} address, or one
 * unix domain socket for {@code -s}), accepting on the acceptor thread, serving each client on a
 * worker with the handler the protocol factory makes for it (behind a TLS handler on the TLS
 * listeners of {@code -Z}), and {@code -c}/{@code maxconns_fast}.
 */
final class StreamTransport {

    private static final Logger LOG = LoggerFactory.getLogger(StreamTransport.class);
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf(StreamTransport.class, "connection");
    private static final byte[] TOO_MANY = "ERROR Too many open connections\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSettings settings;
    private final ServerStats stats;
    private final ConnectionRegistry registry;
    private final Function<Connection, ChannelHandler> protocol;
    private final Transport transport;
    private final ServerTls tls;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<ListeningSocket> sockets = new ArrayList<>();
    private long listenDisabledSince;
    private boolean closed;

    private StreamTransport(ServerSettings settings, ServerStats stats, ConnectionRegistry registry,
            Function<Connection, ChannelHandler> protocol, Transport transport, ServerTls tls) {
        this.settings = settings;
        this.tls = tls;
        this.stats = stats;
        this.registry = registry;
        this.protocol = protocol;
        this.transport = transport;
    }

    /**
     * Listens on TCP at every target, in order. With port 0 (or memcached's -1) the first listener
     * picks a free port and the others share it. With {@code tls}, every target but the
     * {@code notls:} ones serves TLS.
     *
     * @throws IOException if a target cannot be bound; the listeners bound so far stay open for
     *     the caller to close
     */
    static StreamTransport listenTcp(EventLoops loops, ServerSettings settings, ServerStats stats,
            ConnectionRegistry registry, Function<Connection, ChannelHandler> protocol,
            List<ListenAddresses.Target> targets, ServerTls tls, List<StreamTransport> started) throws IOException {
        StreamTransport t = new StreamTransport(settings, stats, registry, protocol, Transport.TCP, tls);
        started.add(t);
        int chosenPort = -1;
        for (ListenAddresses.Target target : targets) {
            int wanted = ListenAddresses.bindPort(target.port());
            int p = wanted == 0 && chosenPort > 0 ? chosenPort : wanted;
            boolean secure = tls != null && !target.notls();
            if (target.address() == null) {
                t.bindWildcard(loops, p, secure);
            } else {
                t.bindTcp(loops, new InetSocketAddress(target.address(), p), secure);
            }
            if (chosenPort < 0) {
                chosenPort = ((InetSocketAddress) t.listeners.get(0).localAddress()).getPort();
            }
        }
        return t;
    }

    /**
     * Listens on the unix domain socket {@code file}: a stale socket file is replaced and the new
     * one gets {@code -a}'s permissions, as memcached does.
     *
     * @throws IOException with memcached's messages if the socket cannot be created
     */
    static StreamTransport listenUnix(EventLoops loops, ServerSettings settings, ServerStats stats,
            ConnectionRegistry registry, Function<Connection, ChannelHandler> protocol, UnixSocketFile file,
            List<StreamTransport> started) throws IOException {
        StreamTransport t = new StreamTransport(settings, stats, registry, protocol, Transport.UNIX, null);
        started.add(t);
        ServerBootstrap bootstrap = t.bootstrap(loops, loops.unixServerChannel(), false);
        file.removeStaleSocket();
        ChannelFuture f = bootstrap.bind(loops.unixAddress(file.path())).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw file.bindFailed(f.cause());
        }
        t.listeners.add(f.channel());
        file.applyPermissions();
        t.register(f.channel(), f.channel().localAddress());
        return t;
    }

    private ServerBootstrap bootstrap(EventLoops loops, ChannelFactory<ServerChannel> channels, boolean secure) {
        return new ServerBootstrap()
                .group(loops.acceptor(), loops.workers())
                .channelFactory(channels)
                .option(ChannelOption.SO_BACKLOG, settings.backlog)
                .handler(new AcceptOrder())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted(ch, secure);
                    }
                });
    }

    /** The sockets listened on, in the order memcached would open them. */
    List<ListeningSocket> sockets() {
        return sockets;
    }

    /**
     * All interfaces: memcached binds {@code 0.0.0.0} and {@code [::]}. One dual-stack socket does
     * the work of both here and is listed as both in {@code stats conns} (and counted twice, as
     * memcached counts its two listeners).
     */
    private void bindWildcard(EventLoops loops, int p, boolean secure) throws IOException {
        Channel ch;
        try {
            ch = bindChannel(loops, new InetSocketAddress(InetAddress.getByName("::"), p), secure);
        } catch (IOException e) {
            LOG.debug("no IPv6 wildcard listener: {}", e.getMessage());
            bindTcp(loops, new InetSocketAddress(InetAddress.getByAddress(new byte[4]), p), secure);
            return;
        }
        int bound = ((InetSocketAddress) ch.localAddress()).getPort();
        register(ch, new InetSocketAddress(InetAddress.getByAddress(new byte[4]), bound));
        register(ch, new InetSocketAddress(InetAddress.getByName("::"), bound));
    }

    private void bindTcp(EventLoops loops, InetSocketAddress address, boolean secure) throws IOException {
        Channel ch = bindChannel(loops, address, secure);
        register(ch, ch.localAddress());
    }

    private void register(Channel ch, SocketAddress bound) {
        registry.addListener(ch, bound, transport);
        sockets.add(new ListeningSocket(transport, bound));
    }

    private Channel bindChannel(EventLoops loops, InetSocketAddress address, boolean secure) throws IOException {
        ServerBootstrap bootstrap = bootstrap(loops, loops.tcpServerChannel(address.getAddress()), secure)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true);
        ChannelFuture f = bootstrap.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new ListenFailure(Transport.TCP, ListenAddresses.describe(address), f.cause());
        }
        listeners.add(f.channel());
        return f.channel();
    }

    /**
     * Gives each accepted client its id on the acceptor thread, in accept order (the worker loops
     * initialise channels concurrently), and applies the maxconns rules there.
     */
    private final class AcceptOrder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                Connection c = transport == Transport.UNIX
                        // a unix client has no address; memcached names the socket it came in on
                        ? registry.addClient(child, transport, null, ctx.channel().localAddress())
                        : registry.addClient(child, transport, child.remoteAddress(), child.localAddress());
                child.attr(CONNECTION).set(c);
                if (c != null && !settings.maxConnsFast && registry.full()) {
                    setAccepting(false);
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    private void accepted(Channel ch, boolean secure) {
        Connection c = ch.attr(CONNECTION).getAndSet(null);
        if (c == null) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(TOO_MANY)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ch.closeFuture().addListener(f -> connectionClosed(c));
        if (secure) {
            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
        }
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

    /** Closes the listening sockets (a unix socket's file goes with it); idempotent. */
    void stopListening() {
        synchronized (this) {
            closed = true;
        }
        for (Channel l : listeners) {
            l.close().awaitUninterruptibly();
        }
        for (Connection c : registry.snapshot()) {
            if (c.isListener() && c.transport() == transport) {
                registry.remove(c);
            }
        }
    }

    /** Closes every client this transport accepted. */
    void closeClients() {
        for (Connection c : registry.snapshot()) {
            if (!c.isListener() && c.transport() == transport) {
                c.channel().close().awaitUninterruptibly();
                registry.remove(c);
            }
        }
    }
}
