package dev.ketch.client.cluster;

import dev.ketch.client.HostResolver;
import dev.ketch.client.ServerAddress;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Discovery from DNS: a name's addresses, or its SRV records. */
final class DnsDiscovery {

    private DnsDiscovery() {
    }

    /** Servers sorted by host, then port: the ring must not follow the DNS server's rotation. */
    static List<ServerAddress> sorted(Set<ServerAddress> servers) {
        List<ServerAddress> list = new ArrayList<>(servers);
        list.sort(Comparator.comparing(ServerAddress::host).thenComparingInt(ServerAddress::port));
        return list;
    }

    /** A name's A and AAAA records. */
    static final class Addresses implements ServerDiscovery {
        private final String name;
        private final int port;
        private final HostResolver resolver;

        Addresses(String name, int port, HostResolver resolver) {
            this.name = Objects.requireNonNull(name, "name");
            this.port = new ServerAddress(name, port).port(); // checks the port
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        @Override
        public DiscoveredServers discover(Duration timeout) throws Exception {
            Set<ServerAddress> servers = new LinkedHashSet<>();
            for (InetAddress address : resolver.resolve(name)) {
                servers.add(new ServerAddress(address.getHostAddress(), port));
            }
            return DiscoveredServers.of(sorted(servers));
        }

        @Override
        public String toString() {
            return "DNS addresses of " + name + " port " + port;
        }
    }

    /** A name's SRV records. */
    static final class Srv implements ServerDiscovery {
        private final String name;
        private final SrvLookup lookup;

        Srv(String name, SrvLookup lookup) {
            this.name = Objects.requireNonNull(name, "name");
            this.lookup = Objects.requireNonNull(lookup, "lookup");
        }

        @Override
        public DiscoveredServers discover(Duration timeout) throws Exception {
            Set<ServerAddress> servers = new LinkedHashSet<>();
            for (SrvLookup.SrvRecord record : lookup.lookup(name)) {
                servers.add(new ServerAddress(record.target(), record.port()));
            }
            if (servers.isEmpty()) {
                throw new java.net.UnknownHostException("no SRV records for " + name);
            }
            return DiscoveredServers.of(sorted(servers));
        }

        @Override
        public String toString() {
            return "DNS SRV " + name;
        }
    }
}
