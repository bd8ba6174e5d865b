package dev.ketch.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a UDP socket and hands each datagram to one of the UDP connections serving it, in turn,
 * on that connection's worker thread (memcached's worker threads all read the same socket). On a
 * dual-stack socket standing for memcached's {@code 0.0.0.0} and {@code [::]} sockets, IPv4
 * senders go to the {@code 0.0.0.0} connections and IPv6 senders to the {@code [::]} ones.
 *
 * <p>Each datagram is copied out of the 64 KiB receive buffer into one of its own size. Datagrams
 * waiting for a busy worker are bounded like a socket's receive buffer: beyond
 * {@link #MAX_QUEUED_BYTES} new ones are dropped.
 */
final class UdpRequestReader extends SimpleChannelInboundHandler<DatagramPacket> {

    static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile List<UdpConnection> ipv4 = List.of();
    private volatile List<UdpConnection> ipv6 = List.of();
    private int next;

    /** The connections serving IPv4 and IPv6 senders (either list may be empty, not both). */
    void serveWith(List<UdpConnection> ipv4, List<UdpConnection> ipv6) {
        this.ipv4 = List.copyOf(ipv4);
        this.ipv6 = List.copyOf(ipv6);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        UdpConnection target = pick(sender);
        ByteBuf content = packet.content();
        int size = content.readableBytes();
        if (target == null || queuedBytes.addAndGet(size) > MAX_QUEUED_BYTES) {
            queuedBytes.addAndGet(-size);
            return;
        }
        ByteBuf copy = ctx.alloc().buffer(size).writeBytes(content);
        try {
            target.loop().execute(() -> {
                queuedBytes.addAndGet(-size);
                target.receive(copy, sender);
            });
        } catch (RejectedExecutionException shuttingDown) {
            queuedBytes.addAndGet(-size);
            copy.release();
        }
    }

    private UdpConnection pick(InetSocketAddress sender) {
        List<UdpConnection> group = isIpv4(sender.getAddress()) ? ipv4 : ipv6;
        if (group.isEmpty()) {
            group = group == ipv4 ? ipv6 : ipv4;
        }
        if (group.isEmpty()) {
            return null;
        }
        next = (next + 1) & Integer.MAX_VALUE;
        return group.get(next % group.size());
    }

    private static boolean isIpv4(InetAddress a) {
        if (a instanceof Inet4Address) {
            return true;
        }
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        }
        return false;
    }
}
