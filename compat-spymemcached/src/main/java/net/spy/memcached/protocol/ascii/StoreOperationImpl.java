package net.spy.memcached.protocol.ascii;

import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.StoreOperation;
import net.spy.memcached.ops.StoreType;

/** {@code set}, {@code add}, {@code replace}. */
final class StoreOperationImpl extends BaseStoreOperationImpl implements StoreOperation {

    private final StoreType storeType;

    public StoreOperationImpl(StoreType t, String k, int f, int e, byte[] d, OperationCallback cb) {
        super(t.name(), k, f, e, d, cb);
        storeType = t;
    }

    @Override
    public StoreType getStoreType() {
        return storeType;
    }
}
