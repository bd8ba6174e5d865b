package net.spy.memcached.protocol.binary;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.ops.KeyedOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.VBucketAware;
import net.spy.memcached.util.StringUtils;

/** An operation on several keys, each with its vbucket. */
abstract class MultiKeyOperationImpl extends OperationImpl implements VBucketAware, KeyedOperation {

    protected final Map<String, Short> vbmap = Collections.synchronizedMap(new HashMap<>());

    protected MultiKeyOperationImpl(byte c, int o, OperationCallback cb) {
        super(c, o, cb);
    }

    @Override
    public Collection<String> getKeys() {
        return vbmap.keySet();
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
        vbmap.put(k, vb);
    }

    @Override
    public short getVBucket(String k) {
        Short vb = vbmap.get(k);
        return vb == null ? 0 : vb;
    }

    @Override
    public String toString() {
        synchronized (vbmap) {
            return super.toString() + " Keys: " + StringUtils.join(getKeys(), " ");
        }
    }
}
