package net.spy.memcached.protocol.ascii;

import java.util.HashSet;
import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.protocol.ProxyCallback;

/** Several gets merged into one request. */
final class OptimizedGetImpl extends GetOperationImpl {

    private final ProxyCallback pcb;

    public OptimizedGetImpl(GetOperation firstGet) {
        super(new HashSet<String>(), new ProxyCallback());
        pcb = (ProxyCallback) getCallback();
        addOperation(firstGet);
    }

    /** Adds {@code o}'s keys and callback. */
    public void addOperation(GetOperation o) {
        getKeys().addAll(o.getKeys());
        pcb.addCallbacks(o);
    }
}
