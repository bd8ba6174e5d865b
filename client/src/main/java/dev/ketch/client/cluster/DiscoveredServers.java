package dev.ketch.client.cluster;

import dev.ketch.client.ServerAddress;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ServerDiscovery} found.
 *
 * @param version the list's version as the source numbers it (ElastiCache's configuration version:
 *     a list with a lower number than the one in use is stale and ignored), or -1 if it does not
 * @param servers the servers, in the order that makes the ring (every client of the cluster must
 *     see the same order); never empty
 * @param addresses addresses the source gave for some host names (ElastiCache's {@code ip}):
 *     the client connects there without resolving the name; the ring still hashes the name
 */
public record DiscoveredServers(long version, List<ServerAddress> servers, Map<String, InetAddress> addresses) {

    /** Copies; checks the list is not empty. */
    public DiscoveredServers {
        servers = List.copyOf(servers);
        addresses = Map.copyOf(addresses);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no servers discovered");
        }
    }

    /** Servers without a version or addresses. */
    public static DiscoveredServers of(List<ServerAddress> servers) {
        return new DiscoveredServers(-1, servers, Map.of());
    }
}
