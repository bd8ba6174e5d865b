package net.spy.memcached.util;

import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.MemcachedNode;

/** 160 points per server, named by a {@link KetamaNodeKeyFormatter}. */
public class DefaultKetamaNodeLocatorConfiguration implements KetamaNodeLocatorConfiguration {

    private static final int NODE_REPETITIONS = 160;

    private final KetamaNodeKeyFormatter formatter;

    /** Points named in spymemcached's format. */
    public DefaultKetamaNodeLocatorConfiguration() {
        this(new KetamaNodeKeyFormatter());
    }

    /** Points named by {@code nodeKeyFormatter}. */
    public DefaultKetamaNodeLocatorConfiguration(KetamaNodeKeyFormatter nodeKeyFormatter) {
        this.formatter = nodeKeyFormatter;
    }

    @Override
    public int getNodeRepetitions() {
        return NODE_REPETITIONS;
    }

    @Override
    public String getKeyForNode(MemcachedNode node, int repetition) {
        return formatter.getKeyForNode(node, repetition);
    }
}
