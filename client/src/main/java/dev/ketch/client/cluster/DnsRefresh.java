package dev.ketch.client.cluster;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.node.ResolverGroup;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.security.Security;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the host names of the ring's servers again and, when one resolves to another address,
 * gives its server a new node that connects there ({@link Cluster#renew}): the server keeps its
 * place on the ring (ketama hashes the configured name), so no key moves. Connection attempts
 * resolve the name anyway; this catches a server that moved while its connection stayed up, or
 * whose old address still accepts connections. Runs on the client's discovery thread.
 */
final class DnsRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(DnsRefresh.class);
    private static final Duration DEFAULT_JVM_TTL = Duration.ofSeconds(30);

    private final Cluster cluster;
    private final HostAddresses resolver;
    private final HealthTracker tracker;
    /** The address each server resolved to last time. */
    private final Map<ServerAddress, InetAddress> last = new HashMap<>();

    DnsRefresh(Cluster cluster, HostAddresses resolver, HealthTracker tracker) {
        this.cluster = cluster;
        this.resolver = resolver;
        this.tracker = tracker;
    }

    /**
     * How long the JVM caches a successful lookup: the security property {@code
     * networkaddress.cache.ttl}, else the system property {@code sun.net.inetaddr.ttl}, else 30 s;
     * null when it caches forever (-1).
     */
    static Duration jvmCacheTtl() {
        String value = Security.getProperty("networkaddress.cache.ttl");
        if (value == null) {
            value = System.getProperty("sun.net.inetaddr.ttl");
        }
        if (value == null) {
            return DEFAULT_JVM_TTL;
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return DEFAULT_JVM_TTL;
        }
    }

    /** Resolves every member's host name once; renews the servers whose address changed. */
    void refresh() {
        List<ServerAddress> servers = cluster.servers();
        Map<String, InetAddress> resolved = new HashMap<>();
        last.keySet().retainAll(servers);
        for (ServerAddress server : servers) {
            String host = server.connectHost();
            if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
                continue;
            }
            InetAddress address = resolved.get(host);
            if (address == null) {
                try {
                    address = ResolverGroup.resolve(resolver, host).get(0);
                } catch (Exception e) {
                    LOG.debug("cannot resolve {} again: {}", host, e.toString());
                    continue; // keep the connection where it is; a reconnect will say more
                }
                resolved.put(host, address);
            }
            InetAddress before = last.put(server, address);
            if (before == null) {
                tracker.resolved(server.toString(), address);
            } else if (!before.equals(address)) {
                LOG.info("{} now resolves to {} (was {}): moving its connections there, no key moves", server,
                        address.getHostAddress(), before.getHostAddress());
                cluster.renew(server);
                tracker.addressChanged(server.toString(), before, address);
            }
        }
    }
}
