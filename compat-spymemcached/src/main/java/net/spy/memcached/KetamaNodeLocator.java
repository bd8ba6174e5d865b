package net.spy.memcached;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.spy.memcached.compat.SpyObject;
import net.spy.memcached.util.DefaultKetamaNodeLocatorConfiguration;
import net.spy.memcached.util.KetamaNodeLocatorConfiguration;

/**
 * Consistent hashing (ketama): every server owns points on a ring of 32-bit values, a key goes to
 * the first point at or after its hash. With {@link DefaultHashAlgorithm#KETAMA_HASH}, or with
 * weights, a server's points are the four little-endian words of the MD5 of each of its point
 * names; with another hash each point is that hash of a point name. Where two servers' points
 * fall on the same value, the server placed later owns it.
 */
public final class KetamaNodeLocator extends SpyObject implements NodeLocator {

    private static final int POINTS_PER_DIGEST = 4;
    private static final int SEQUENCE_TRIES = 7;

    private volatile TreeMap<Long, MemcachedNode> ketamaNodes;
    private volatile Collection<MemcachedNode> allNodes;
    private final HashAlgorithm hashAlg;
    private final Map<InetSocketAddress, Integer> weights;
    private final KetamaNodeLocatorConfiguration config;

    /** A ring of {@code nodes} with 160 points each, named in spymemcached's format. */
    public KetamaNodeLocator(List<MemcachedNode> nodes, HashAlgorithm alg) {
        this(nodes, alg, KetamaNodeKeyFormatter.Format.SPYMEMCACHED, Collections.emptyMap());
    }

    /** A ring named in {@code nodeKeyFormat}, weighted by {@code weights} unless it is empty. */
    public KetamaNodeLocator(List<MemcachedNode> nodes, HashAlgorithm alg, KetamaNodeKeyFormatter.Format nodeKeyFormat,
            Map<InetSocketAddress, Integer> weights) {
        this(nodes, alg, weights, new DefaultKetamaNodeLocatorConfiguration(new KetamaNodeKeyFormatter(nodeKeyFormat)));
    }

    /** A ring placed as {@code conf} says. */
    public KetamaNodeLocator(List<MemcachedNode> nodes, HashAlgorithm alg, KetamaNodeLocatorConfiguration conf) {
        this(nodes, alg, Collections.emptyMap(), conf);
    }

    /**
     * A ring placed as {@code configuration} says, weighted by {@code nodeWeights} unless it is
     * empty (then every node needs a weight).
     */
    public KetamaNodeLocator(List<MemcachedNode> nodes, HashAlgorithm alg, Map<InetSocketAddress, Integer> nodeWeights,
            KetamaNodeLocatorConfiguration configuration) {
        this.allNodes = nodes;
        this.hashAlg = alg;
        this.weights = nodeWeights;
        this.config = configuration;
        setKetamaNodes(nodes);
    }

    private KetamaNodeLocator(TreeMap<Long, MemcachedNode> ring, Collection<MemcachedNode> all, HashAlgorithm alg,
            Map<InetSocketAddress, Integer> weights, KetamaNodeLocatorConfiguration config) {
        this.ketamaNodes = ring;
        this.allNodes = all;
        this.hashAlg = alg;
        this.weights = weights;
        this.config = config;
    }

    HashAlgorithm hashAlgorithm() {
        return hashAlg;
    }

    Map<InetSocketAddress, Integer> weights() {
        return weights;
    }

    KetamaNodeLocatorConfiguration configuration() {
        return config;
    }

    /** The node owning the first point at or after {@code hash}. */
    MemcachedNode getNodeForKey(long hash) {
        return nodeAt(ketamaNodes, hash);
    }

    @Override
    public Collection<MemcachedNode> getAll() {
        return allNodes;
    }

    @Override
    public MemcachedNode getPrimary(String k) {
        return nodeAt(ketamaNodes, hashAlg.hash(k));
    }

    /** The node owning the first point at or after {@code hash}, wrapping around. */
    static MemcachedNode nodeAt(TreeMap<Long, MemcachedNode> ring, long hash) {
        Map.Entry<Long, MemcachedNode> point = ring.ceilingEntry(hash);
        return (point != null ? point : ring.firstEntry()).getValue();
    }

    /** The largest point on the ring. */
    long getMaxKey() {
        return ketamaNodes.lastKey();
    }

    /**
     * Seven nodes to try when the primary is down: each the owner of the point after the previous
     * hash moved by the hash of the try number prefixed to the key (the same node may recur).
     */
    @Override
    public Iterator<MemcachedNode> getSequence(String k) {
        return new KetamaIterator(k, SEQUENCE_TRIES, ketamaNodes, hashAlg);
    }

    @Override
    public NodeLocator getReadonlyCopy() {
        TreeMap<Long, MemcachedNode> ring = new TreeMap<>();
        ketamaNodes.forEach((point, node) -> ring.put(point, new MemcachedNodeROImpl(node)));
        List<MemcachedNode> all = new ArrayList<>(allNodes.size());
        for (MemcachedNode node : allNodes) {
            all.add(new MemcachedNodeROImpl(node));
        }
        return new KetamaNodeLocator(ring, all, hashAlg, weights, config);
    }

    @Override
    public void updateLocator(List<MemcachedNode> nodes) {
        allNodes = nodes;
        setKetamaNodes(nodes);
    }

    /** The ring: point to owner. */
    protected TreeMap<Long, MemcachedNode> getKetamaNodes() {
        return ketamaNodes;
    }

    /** Rebuilds the ring over {@code nodes}. */
    protected void setKetamaNodes(List<MemcachedNode> nodes) {
        TreeMap<Long, MemcachedNode> ring = new TreeMap<>();
        int repetitions = config.getNodeRepetitions();
        if (!weights.isEmpty()) {
            long totalWeight = 0;
            for (MemcachedNode node : nodes) {
                totalWeight += weightOf(node);
            }
            for (MemcachedNode node : nodes) {
                int weight = weightOf(node);
                // spymemcached's arithmetic, float rounding included, so that rings agree
                float share = (float) weight / (float) totalWeight;
                int points = (int) (Math.floor((float) (share * (float) repetitions / POINTS_PER_DIGEST * (float) nodes.size()
                        + 0.0000000001)) * POINTS_PER_DIGEST);
                addDigestPoints(ring, node, points / POINTS_PER_DIGEST);
                getLogger().debug("Adding node %s with weight %s", node, weight);
            }
        } else if (hashAlg == DefaultHashAlgorithm.KETAMA_HASH) {
            for (MemcachedNode node : nodes) {
                addDigestPoints(ring, node, repetitions / POINTS_PER_DIGEST);
            }
        } else {
            for (MemcachedNode node : nodes) {
                for (int i = 0; i < repetitions; i++) {
                    ring.put(hashAlg.hash(config.getKeyForNode(node, i)), node);
                }
            }
        }
        ketamaNodes = ring;
    }

    /** The node's weight; a node without one fails as in spymemcached, with a {@link NullPointerException}. */
    private int weightOf(MemcachedNode node) {
        Integer weight = weights.get(node.getSocketAddress());
        if (weight == null) {
            throw new NullPointerException("no ketama weight for server " + node.getSocketAddress());
        }
        return weight;
    }

    private void addDigestPoints(TreeMap<Long, MemcachedNode> ring, MemcachedNode node, int digests) {
        for (int i = 0; i < digests; i++) {
            byte[] digest = DefaultHashAlgorithm.computeMd5(config.getKeyForNode(node, i));
            for (int word = 0; word < POINTS_PER_DIGEST; word++) {
                int at = word * 4;
                long point = (long) (digest[at + 3] & 0xFF) << 24 | (long) (digest[at + 2] & 0xFF) << 16
                        | (long) (digest[at + 1] & 0xFF) << 8 | (digest[at] & 0xFF);
                ring.put(point, node);
            }
        }
    }
}
