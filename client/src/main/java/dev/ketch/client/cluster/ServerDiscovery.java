package dev.ketch.client.cluster;

import dev.ketch.client.HostResolver;
import dev.ketch.client.ServerAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a client learns its servers while it runs ({@code MemcacheClientBuilder.discovery}). The
 * client asks at start and then every poll interval, on a thread of its own, and makes each new
 * list its ring as {@code updateServers} does: servers in both lists keep their connections, and
 * only the keys consistent hashing must move do.
 *
 * <pre>{@code
 * MemcacheClient.builder()
 *         .discovery(ServerDiscovery.configurationEndpoint("mycluster.cfg.use1.cache.amazonaws.com:11211"))
 *         .build();
 * }</pre>
 *
 * <p>A source that fails, is slow or answers nothing usable never stops the client: it keeps the
 * list it has (the configured servers at start) and asks again, and says so in its log and its
 * {@code health()}.
 */
@FunctionalInterface
public interface ServerDiscovery {

    /**
     * Asks the source for the servers, within about {@code timeout}.
     *
     * @throws Exception if it cannot tell (unreachable, timed out, an answer that makes no sense)
     */
    DiscoveredServers discover(Duration timeout) throws Exception;

    /**
     * An ElastiCache (or compatible) configuration endpoint, asked with {@code config get cluster}:
     * the ring is made of the nodes' host names, in the order the endpoint lists them, and each is
     * connected at the ip the endpoint gives (its host name is resolved when the ip is empty). A
     * configuration with a lower version than the one in use is ignored, as the AWS client does.
     *
     * @param endpoint {@code host:port} of the configuration endpoint
     */
    static ServerDiscovery configurationEndpoint(String endpoint) {
        return new ConfigurationEndpoint(ServerAddress.parse(endpoint), HostResolver.JVM);
    }

    /** {@link #configurationEndpoint(String)}, its host name resolved by {@code resolver}. */
    static ServerDiscovery configurationEndpoint(ServerAddress endpoint, HostResolver resolver) {
        return new ConfigurationEndpoint(Objects.requireNonNull(endpoint, "endpoint"),
                Objects.requireNonNull(resolver, "resolver"));
    }

    /**
     * Every address of a DNS name (its A and AAAA records) as a server on {@code port}, known on
     * the ring by its address and ordered by it (DNS servers rotate their answers; the ring must
     * not follow).
     */
    static ServerDiscovery dnsAddresses(String name, int port) {
        return dnsAddresses(name, port, HostResolver.JVM);
    }

    /** {@link #dnsAddresses(String, int)} through {@code resolver}. */
    static ServerDiscovery dnsAddresses(String name, int port, HostResolver resolver) {
        return new DnsDiscovery.Addresses(name, port, resolver);
    }

    /**
     * The targets of a DNS SRV name (e.g. {@code _memcache._tcp.cache.example}), each as a server
     * {@code target:port} of weight 1, ordered by target and port. Looked up through the JDK's
     * JNDI DNS provider, with the system's name servers.
     */
    static ServerDiscovery dnsSrv(String name) {
        return dnsSrv(name, SrvLookup.JNDI);
    }

    /** {@link #dnsSrv(String)} through {@code lookup}. */
    static ServerDiscovery dnsSrv(String name, SrvLookup lookup) {
        return new DnsDiscovery.Srv(name, lookup);
    }

    /**
     * The application's own source (a service registry, a configuration file): {@code servers} is
     * called on every poll and must return the list in a stable order.
     */
    static ServerDiscovery of(Supplier<List<ServerAddress>> servers) {
        Objects.requireNonNull(servers, "servers");
        return new ServerDiscovery() {
            @Override
            public DiscoveredServers discover(Duration timeout) {
                return DiscoveredServers.of(servers.get());
            }

            @Override
            public String toString() {
                return "supplier " + servers;
            }
        };
    }
}
