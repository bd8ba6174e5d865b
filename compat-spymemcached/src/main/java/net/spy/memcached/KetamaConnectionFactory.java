package net.spy.memcached;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * {@link DefaultConnectionFactory} with spymemcached's ketama ring ({@code KetamaNodeLocator}):
 * {@code KETAMA_HASH} keys, 160 points per server named after its socket address, weighted when a
 * weights map is given. Selects exactly the servers spymemcached selects (Ketch's {@code
 * Distribution.SPYMEMCACHED_KETAMA} and {@code SPYMEMCACHED_KETAMA_WEIGHTED}).
 */
public class KetamaConnectionFactory extends DefaultConnectionFactory {

    private final KetamaNodeKeyFormatter.Format ketamaNodeKeyFormat;
    private final Map<InetSocketAddress, Integer> weights;

    /** @param opQueueMaxBlockTime ignored, as by spymemcached */
    public KetamaConnectionFactory(int qLen, int bufSize, long opQueueMaxBlockTime) {
        this(qLen, bufSize, opQueueMaxBlockTime, DefaultHashAlgorithm.KETAMA_HASH,
                KetamaNodeKeyFormatter.Format.SPYMEMCACHED, Map.of());
    }

    /**
     * @param opQueueMaxBlockTime ignored, as by spymemcached
     * @param nodeKeyFormat only {@link KetamaNodeKeyFormatter.Format#SPYMEMCACHED} is supported (a
     *     client built with the other fails at construction)
     * @param weights a weight for every server, or empty for the unweighted ring
     */
    public KetamaConnectionFactory(int qLen, int bufSize, long opQueueMaxBlockTime, HashAlgorithm hash,
            KetamaNodeKeyFormatter.Format nodeKeyFormat, Map<InetSocketAddress, Integer> weights) {
        super(qLen, bufSize, hash);
        this.ketamaNodeKeyFormat = nodeKeyFormat;
        this.weights = weights;
    }

    /** A factory placing keys on a ketama ring by MD5, with the default queue length and buffer size. */
    public KetamaConnectionFactory() {
        this(DEFAULT_OP_QUEUE_LEN, DEFAULT_READ_BUFFER_SIZE, DEFAULT_OP_QUEUE_MAX_BLOCK_TIME);
    }

    /** A {@link KetamaNodeLocator} of the hash, node key format and weights given. */
    @Override
    public NodeLocator createLocator(java.util.List<MemcachedNode> nodes) {
        return new KetamaNodeLocator(nodes, getHashAlg(), ketamaNodeKeyFormat, weights);
    }

    /** How servers are named on the ketama ring. */
    public KetamaNodeKeyFormatter.Format getKetamaNodeKeyFormat() {
        return ketamaNodeKeyFormat;
    }

    /** Each server's weight; empty for the unweighted ring. */
    public Map<InetSocketAddress, Integer> getWeights() {
        return weights;
    }

    @Override
    protected String getName() {
        return "KetamaConnectionFactory";
    }
}
