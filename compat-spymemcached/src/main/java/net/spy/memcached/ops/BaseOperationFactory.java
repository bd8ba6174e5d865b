package net.spy.memcached.ops;

import java.util.ArrayList;
import java.util.Collection;
import net.spy.memcached.OperationFactory;

/** {@link OperationFactory#clone}: an operation remade, one per key for gets, for another server. */
public abstract class BaseOperationFactory implements OperationFactory {

    /** A factory. */
    public BaseOperationFactory() {
    }

    private static String first(Collection<String> keys) {
        return keys.iterator().next();
    }

    /**
     * Copies of {@code op} with its callback: one per key for gets (sharing a callback that joins
     * them), one otherwise.
     *
     * @throws IllegalArgumentException for an operation of no known type
     */
    @Override
    public Collection<Operation> clone(KeyedOperation op) {
        Collection<Operation> rv = new ArrayList<>(op.getKeys().size());
        if (op instanceof GetOperation || op instanceof ReplicaGetOperation) {
            rv.addAll(cloneGet(op));
        } else if (op instanceof ReplicaGetsOperation) {
            ReplicaGetsOperation.Callback callback = (ReplicaGetsOperation.Callback) op.getCallback();
            for (String k : op.getKeys()) {
                rv.add(replicaGets(k, ((ReplicaGetsOperation) op).getReplicaIndex(), callback));
            }
        } else if (op instanceof GetsOperation) {
            GetsOperation.Callback callback = (GetsOperation.Callback) op.getCallback();
            for (String k : op.getKeys()) {
                rv.add(gets(k, callback));
            }
        } else if (op instanceof CASOperation) {
            CASOperation c = (CASOperation) op;
            rv.add(cas(c.getStoreType(), first(op.getKeys()), c.getCasValue(), c.getFlags(), c.getExpiration(), c.getData(),
                    (StoreOperation.Callback) c.getCallback()));
        } else if (op instanceof DeleteOperation) {
            rv.add(delete(first(op.getKeys()), (DeleteOperation.Callback) op.getCallback()));
        } else if (op instanceof MutatorOperation) {
            MutatorOperation m = (MutatorOperation) op;
            rv.add(mutate(m.getType(), first(op.getKeys()), m.getBy(), m.getDefault(), m.getExpiration(), op.getCallback()));
        } else if (op instanceof StoreOperation) {
            StoreOperation s = (StoreOperation) op;
            rv.add(store(s.getStoreType(), first(op.getKeys()), s.getFlags(), s.getExpiration(), s.getData(),
                    (StoreOperation.Callback) op.getCallback()));
        } else if (op instanceof ConcatenationOperation) {
            ConcatenationOperation c = (ConcatenationOperation) op;
            rv.add(cat(c.getStoreType(), c.getCasValue(), first(op.getKeys()), c.getData(), c.getCallback()));
        } else if (op instanceof GetAndTouchOperation) {
            GetAndTouchOperation g = (GetAndTouchOperation) op;
            rv.add(getAndTouch(first(g.getKeys()), g.getExpiration(), (GetAndTouchOperation.Callback) g.getCallback()));
        } else if (op instanceof TouchOperation) {
            TouchOperation t = (TouchOperation) op;
            rv.add(touch(first(t.getKeys()), t.getExpiration(), t.getCallback()));
        } else if (op instanceof GetlOperation) {
            GetlOperation g = (GetlOperation) op;
            rv.add(getl(first(g.getKeys()), g.getExpiration(), (GetlOperation.Callback) g.getCallback()));
        } else if (op instanceof ObserveOperation) {
            ObserveOperation o = (ObserveOperation) op;
            rv.add(observe(first(o.getKeys()), o.getCasValue(), o.getIndex(), (ObserveOperation.Callback) o.getCallback()));
        } else {
            throw new IllegalArgumentException("Unhandled operation type: " + op.getClass());
        }
        return rv;
    }

    /** One get per key of {@code op}, sharing a callback that joins them. */
    protected abstract Collection<? extends Operation> cloneGet(KeyedOperation op);
}
