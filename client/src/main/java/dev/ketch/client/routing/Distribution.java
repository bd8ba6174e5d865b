package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How keys are spread over servers: libmemcached's distributions, each reproducing exactly the
 * server libmemcached picks for every key, and spymemcached 2.x's ({@code SPYMEMCACHED_}), each
 * reproducing the server spymemcached picks. Every one takes any {@link HashAlgorithm} for keys
 * (libmemcached's {@code MEMCACHED_BEHAVIOR_HASH}, spymemcached's {@code setHashAlg});
 * {@link #defaultHash()} is the one the other library uses when only the distribution is
 * configured.
 *
 * <p>The README's "Server selection" section says which to choose for a given PHP, Python or C
 * client configuration, "Migrating from spymemcached" for a spymemcached one.
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
    MODULA(HashAlgorithm.ONE_AT_A_TIME, Ring.NONE),

    /**
     * spymemcached 2.x's {@code KetamaNodeLocator} without weights ({@code Locator.CONSISTENT},
     * {@code KetamaConnectionFactory}): 160 points per server named after the server's socket
     * address as spymemcached prints it (see below), keys hashed with MD5 ({@code KETAMA_HASH}) by
     * default. With MD5 each digest gives four points; with any other key hash (spymemcached's
     * {@code ConnectionFactoryBuilder} defaults to {@link HashAlgorithm#SPYMEMCACHED_NATIVE} even
     * for ketama) each point is that hash of its name. Weights are ignored.
     *
     * <p>The name is {@code String.valueOf(new InetSocketAddress(host, port))} without its leading
     * {@code '/'}: {@code 10.0.0.1:11211} for an address, {@code cache1/10.0.0.1:11211} for a host
     * name. Building the selector therefore resolves host names, once, as spymemcached does at
     * start-up, and the ring depends on what they resolve to (as spymemcached's does); give
     * addresses to keep it independent of DNS. Of two servers with a point on the same value, the
     * one listed later owns it (spymemcached's {@code TreeMap}).
     */
    SPYMEMCACHED_KETAMA(HashAlgorithm.MD5, Ring.SPY_UNWEIGHTED),

    /**
     * spymemcached's {@code KetamaNodeLocator} given a weight for every server (as {@code
     * KetamaConnectionFactory}'s weights map does): MD5 points, {@code floor(w / W * 160 / 4 * n)
     * * 4} for a server of weight {@code w} among {@code n} weighing {@code W} (in spymemcached's
     * float arithmetic), named as for {@link #SPYMEMCACHED_KETAMA}. Keys hashed with MD5 by default.
     */
    SPYMEMCACHED_KETAMA_WEIGHTED(HashAlgorithm.MD5, Ring.SPY_WEIGHTED),

    /**
     * spymemcached's {@code ArrayModNodeLocator}, its default: the unsigned key hash modulo the
     * number of servers, keys hashed with {@link HashAlgorithm#SPYMEMCACHED_NATIVE} ({@code
     * String.hashCode}) by default.
     */
    SPYMEMCACHED_ARRAY_MOD(HashAlgorithm.SPYMEMCACHED_NATIVE, Ring.NONE);

    private enum Ring { UNWEIGHTED, WEIGHTED, SPY_UNWEIGHTED, SPY_WEIGHTED, NONE }

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
        return ring == Ring.WEIGHTED || ring == Ring.SPY_WEIGHTED;
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
            case SPY_UNWEIGHTED -> new KetamaSelector(servers, this, hash, members,
                    SpymemcachedPoints.unweighted(servers, members, hash));
            case SPY_WEIGHTED -> new KetamaSelector(servers, this, hash, members,
                    SpymemcachedPoints.weighted(servers, members));
            case NONE -> new ModulaSelector(servers, this, hash, members);
        };
    }
}
