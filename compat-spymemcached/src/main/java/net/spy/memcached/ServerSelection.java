package net.spy.memcached;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.routing.Distribution;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a {@link ConnectionFactory}'s locator, hash and weights onto the Ketch routing layer's
 * spymemcached distributions, which pick the server spymemcached picks for every key.
 */
final class ServerSelection {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSelection.class);

    private ServerSelection() {
    }

    /** The Ketch servers for {@code addresses}: each by the host string it was created with. */
    static List<ServerAddress> servers(List<InetSocketAddress> addresses, ConnectionFactory cf) {
        Map<InetSocketAddress, Integer> weights = ketama(cf) ? cf.getWeights() : Map.of();
        List<ServerAddress> servers = new ArrayList<>(addresses.size());
        for (InetSocketAddress address : addresses) {
            int weight = 1;
            if (!weights.isEmpty()) {
                Integer w = weights.get(address);
                if (w == null) {
                    throw new IllegalArgumentException("no ketama weight for server " + address);
                }
                weight = w;
            }
            servers.add(ServerAddress.of(address, weight));
            if (ketama(cf)) {
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

    private static boolean ketama(ConnectionFactory cf) {
        return cf.getLocatorType() == ConnectionFactoryBuilder.Locator.CONSISTENT;
    }

    /**
     * spymemcached's locator for the factory's settings, over {@code nodes}: the answer to {@code
     * getNodeLocator()}, and the same server for every key as the Ketch distribution of {@link
     * #distribution} with the hash of {@link #hash}.
     */
    static NodeLocator locator(ConnectionFactory cf, List<MemcachedNode> nodes) {
        if (cf.getLocatorType() == ConnectionFactoryBuilder.Locator.CONSISTENT) {
            KetamaNodeKeyFormatter.Format format = cf instanceof KetamaConnectionFactory
                    ? ((KetamaConnectionFactory) cf).getKetamaNodeKeyFormat() : KetamaNodeKeyFormatter.Format.SPYMEMCACHED;
            return new KetamaNodeLocator(nodes, cf.getHashAlg(), format, cf.getWeights());
        }
        return new ArrayModNodeLocator(nodes, cf.getHashAlg());
    }

    /** The distribution for the factory's locator type. */
    static Distribution distribution(ConnectionFactory cf) {
        switch (cf.getLocatorType()) {
            case ARRAY_MOD:
                return Distribution.SPYMEMCACHED_ARRAY_MOD;
            case CONSISTENT:
                if (cf instanceof KetamaConnectionFactory
                        && ((KetamaConnectionFactory) cf).getKetamaNodeKeyFormat() != KetamaNodeKeyFormatter.Format.SPYMEMCACHED) {
                    throw new UnsupportedOperationException("only spymemcached's own ketama node key format is supported;"
                            + " for libmemcached's, use the Ketch client with a LIBMEMCACHED_ distribution");
                }
                return cf.getWeights().isEmpty() ? Distribution.SPYMEMCACHED_KETAMA : Distribution.SPYMEMCACHED_KETAMA_WEIGHTED;
            default:
                throw new UnsupportedOperationException("locator " + cf.getLocatorType() + " is Couchbase's, not supported");
        }
    }

    /** The Ketch key hash for the factory's hash algorithm. */
    static dev.ketch.client.routing.HashAlgorithm hash(ConnectionFactory cf) {
        HashAlgorithm hash = cf.getHashAlg();
        if (hash instanceof DefaultHashAlgorithm) {
            return ((DefaultHashAlgorithm) hash).ketchHash();
        }
        throw new UnsupportedOperationException("custom hash algorithm " + hash
                + ": Ketch selects servers with DefaultHashAlgorithm's hashes only");
    }
}
