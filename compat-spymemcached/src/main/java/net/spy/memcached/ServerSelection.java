package net.spy.memcached;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.routing.Distribution;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.spy.memcached.util.KetamaNodeLocatorConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Ketch routing off the spymemcached locator a {@link ConnectionFactory} made: its
 * {@link ArrayModNodeLocator} or {@link KetamaNodeLocator}, with a {@link DefaultHashAlgorithm}, is
 * one of the routing layer's spymemcached distributions, which pick the server spymemcached picks
 * for every key.
 */
final class ServerSelection {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSelection.class);

    /** What the Ketch client routes by. */
    record Routing(Distribution distribution, dev.ketch.client.routing.HashAlgorithm hash,
            Map<InetSocketAddress, Integer> weights) {
    }

    private ServerSelection() {
    }

    /**
     * The routing of {@code locator} over {@code nodes}.
     *
     * @throws UnsupportedOperationException for a locator, hash or point naming the routing layer
     *     does not have
     */
    static Routing routing(NodeLocator locator, List<MemcachedNode> nodes) {
        if (locator instanceof ArrayModNodeLocator) {
            return new Routing(Distribution.SPYMEMCACHED_ARRAY_MOD, hash(((ArrayModNodeLocator) locator).hashAlgorithm()),
                    Collections.emptyMap());
        }
        if (locator instanceof KetamaNodeLocator) {
            KetamaNodeLocator ketama = (KetamaNodeLocator) locator;
            requireSpymemcachedPoints(ketama.configuration(), nodes);
            Map<InetSocketAddress, Integer> weights = ketama.weights();
            return new Routing(weights.isEmpty() ? Distribution.SPYMEMCACHED_KETAMA : Distribution.SPYMEMCACHED_KETAMA_WEIGHTED,
                    hash(ketama.hashAlgorithm()), weights);
        }
        throw new UnsupportedOperationException("locator " + locator.getClass().getName() + ": the drop-in routes keys"
                + " through Ketch, which places them as spymemcached's ArrayModNodeLocator and KetamaNodeLocator do;"
                + " return one of those from createLocator");
    }

    /** The points must be named and counted as spymemcached names them (160 per server, {@code address-n}). */
    private static void requireSpymemcachedPoints(KetamaNodeLocatorConfiguration config, List<MemcachedNode> nodes) {
        if (config.getNodeRepetitions() != 160) {
            throw new UnsupportedOperationException("ketama with " + config.getNodeRepetitions()
                    + " points per server: Ketch's spymemcached rings have 160");
        }
        for (MemcachedNode node : nodes) {
            String name = strip(String.valueOf(node.getSocketAddress()));
            for (int i = 0; i < 2; i++) {
                if (!(name + "-" + i).equals(config.getKeyForNode(node, i))) {
                    throw new UnsupportedOperationException("ketama points named '" + config.getKeyForNode(node, i)
                            + "': Ketch's spymemcached rings name them '" + name + "-" + i + "' (the SPYMEMCACHED format);"
                            + " for libmemcached's naming use the Ketch client with a LIBMEMCACHED_ distribution");
                }
            }
        }
    }

    private static dev.ketch.client.routing.HashAlgorithm hash(HashAlgorithm hash) {
        if (hash instanceof DefaultHashAlgorithm) {
            return ((DefaultHashAlgorithm) hash).ketchHash();
        }
        throw new UnsupportedOperationException("custom hash algorithm " + hash
                + ": Ketch selects servers with DefaultHashAlgorithm's hashes only");
    }

    /** The Ketch servers for {@code addresses}: each by the host string it was created with, and its weight. */
    static List<ServerAddress> servers(List<InetSocketAddress> addresses, Routing routing) {
        List<ServerAddress> servers = new ArrayList<>(addresses.size());
        for (InetSocketAddress address : addresses) {
            int weight = 1;
            if (!routing.weights().isEmpty()) {
                Integer w = routing.weights().get(address);
                if (w == null) {
                    throw new IllegalArgumentException("no ketama weight for server " + address);
                }
                weight = w;
            }
            servers.add(ServerAddress.of(address, weight));
            if (routing.distribution() != Distribution.SPYMEMCACHED_ARRAY_MOD) {
                warnIfRenamed(address);
            }
        }
        return servers;
    }

    /**
     * spymemcached names a server on the ring after its address as created; Ketch resolves the host
     * name again when it builds the ring. Warn if that gives another name (the address was created
     * with a name that does not resolve to it, or DNS changed meanwhile).
     */
    private static void warnIfRenamed(InetSocketAddress address) {
        String spymemcached = strip(String.valueOf(address));
        String ketch = strip(String.valueOf(new InetSocketAddress(address.getHostString(), address.getPort())));
        if (!spymemcached.equals(ketch)) {
            LOG.warn("server {} is '{}' on spymemcached's ketama ring but '{}' on Ketch's: some keys will map to "
                    + "other servers than spymemcached maps them to", address, spymemcached, ketch);
        }
    }

    private static String strip(String printed) {
        return printed.startsWith("/") ? printed.substring(1) : printed;
    }
}
