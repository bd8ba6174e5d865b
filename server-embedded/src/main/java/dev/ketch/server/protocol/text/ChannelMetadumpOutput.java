package dev.ketch.server.protocol.text;

import dev.ketch.server.protocol.LendableConnection;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.storage.MetadumpOutput;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.TimeUnit;

/**
 * A metadump's way to its client: written from the dump's thread to the lent connection, waiting
 * whenever the client does not keep up (as memcached's crawler polls its client for writability),
 * and given back to the connection's event loop at the end.
 */
final class ChannelMetadumpOutput implements MetadumpOutput {

    private final LendableConnection connection;
    private final ServerStats stats;

    ChannelMetadumpOutput(LendableConnection connection, ServerStats stats) {
        this.connection = connection;
        this.stats = stats;
    }

    @Override
    public boolean send(byte[] bytes, int length) {
        Channel ch = connection.channel();
        if (!ch.isActive()) {
            return false;
        }
        stats.bytesWritten.add(length);
        ChannelFuture written = ch.writeAndFlush(Unpooled.copiedBuffer(bytes, 0, length));
        while (ch.isActive() && !ch.isWritable()) {
            if (written.awaitUninterruptibly(1, TimeUnit.SECONDS)) {
                break;
            }
        }
        return ch.isActive();
    }

    @Override
    public void done() {
        connection.giveBack();
    }
}
