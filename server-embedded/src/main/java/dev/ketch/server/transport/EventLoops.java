package dev.ketch.server.transport;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's threads, as memcached has them: one thread accepting connections and {@code -t}
 * worker threads serving clients and UDP sockets. Uses Linux's native epoll where available and
 * the JDK's NIO otherwise, and names the channel classes that go with it.
 */
final class EventLoops implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);

    private final boolean epoll;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;

    EventLoops(int workerThreads) {
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ketch-acceptor"), io);
        this.workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("ketch-worker"), io);
    }

    /** Whether this JVM uses Linux's native epoll transport. */
    static boolean nativeTransport() {
        return Epoll.isAvailable();
    }

    EventLoopGroup acceptor() {
        return acceptor;
    }

    EventLoopGroup workers() {
        return workers;
    }

    /**
     * TCP listening sockets of {@code address}'s family, as memcached opens them: an IPv4 address
     * gets an IPv4 socket (a dual-stack IPv6 socket would report itself as {@code [::]}).
     */
    ChannelFactory<ServerChannel> tcpServerChannel(InetAddress address) {
        SocketProtocolFamily family = family(address);
        return epoll ? () -> new EpollServerSocketChannel(family)
                : () -> new NioServerSocketChannel(SelectorProvider.provider(), family);
    }

    ChannelFactory<ServerChannel> unixServerChannel() {
        return epoll ? EpollServerDomainSocketChannel::new : NioServerDomainSocketChannel::new;
    }

    /** UDP sockets of {@code address}'s family. */
    ChannelFactory<DatagramChannel> datagramChannel(InetAddress address) {
        SocketProtocolFamily family = family(address);
        return epoll ? () -> new EpollDatagramChannel(family)
                : () -> new NioDatagramChannel(SelectorProvider.provider(), family);
    }

    private static SocketProtocolFamily family(InetAddress address) {
        return address instanceof Inet4Address ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
    }

    /** The address to bind a unix socket at {@code path} with this transport's channel class. */
    SocketAddress unixAddress(String path) {
        return epoll ? new io.netty.channel.unix.DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
    }

    /**
     * @throws IllegalStateException on one of these threads, which would wait for itself
     */
    void checkNotOnServerThread() {
        for (EventLoopGroup g : List.of(acceptor, workers)) {
            for (EventExecutor e : g) {
                if (e.inEventLoop()) {
                    throw new IllegalStateException("close() must not be called from a server thread");
                }
            }
        }
    }

    /** Stops every thread, waiting up to ten seconds. */
    @Override
    public void close() {
        Future<?> a = acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        Future<?> w = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (!a.awaitUninterruptibly(10, TimeUnit.SECONDS) || !w.awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            LOG.warn("event loops did not stop within 10 seconds");
        }
    }
}
