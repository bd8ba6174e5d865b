package net.spy.memcached.util;

import net.spy.memcached.MemcachedNode;

/** How {@link net.spy.memcached.KetamaNodeLocator} places a server's points on its ring. */
public interface KetamaNodeLocatorConfiguration {

    /** The name hashed for point {@code repetition} of {@code node}. */
    String getKeyForNode(MemcachedNode node, int repetition);

    /** Points per server (a multiple of 4 when points come from MD5 digests). */
    int getNodeRepetitions();
}
