package net.spy.memcached;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/** Decides which server each key goes to. */
public interface NodeLocator {

    /** The server {@code k}'s operations go to. */
    MemcachedNode getPrimary(String k);

    /** The servers to try, in order, when the primary is down. */
    Iterator<MemcachedNode> getSequence(String k);

    /** Every server. */
    Collection<MemcachedNode> getAll();

    /** A copy whose nodes refuse every change ({@link MemcachedNodeROImpl}). */
    NodeLocator getReadonlyCopy();

    /** Replaces the servers. */
    void updateLocator(List<MemcachedNode> nodes);
}
