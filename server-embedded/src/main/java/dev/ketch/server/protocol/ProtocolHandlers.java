package dev.ketch.server.protocol;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.protocol.binary.BinaryProtocolHandler;
import dev.ketch.server.protocol.text.TextProtocolHandler;
import dev.ketch.server.transport.Connection;
import io.netty.channel.ChannelHandler;
import java.util.function.Function;

/**
 * Makes each new stream connection's protocol handler according to {@code -B}: the text protocol
 * ({@code ascii}), the binary protocol ({@code binary}, also implied by {@code -S}), or a
 * {@link ProtocolNegotiator} that picks one from the first byte ({@code auto}). Any stream
 * transport (TCP, unix sockets) takes this factory.
 */
public final class ProtocolHandlers {

    private ProtocolHandlers() {
    }

    /** The handler factory for {@code server}'s binding protocol. */
    public static Function<Connection, ChannelHandler> forServer(ServerContext server) {
        ServerSettings.Protocol protocol = server.settings().bindingProtocol;
        return switch (protocol) {
            case ASCII -> connection -> new TextProtocolHandler(server, connection);
            case BINARY -> connection -> new BinaryProtocolHandler(server, connection);
            default -> connection -> new ProtocolNegotiator(server, connection);
        };
    }
}
