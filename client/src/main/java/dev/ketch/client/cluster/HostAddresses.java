package dev.ketch.client.cluster;

import dev.ketch.client.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * The client's resolution: the addresses its discovery gave for some host names (ElastiCache's
 * {@code ip}), otherwise the configured {@link HostResolver}.
 */
public final class HostAddresses implements HostResolver {

    private final HostResolver resolver;
    private volatile Map<String, InetAddress> discovered = Map.of();

    public HostAddresses(HostResolver resolver) {
        this.resolver = resolver;
    }

    /** Replaces the addresses discovery gave. */
    void discovered(Map<String, InetAddress> addresses) {
        this.discovered = Map.copyOf(addresses);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        InetAddress given = discovered.get(host);
        return given != null ? List.of(given) : resolver.resolve(host);
    }
}
