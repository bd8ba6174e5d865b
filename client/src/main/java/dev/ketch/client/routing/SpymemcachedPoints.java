package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the rings of spymemcached 2.x's {@code KetamaNodeLocator} with its default configuration
 * (160 points per server, the {@code SPYMEMCACHED} node key format).
 *
 * <p>A server's point names are {@code name-0 ... name-39} (four points per MD5 digest) or {@code
 * name-0 ... name-159} (one point each, hashed with the key hash, when that is not MD5), where
 * {@code name} is what spymemcached prints for the server's {@link InetSocketAddress} without the
 * leading {@code '/'}: {@code 10.0.0.1:11211} for an address literal, {@code cache1/10.0.0.1:11211}
 * for a host name (which therefore is resolved, as spymemcached resolves it once at start-up),
 * {@code cache1/<unresolved>:11211} for a name that does not resolve.
 *
 * <p>spymemcached keeps its ring in a {@code TreeMap}, so when two servers put a point on the
 * same value the server listed later owns it (libmemcached keeps the earlier one).
 */
final class SpymemcachedPoints {

    /** {@code DefaultKetamaNodeLocatorConfiguration}'s node repetitions. */
    static final int POINTS_PER_SERVER = 160;
    private static final int POINTS_PER_DIGEST = 4;

    private SpymemcachedPoints() {
    }

    /**
     * spymemcached's name for {@code server} on the ring: {@code String.valueOf(new
     * InetSocketAddress(host, port))} without a leading {@code '/'}, with the brackets of an IPv6
     * host removed first. Resolves host names (an address literal needs no lookup).
     */
    static String name(ServerAddress server) {
        String printed = String.valueOf(new InetSocketAddress(server.connectHost(), server.port()));
        return printed.startsWith("/") ? printed.substring(1) : printed;
    }

    /**
     * The ring without weights: 40 MD5 digests of 4 points per member when keys are hashed with
     * {@link HashAlgorithm#MD5} (spymemcached's {@code KETAMA_HASH}), otherwise 160 points each
     * the key hash of its name.
     */
    static Continuum unweighted(List<ServerAddress> servers, boolean[] members, HashAlgorithm hash) {
        Map<Integer, Integer> ring = new LinkedHashMap<>();
        for (int index = 0; index < servers.size(); index++) {
            if (!members[index]) {
                continue;
            }
            String name = name(servers.get(index));
            if (hash == HashAlgorithm.MD5) {
                addDigests(ring, name, POINTS_PER_SERVER / POINTS_PER_DIGEST, index);
            } else {
                for (int i = 0; i < POINTS_PER_SERVER; i++) {
                    ring.put(hash.hash(pointName(name, i)), index);
                }
            }
        }
        return build(ring);
    }

    /** The weighted ring: {@link #weightedPoints} MD5 points per member, whatever the key hash. */
    static Continuum weighted(List<ServerAddress> servers, boolean[] members) {
        int live = 0;
        long totalWeight = 0;
        for (int index = 0; index < servers.size(); index++) {
            if (members[index]) {
                live++;
                totalWeight += servers.get(index).weight();
            }
        }
        Map<Integer, Integer> ring = new LinkedHashMap<>();
        for (int index = 0; index < servers.size(); index++) {
            if (members[index]) {
                int points = weightedPoints(servers.get(index).weight(), totalWeight, live);
                addDigests(ring, name(servers.get(index)), points / POINTS_PER_DIGEST, index);
            }
        }
        return build(ring);
    }

    /**
     * Points of a server of {@code weight} among {@code live} servers weighing {@code totalWeight},
     * in spymemcached's arithmetic: the share in 32-bit float, times 160 / 4 times the server count
     * (float), plus 1e-10 in double, rounded back to float, floored, times 4.
     */
    static int weightedPoints(int weight, long totalWeight, int live) {
        float share = (float) weight / (float) totalWeight;
        float quarters = share * (float) POINTS_PER_SERVER / POINTS_PER_DIGEST * (float) live;
        return (int) (Math.floor((float) (quarters + 0.0000000001)) * POINTS_PER_DIGEST);
    }

    private static void addDigests(Map<Integer, Integer> ring, String name, int digests, int index) {
        for (int i = 0; i < digests; i++) {
            byte[] digest = Md5Hash.digest(pointName(name, i));
            for (int word = 0; word < POINTS_PER_DIGEST; word++) {
                ring.put(Md5Hash.word(digest, word), index); // a later server takes over a shared value
            }
        }
    }

    private static byte[] pointName(String name, int i) {
        return (name + "-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static Continuum build(Map<Integer, Integer> ring) {
        Continuum.Builder builder = new Continuum.Builder(ring.size());
        ring.forEach((value, index) -> builder.add(value, index));
        return builder.build();
    }
}
