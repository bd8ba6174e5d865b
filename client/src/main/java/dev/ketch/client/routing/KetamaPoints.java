package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.util.List;

/** Builds libmemcached's two ketama rings from the servers that take part in them. */
final class KetamaPoints {

    /** {@code MEMCACHED_POINTS_PER_SERVER}. */
    static final int UNWEIGHTED_POINTS = 100;
    /** {@code MEMCACHED_POINTS_PER_SERVER_KETAMA}. */
    static final int WEIGHTED_POINTS = 160;
    /** A 16-byte MD5 digest gives four 32-bit points. */
    static final int POINTS_PER_DIGEST = 4;

    private KetamaPoints() {
    }

    /**
     * 100 points per member, each the configured key hash of its {@link PointName} (libmemcached
     * 1.0.9 and later, {@code MEMCACHED_DISTRIBUTION_CONSISTENT_KETAMA}).
     */
    static Continuum unweighted(List<ServerAddress> servers, boolean[] members, HashAlgorithm hash) {
        Continuum.Builder ring = new Continuum.Builder(UNWEIGHTED_POINTS * servers.size());
        for (int index = 0; index < servers.size(); index++) {
            if (members[index]) {
                for (int i = 0; i < UNWEIGHTED_POINTS; i++) {
                    ring.add(hash.hash(PointName.of(servers.get(index), i)), index);
                }
            }
        }
        return ring.build();
    }

    /**
     * The weighted ring: {@link #weightedPoints} points per member, four from each MD5 digest of
     * names {@code 0, 1, ...}, whatever the key hash.
     */
    static Continuum weighted(List<ServerAddress> servers, boolean[] members) {
        int live = 0;
        long totalWeight = 0;
        for (int index = 0; index < servers.size(); index++) {
            if (members[index]) {
                live++;
                totalWeight += servers.get(index).weight();
            }
        }
        Continuum.Builder ring = new Continuum.Builder(WEIGHTED_POINTS * live);
        for (int index = 0; index < servers.size(); index++) {
            if (!members[index]) {
                continue;
            }
            int digests = weightedPoints(servers.get(index).weight(), totalWeight, live) / POINTS_PER_DIGEST;
            for (int i = 0; i < digests; i++) {
                byte[] digest = Md5Hash.digest(PointName.of(servers.get(index), i));
                for (int word = 0; word < POINTS_PER_DIGEST; word++) {
                    ring.add(Md5Hash.word(digest, word), index);
                }
            }
        }
        return ring.build();
    }

    /**
     * Points of a server of {@code weight} among {@code live} servers weighing {@code totalWeight}
     * together. Computed in 32-bit float, step by step, as libmemcached does: rounding makes 25,
     * 47, 50 or 55 equal servers get 156 points each instead of 160, and doing this in double, or
     * simplifying it, would build a different ring.
     */
    static int weightedPoints(int weight, long totalWeight, int live) {
        float share = (float) weight / (float) totalWeight;
        float quarters = share * WEIGHTED_POINTS / POINTS_PER_DIGEST * (float) live + 1e-10f;
        return (int) Math.floor(quarters) * POINTS_PER_DIGEST;
    }
}
