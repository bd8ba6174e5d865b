package dev.ketch.server.transport;

import dev.ketch.server.stats.ServerStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * Sends a UDP connection's responses as memcached's {@code transmit_udp} does: each response (one
 * buffer written by the protocol handler) gets its own run of datagrams numbered from 0, each with
 * the request's id and the response's datagram count, at most 1400 bytes with the header. An empty
 * response is sent as a bare header with a count of 0, but only when it is the first response
 * since the last flush: memcached discards empty responses that follow a completed one.
 *
 * <p>It sits at the head of the UDP connection's in-memory pipeline and sends to the real socket.
 */
final class UdpResponseWriter extends ChannelOutboundHandlerAdapter {

    private final UdpConnection connection;
    private final ServerStats stats;
    private boolean firstSinceFlush = true;

    UdpResponseWriter(UdpConnection connection, ServerStats stats) {
        this.connection = connection;
        this.stats = stats;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf response)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException("a UDP response must be a ByteBuf: " + msg));
            return;
        }
        try {
            send(ctx.alloc(), response);
        } finally {
            response.release();
        }
        promise.setSuccess();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        firstSinceFlush = true;
        connection.socket().flush();
    }

    private void send(ByteBufAllocator alloc, ByteBuf response) {
        int length = response.readableBytes();
        if (length == 0) {
            if (firstSinceFlush) {
                sendDatagram(alloc, 0, 0, response, 0);
            }
        } else {
            int total = UdpHeader.datagramsFor(length);
            for (int sequence = 0; response.isReadable(); sequence++) {
                sendDatagram(alloc, sequence & 0xFFFF, total, response, Math.min(UdpHeader.MAX_DATA, response.readableBytes()));
            }
        }
        firstSinceFlush = false;
    }

    private void sendDatagram(ByteBufAllocator alloc, int sequence, int total, ByteBuf response, int length) {
        ByteBuf datagram = alloc.ioBuffer(UdpHeader.SIZE + length);
        UdpHeader.write(datagram, connection.requestId(), sequence, total);
        datagram.writeBytes(response, length);
        stats.bytesWritten.add(UdpHeader.SIZE);
        connection.socket().write(new DatagramPacket(datagram, connection.replyTo()));
    }
}
