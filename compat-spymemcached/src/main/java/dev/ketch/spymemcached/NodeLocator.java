package dev.ketch.spymemcached;

import java.util.Collection;

/**
 * Which server each key goes to ({@link MemcachedClientIF#getNodeLocator()}), computed by Ketch's
 * routing layer exactly as spymemcached's locator of the same configuration computes it. A read-only
 * view: spymemcached's {@code getSequence} (its failover order) and {@code updateLocator} are not
 * offered.
 */
public interface NodeLocator {

    /** The server {@code k}'s operations go to. */
    MemcachedNode getPrimary(String k);

    /** Every server, in the configured order. */
    Collection<MemcachedNode> getAll();

    /** This locator (it is immutable already). */
    NodeLocator getReadonlyCopy();
}
