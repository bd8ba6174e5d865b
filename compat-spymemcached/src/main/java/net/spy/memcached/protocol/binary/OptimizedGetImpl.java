package net.spy.memcached.protocol.binary;

import java.util.Collections;
import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.ops.VBucketAware;
import net.spy.memcached.protocol.ProxyCallback;

/** Several gets merged into one multi-get. */
final class OptimizedGetImpl extends MultiGetOperationImpl {

    private final ProxyCallback pcb;

    public OptimizedGetImpl(GetOperation firstGet) {
        super(Collections.<String>emptySet(), new ProxyCallback());
        pcb = (ProxyCallback) getCallback();
        addOperation(firstGet);
    }

    /** Adds {@code o}'s keys and callback. */
    public void addOperation(GetOperation o) {
        pcb.addCallbacks(o);
        for (String k : o.getKeys()) {
            addKey(k);
            if (o instanceof VBucketAware) {
                setVBucket(k, ((VBucketAware) o).getVBucket(k));
            }
        }
    }

    /** Distinct keys. */
    public int size() {
        return pcb.numKeys();
    }
}
