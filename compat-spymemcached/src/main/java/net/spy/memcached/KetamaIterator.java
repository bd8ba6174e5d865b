package net.spy.memcached;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import net.spy.memcached.compat.SpyObject;

/** {@link KetamaNodeLocator#getSequence}: a fixed number of tries around the ring. */
class KetamaIterator extends SpyObject implements Iterator<MemcachedNode> {

    private final String key;
    private final TreeMap<Long, MemcachedNode> ring;
    private final HashAlgorithm hashAlg;
    private long hash;
    private int remaining;
    private int tries;

    protected KetamaIterator(String k, int t, TreeMap<Long, MemcachedNode> ketamaNodes, HashAlgorithm hashAlg) {
        this.key = k;
        this.ring = ketamaNodes;
        this.hashAlg = hashAlg;
        this.hash = hashAlg.hash(k);
        this.remaining = t;
    }

    @Override
    public boolean hasNext() {
        return remaining > 0;
    }

    @Override
    public MemcachedNode next() {
        if (remaining <= 0) {
            throw new NoSuchElementException();
        }
        MemcachedNode node = KetamaNodeLocator.nodeAt(ring, hash);
        long step = hashAlg.hash(tries++ + key);
        hash = (hash + (int) (step ^ (step >>> 32))) & 0xffffffffL;
        remaining--;
        return node;
    }

    @Override
    public void remove() {
        throw new UnsupportedOperationException("remove not supported");
    }
}
