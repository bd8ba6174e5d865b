package net.spy.memcached;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A key goes to server number {@code hash(key) % servers}: spymemcached's default locator. */
public final class ArrayModNodeLocator implements NodeLocator {

    private final HashAlgorithm hashAlg;
    private volatile MemcachedNode[] nodes;

    /** The locator over {@code n}, in that order. */
    public ArrayModNodeLocator(List<MemcachedNode> n, HashAlgorithm alg) {
        this(n.toArray(new MemcachedNode[0]), alg);
    }

    private ArrayModNodeLocator(MemcachedNode[] nodes, HashAlgorithm alg) {
        this.nodes = nodes;
        this.hashAlg = alg;
    }

    HashAlgorithm hashAlgorithm() {
        return hashAlg;
    }

    @Override
    public Collection<MemcachedNode> getAll() {
        return Arrays.asList(nodes);
    }

    @Override
    public MemcachedNode getPrimary(String k) {
        MemcachedNode[] n = nodes;
        return n[index(n, k)];
    }

    /** The other servers, in order after the key's own, wrapping around. */
    @Override
    public Iterator<MemcachedNode> getSequence(String k) {
        MemcachedNode[] n = nodes;
        int start = index(n, k);
        return new Iterator<MemcachedNode>() {
            private int step = 1;

            @Override
            public boolean hasNext() {
                return step < n.length;
            }

            @Override
            public MemcachedNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return n[(start + step++) % n.length];
            }

            @Override
            public void remove() {
                throw new UnsupportedOperationException("Can't remove a node");
            }
        };
    }

    @Override
    public NodeLocator getReadonlyCopy() {
        MemcachedNode[] n = nodes;
        MemcachedNode[] copy = new MemcachedNode[n.length];
        for (int i = 0; i < n.length; i++) {
            copy[i] = new MemcachedNodeROImpl(n[i]);
        }
        return new ArrayModNodeLocator(copy, hashAlg);
    }

    @Override
    public void updateLocator(List<MemcachedNode> newNodes) {
        nodes = newNodes.toArray(new MemcachedNode[0]);
    }

    private int index(MemcachedNode[] n, String key) {
        return (int) (hashAlg.hash(key) % n.length);
    }
}
