package dev.ketch.server.protocol.text;

import dev.ketch.server.logging.WatcherOutput;
import dev.ketch.server.protocol.LendableConnection;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** A {@code watch} connection as the event log writes to it: lent to the log for good. */
final class ChannelWatcherOutput implements WatcherOutput {

    private final Channel channel;
    private volatile Runnable whenWritable = () -> { };

    ChannelWatcherOutput(LendableConnection connection) {
        this.channel = connection.channel();
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public void write(byte[] bytes, int length) {
        channel.writeAndFlush(Unpooled.copiedBuffer(bytes, 0, length)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public void whenWritable(Runnable action) {
        this.whenWritable = action;
    }

    /** The client caught up (called by the lending connection on its thread). */
    void writableAgain() {
        whenWritable.run();
    }

    @Override
    public void onClose(Runnable action) {
        channel.closeFuture().addListener(f -> action.run());
    }
}
