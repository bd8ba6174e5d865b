package dev.ketch.server.transport;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.stats.ServerStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -U}: memcached's UDP service. One socket per {@code -l} address (all interfaces without
 * one), each served by several UDP connections on the worker threads: one per worker, or one per
 * socket when {@code -l} lists several addresses (memcached's {@code num_threads_per_udp}).
 * Nothing runs on the acceptor thread.
 */
final class UdpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    private final EventLoops loops;
    private final ServerSettings settings;
    private final ServerStats stats;
    private final ConnectionRegistry registry;
    private final DatagramProtocols protocols;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<UdpConnection> connections = new ArrayList<>();
    private final List<ListeningSocket> sockets = new ArrayList<>();

    private UdpTransport(EventLoops loops, ServerSettings settings, ServerStats stats, ConnectionRegistry registry,
            DatagramProtocols protocols) {
        this.loops = loops;
        this.settings = settings;
        this.stats = stats;
        this.registry = registry;
        this.protocols = protocols;
    }

    /**
     * Binds a UDP socket at every target, in order; with port 0 (or -1) the first picks a free
     * port and the others share it.
     *
     * @throws IOException if a target cannot be bound; what was bound stays open for the caller to
     *     close
     */
    static UdpTransport listen(EventLoops loops, ServerSettings settings, ServerStats stats, ConnectionRegistry registry,
            DatagramProtocols protocols, List<ListenAddresses.Target> targets, List<UdpTransport> started)
            throws IOException {
        UdpTransport t = new UdpTransport(loops, settings, stats, registry, protocols);
        started.add(t);
        int chosenPort = -1;
        for (ListenAddresses.Target target : targets) {
            int wanted = ListenAddresses.bindPort(target.port());
            int p = wanted == 0 && chosenPort > 0 ? chosenPort : wanted;
            if (target.address() == null) {
                t.bindWildcard(p);
            } else {
                t.bindOne(new InetSocketAddress(target.address(), p));
            }
            if (chosenPort < 0) {
                chosenPort = ((InetSocketAddress) t.channels.get(0).localAddress()).getPort();
            }
        }
        return t;
    }

    /** memcached's {@code num_threads_per_udp}: a comma in {@code -l} means one thread per socket. */
    private int connectionsPerSocket() {
        return settings.listenAddresses.size() > 1 ? 1 : settings.numThreads;
    }

    /** The bound UDP port (of the first socket when there are several). */
    int port() {
        return ((InetSocketAddress) channels.get(0).localAddress()).getPort();
    }

    /** The sockets, in the order memcached would open them. */
    List<ListeningSocket> sockets() {
        return sockets;
    }

    /**
     * All interfaces: memcached binds {@code 0.0.0.0} and {@code [::]}. One dual-stack socket
     * stands for both, with a set of UDP connections for each family.
     */
    private void bindWildcard(int port) throws IOException {
        UdpRequestReader reader = new UdpRequestReader();
        DatagramChannel ch;
        try {
            ch = bind(new InetSocketAddress(InetAddress.getByName("::"), port), reader);
        } catch (IOException e) {
            LOG.debug("no IPv6 wildcard UDP socket: {}", e.getMessage());
            bindOne(new InetSocketAddress(InetAddress.getByAddress(new byte[4]), port));
            return;
        }
        int bound = ((InetSocketAddress) ch.localAddress()).getPort();
        List<UdpConnection> v4 = serve(ch, new InetSocketAddress(InetAddress.getByAddress(new byte[4]), bound));
        List<UdpConnection> v6 = serve(ch, new InetSocketAddress(InetAddress.getByName("::"), bound));
        reader.serveWith(v4, v6);
    }

    private void bindOne(InetSocketAddress address) throws IOException {
        UdpRequestReader reader = new UdpRequestReader();
        DatagramChannel ch = bind(address, reader);
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        List<UdpConnection> served = serve(ch, bound);
        if (bound.getAddress() instanceof java.net.Inet4Address) {
            reader.serveWith(served, List.of());
        } else {
            reader.serveWith(List.of(), served);
        }
    }

    private DatagramChannel bind(InetSocketAddress address, UdpRequestReader reader) throws IOException {
        ChannelFuture f = new Bootstrap()
                .group(loops.workers())
                .channelFactory(loops.datagramChannel(address.getAddress()))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UdpHeader.READ_BUFFER))
                .handler(reader)
                .bind(address)
                .awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new ListenFailure(Transport.UDP, ListenAddresses.describe(address), f.cause());
        }
        DatagramChannel ch = (DatagramChannel) f.channel();
        channels.add(ch);
        return ch;
    }

    /** Registers the socket's UDP connections, each on the next worker. */
    private List<UdpConnection> serve(DatagramChannel ch, InetSocketAddress bound) {
        sockets.add(new ListeningSocket(Transport.UDP, bound));
        List<UdpConnection> served = new ArrayList<>();
        for (int i = 0; i < connectionsPerSocket(); i++) {
            Connection c = registry.addUdp(ch, bound);
            EventLoop loop = (EventLoop) loops.workers().next();
            UdpConnection udp = new UdpConnection(c, ch, loop, protocols, stats);
            served.add(udp);
            connections.add(udp);
        }
        return served;
    }

    /** Closes the sockets and frees every UDP connection's state, each on its own thread. */
    void close() {
        for (DatagramChannel ch : channels) {
            ch.close().awaitUninterruptibly();
        }
        List<Future<?>> done = new ArrayList<>();
        for (UdpConnection c : connections) {
            try {
                done.add(c.loop().submit(c::close));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("worker already stopped: {}", e.toString());
            }
            registry.remove(c.connection());
        }
        for (Future<?> f : done) {
            f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
