package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How keys are spread over servers: libmemcached's distributions, each reproducing exactly the
 * server libmemcached picks for every key. Every one takes any {@link HashAlgorithm} for keys
 * (libmemcached's {@code MEMCACHED_BEHAVIOR_HASH}); {@link #defaultHash()} is the one libmemcached
 * uses when only the distribution is configured.
 *
 * <p>The README's "Server selection" section says which to choose for a given PHP, Python or C
 * client configuration.
 */
public enum Distribution {

    /**
     * libmemcached 1.0.9 and later with {@code MEMCACHED_DISTRIBUTION_CONSISTENT_KETAMA} or
     * {@code MEMCACHED_BEHAVIOR_KETAMA} (pylibmc's {@code "ketama"}), OMcache's default: 100 points
     * per server, hashed with the key hash, one-at-a-time by default. Weights are ignored (see the
     * README for libmemcached's order-dependent exception).
     */
    LIBMEMCACHED_KETAMA(HashAlgorithm.ONE_AT_A_TIME, Ring.UNWEIGHTED),

    /**
     * {@code MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED} (pylibmc's {@code "ketama_weighted"}, PHP
     * memcached's {@code OPT_LIBKETAMA_COMPATIBLE}): the weighted ring (160 points per server of
     * average weight, four per MD5 digest), keys hashed with MD5 by default.
     */
    LIBMEMCACHED_KETAMA_WEIGHTED(HashAlgorithm.MD5, Ring.WEIGHTED),

    /**
     * {@code MEMCACHED_DISTRIBUTION_CONSISTENT_WEIGHTED}: the weighted ring with keys hashed with
     * one-at-a-time by default. Also what libmemcached builds for {@code "ketama"} when ketama was
     * set before servers with weights above 1 were added, as pylibmc does.
     */
    LIBMEMCACHED_CONSISTENT_WEIGHTED(HashAlgorithm.ONE_AT_A_TIME, Ring.WEIGHTED),

    /**
     * Ketama as libmemcached 0.49 to 1.0.8 built it (OMcache's name "pre-1.0.10"): a bug made plain
     * ketama build the weighted ring, while keys kept the one-at-a-time hash. The same ring and
     * hash as {@link #LIBMEMCACHED_CONSISTENT_WEIGHTED}, named for what the other client runs.
     */
    LIBMEMCACHED_KETAMA_PRE1010(HashAlgorithm.ONE_AT_A_TIME, Ring.WEIGHTED),

    /**
     * {@code MEMCACHED_DISTRIBUTION_MODULA}, libmemcached's default: the key hash modulo the
     * number of servers. Adding or removing a server moves most keys.
     */
    MODULA(HashAlgorithm.ONE_AT_A_TIME, Ring.NONE);

    private enum Ring { UNWEIGHTED, WEIGHTED, NONE }

    private final HashAlgorithm defaultHash;
    private final Ring ring;

    Distribution(HashAlgorithm defaultHash, Ring ring) {
        this.defaultHash = defaultHash;
        this.ring = ring;
    }

    /** The key hash libmemcached uses with this distribution unless another is configured. */
    public HashAlgorithm defaultHash() {
        return defaultHash;
    }

    /** Whether server weights change the share of keys a server gets. */
    public boolean weighted() {
        return ring == Ring.WEIGHTED;
    }

    /** A selector for {@code servers}, keys hashed with {@code hash}. */
    public ServerSelector selector(List<ServerAddress> servers, HashAlgorithm hash) {
        List<ServerAddress> copy = List.copyOf(servers);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no servers");
        }
        Objects.requireNonNull(hash, "hash");
        boolean[] members = new boolean[copy.size()];
        Arrays.fill(members, true);
        return selector(copy, hash, members);
    }

    /** A selector for {@code servers} with this distribution's {@link #defaultHash()}. */
    public ServerSelector selector(List<ServerAddress> servers) {
        return selector(servers, defaultHash);
    }

    /** A selector over the servers marked in {@code members}; the others keep their index. */
    ServerSelector selector(List<ServerAddress> servers, HashAlgorithm hash, boolean[] members) {
        return switch (ring) {
            case UNWEIGHTED -> new KetamaSelector(servers, this, hash, members,
                    KetamaPoints.unweighted(servers, members, hash));
            case WEIGHTED -> new KetamaSelector(servers, this, hash, members, KetamaPoints.weighted(servers, members));
            case NONE -> new ModulaSelector(servers, this, hash, members);
        };
    }
}
