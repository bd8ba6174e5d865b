package dev.ketch.server.protocol;

import dev.ketch.server.logging.Verbose;
import dev.ketch.server.protocol.binary.BinaryProtocolHandler;
import dev.ketch.server.protocol.binary.RequestHeader;
import dev.ketch.server.protocol.text.TextProtocolHandler;
import dev.ketch.server.transport.Connection;
import dev.ketch.server.transport.ConnectionState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -B auto}: looks at a connection's first byte and replaces itself with the protocol
 * handler it asks for, as memcached's {@code try_read_command_negotiate} does: 0x80 (a binary
 * request's magic) means the binary protocol, anything else the text protocol. The first bytes
 * are passed on untouched.
 */
final class ProtocolNegotiator extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolNegotiator.class);

    private final ServerContext server;
    private final Connection connection;

    ProtocolNegotiator(ServerContext server, Connection connection) {
        this.server = server;
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && !buf.isReadable()) {
            buf.release();
            return;
        }
        boolean binary = msg instanceof ByteBuf buf
                && buf.getUnsignedByte(buf.readerIndex()) == RequestHeader.REQUEST_MAGIC;
        if (server.verbose().at(Verbose.COMMANDS)) {
            // memcached negotiates while parsing the first command: the read event came first
            if (connection.state() == ConnectionState.NEW_CMD) {
                connection.state(ConnectionState.WAITING);
                connection.state(ConnectionState.READ);
                connection.state(ConnectionState.PARSE_CMD);
            }
            server.verbose().line(connection.id() + ": Client using the " + (binary ? "binary" : "ascii") + " protocol");
        }
        ChannelHandler chosen = binary
                ? new BinaryProtocolHandler(server, connection)
                : new TextProtocolHandler(server, connection);
        ctx.pipeline().addAfter(ctx.name(), null, chosen);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }
}
