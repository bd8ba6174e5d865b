package dev.ketch.client.node;

import dev.ketch.client.ClientListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Tells a listener how many bytes each connection reads and writes; in the pipeline only when there is a listener. */
final class TrafficCounter extends ChannelDuplexHandler {

    private final String server;
    private final ClientListener listener;

    TrafficCounter(String server, ClientListener listener) {
        this.server = server;
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            listener.bytesReceived(server, buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            listener.bytesSent(server, buf.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
