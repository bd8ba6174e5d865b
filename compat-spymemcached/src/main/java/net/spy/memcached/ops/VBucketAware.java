package net.spy.memcached.ops;

import java.util.Collection;
import net.spy.memcached.MemcachedNode;

/** An operation that carries Couchbase vbucket numbers (memcached ignores them: they are sent as 0). */
public interface VBucketAware {

    /** Sets {@code key}'s vbucket. */
    void setVBucket(String key, short vbucket);

    /** {@code key}'s vbucket. */
    short getVBucket(String key);

    /** Servers that refused the vbucket. */
    Collection<MemcachedNode> getNotMyVbucketNodes();

    /** Adds a server that refused the vbucket. */
    void addNotMyVbucketNode(MemcachedNode node);

    /** Sets the servers that refused the vbucket. */
    void setNotMyVbucketNodes(Collection<MemcachedNode> nodes);
}
