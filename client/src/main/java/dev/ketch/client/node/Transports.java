package dev.ketch.client.node;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.channels.spi.SelectorProvider;

/** Netty's native epoll transport where it is available, NIO otherwise. */
public final class Transports {

    private Transports() {
    }

    /** A new event loop group of {@code threads} daemon threads named {@code ketch-client-*}, sleeping at once when idle. */
    public static EventLoopGroup newGroup(int threads) {
        return newGroup(threads, 0, 0);
    }

    /**
     * A new event loop group of {@code threads} daemon threads named {@code ketch-client-*} that
     * look for I/O for {@code spinNanos} after work before they sleep, and for
     * {@code replySpinNanos} while a reply is known to be underway (see {@code SpinThenSelect}).
     */
    public static EventLoopGroup newGroup(int threads, long spinNanos, long replySpinNanos) {
        DefaultThreadFactory factory = new DefaultThreadFactory("ketch-client", true);
        SelectStrategyFactory strategy = spinNanos > 0 || replySpinNanos > 0
                ? () -> new SpinThenSelect(spinNanos, replySpinNanos)
                : DefaultSelectStrategyFactory.INSTANCE;
        return Epoll.isAvailable()
                ? new MultiThreadIoEventLoopGroup(threads, factory, EpollIoHandler.newFactory(0, strategy))
                : new MultiThreadIoEventLoopGroup(threads, factory,
                        NioIoHandler.newFactory(SelectorProvider.provider(), strategy));
    }

    /** The socket channel class that fits {@code group}. */
    public static Class<? extends SocketChannel> channelClass(EventLoopGroup group) {
        if (group instanceof IoEventLoopGroup && Epoll.isAvailable() && ((IoEventLoopGroup) group).isIoType(EpollIoHandler.class)) {
            return EpollSocketChannel.class;
        }
        return NioSocketChannel.class;
    }
}
