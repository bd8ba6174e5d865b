package net.spy.memcached.protocol.binary;

import java.util.Collection;
import java.util.Collections;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.ops.KeyedOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.VBucketAware;

/** An operation on one key. */
abstract class SingleKeyOperationImpl extends OperationImpl implements VBucketAware, KeyedOperation {

    protected final String key;

    protected SingleKeyOperationImpl(byte c, int o, String k, OperationCallback cb) {
        super(c, o, cb);
        key = k;
    }

    @Override
    public Collection<String> getKeys() {
        return Collections.singleton(key);
    }

    @Override
    public Collection<MemcachedNode> getNotMyVbucketNodes() {
        return notMyVbucketNodes;
    }

    @Override
    public void addNotMyVbucketNode(MemcachedNode node) {
        notMyVbucketNodes.add(node);
    }

    @Override
    public void setNotMyVbucketNodes(Collection<MemcachedNode> nodes) {
        notMyVbucketNodes = nodes;
    }

    @Override
    public void setVBucket(String k, short vb) {
        vbucket = vb;
    }

    @Override
    public short getVBucket(String k) {
        return vbucket;
    }

    @Override
    public String toString() {
        return super.toString() + " Key: " + key;
    }
}
