package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.nio.charset.StandardCharsets;

/**
 * The name ketama hashes for point {@code i} of a server, as libmemcached prints it: {@code
 * host-i} when the port is 11211, {@code host:port-i} otherwise, with the host exactly as
 * configured, decimal numbers and no terminator.
 */
final class PointName {

    private PointName() {
    }

    static byte[] of(ServerAddress server, int i) {
        String name = server.port() == ServerAddress.DEFAULT_PORT
                ? server.host() + "-" + i
                : server.host() + ":" + server.port() + "-" + i;
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
