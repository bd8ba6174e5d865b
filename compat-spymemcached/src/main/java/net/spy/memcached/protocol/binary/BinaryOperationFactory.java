package net.spy.memcached.protocol.binary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import net.spy.memcached.ops.BaseOperationFactory;
import net.spy.memcached.ops.CASOperation;
import net.spy.memcached.ops.ConcatenationOperation;
import net.spy.memcached.ops.ConcatenationType;
import net.spy.memcached.ops.DeleteOperation;
import net.spy.memcached.ops.FlushOperation;
import net.spy.memcached.ops.GetAndTouchOperation;
import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.ops.GetlOperation;
import net.spy.memcached.ops.GetsOperation;
import net.spy.memcached.ops.KeyedOperation;
import net.spy.memcached.ops.MultiGetOperationCallback;
import net.spy.memcached.ops.MultiGetsOperationCallback;
import net.spy.memcached.ops.MultiReplicaGetOperationCallback;
import net.spy.memcached.ops.Mutator;
import net.spy.memcached.ops.MutatorOperation;
import net.spy.memcached.ops.NoopOperation;
import net.spy.memcached.ops.ObserveOperation;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.ReplicaGetOperation;
import net.spy.memcached.ops.ReplicaGetsOperation;
import net.spy.memcached.ops.SASLAuthOperation;
import net.spy.memcached.ops.SASLMechsOperation;
import net.spy.memcached.ops.SASLStepOperation;
import net.spy.memcached.ops.StatsOperation;
import net.spy.memcached.ops.StoreOperation;
import net.spy.memcached.ops.StoreType;
import net.spy.memcached.ops.TouchOperation;
import net.spy.memcached.ops.UnlockOperation;
import net.spy.memcached.ops.VersionOperation;

/** The binary protocol's operations. */
public class BinaryOperationFactory extends BaseOperationFactory {

    /** The factory. */
    public BinaryOperationFactory() {
    }

    @Override
    public DeleteOperation delete(String key, DeleteOperation.Callback operationCallback) {
        return new DeleteOperationImpl(key, operationCallback);
    }

    @Override
    public DeleteOperation delete(String key, long cas, DeleteOperation.Callback operationCallback) {
        return new DeleteOperationImpl(key, cas, operationCallback);
    }

    @Override
    public UnlockOperation unlock(String key, long casId, OperationCallback cb) {
        return new UnlockOperationImpl(key, casId, cb);
    }

    @Override
    public ObserveOperation observe(String key, long casId, int index, ObserveOperation.Callback cb) {
        return new ObserveOperationImpl(key, casId, index, cb);
    }

    /** A flush: spymemcached's binary flush sends no delay, and so neither does this one. */
    @Override
    public FlushOperation flush(int delay, OperationCallback cb) {
        return new FlushOperationImpl(cb);
    }

    @Override
    public GetAndTouchOperation getAndTouch(String key, int expiration, GetAndTouchOperation.Callback cb) {
        return new GetAndTouchOperationImpl(key, expiration, cb);
    }

    @Override
    public GetOperation get(String key, GetOperation.Callback callback) {
        return new GetOperationImpl(key, callback);
    }

    @Override
    public ReplicaGetOperation replicaGet(String key, int index, ReplicaGetOperation.Callback callback) {
        return new ReplicaGetOperationImpl(key, index, callback);
    }

    @Override
    public ReplicaGetsOperation replicaGets(String key, int index, ReplicaGetsOperation.Callback callback) {
        return new ReplicaGetsOperationImpl(key, index, callback);
    }

    @Override
    public GetOperation get(Collection<String> value, GetOperation.Callback cb) {
        return new MultiGetOperationImpl(value, cb);
    }

    @Override
    public GetlOperation getl(String key, int exp, GetlOperation.Callback cb) {
        return new GetlOperationImpl(key, exp, cb);
    }

    @Override
    public GetsOperation gets(String key, GetsOperation.Callback cb) {
        return new GetsOperationImpl(key, cb);
    }

    @Override
    public StatsOperation keyStats(String key, StatsOperation.Callback cb) {
        return new KeyStatsOperationImpl(key, cb);
    }

    @Override
    public MutatorOperation mutate(Mutator m, String key, long by, long def, int exp, OperationCallback cb) {
        return new MutatorOperationImpl(m, key, by, def, exp, cb);
    }

    @Override
    public StatsOperation stats(String arg, StatsOperation.Callback cb) {
        return new StatsOperationImpl(arg, cb);
    }

    @Override
    public StoreOperation store(StoreType storeType, String key, int flags, int exp, byte[] data, StoreOperation.Callback cb) {
        return new StoreOperationImpl(storeType, key, flags, exp, data, 0, cb);
    }

    @Override
    public TouchOperation touch(String key, int expiration, OperationCallback cb) {
        return new TouchOperationImpl(key, expiration, cb);
    }

    @Override
    public VersionOperation version(OperationCallback cb) {
        return new VersionOperationImpl(cb);
    }

    @Override
    public NoopOperation noop(OperationCallback cb) {
        return new NoopOperationImpl(cb);
    }

    @Override
    public CASOperation cas(StoreType type, String key, long casId, int flags, int exp, byte[] data,
            StoreOperation.Callback cb) {
        return new StoreOperationImpl(type, key, flags, exp, data, casId, cb);
    }

    @Override
    public ConcatenationOperation cat(ConcatenationType catType, long casId, String key, byte[] data, OperationCallback cb) {
        return new ConcatenationOperationImpl(catType, key, data, casId, cb);
    }

    @Override
    protected Collection<? extends Operation> cloneGet(KeyedOperation op) {
        Collection<Operation> rv = new ArrayList<>();
        OperationCallback original = op.getCallback();
        int count = op.getKeys().size();
        if (original instanceof GetOperation.Callback) {
            GetOperation.Callback cb = new MultiGetOperationCallback(original, count);
            for (String k : op.getKeys()) {
                rv.add(get(k, cb));
            }
        } else if (original instanceof ReplicaGetOperation.Callback) {
            ReplicaGetOperation.Callback cb = new MultiReplicaGetOperationCallback(original, count);
            for (String k : op.getKeys()) {
                rv.add(replicaGet(k, ((ReplicaGetOperation) op).getReplicaIndex(), cb));
            }
        } else {
            GetsOperation.Callback cb = new MultiGetsOperationCallback(original, count);
            for (String k : op.getKeys()) {
                rv.add(gets(k, cb));
            }
        }
        return rv;
    }

    @Override
    public SASLAuthOperation saslAuth(String[] mech, String serverName, Map<String, ?> props, CallbackHandler cbh,
            OperationCallback cb) {
        return new SASLAuthOperationImpl(mech, serverName, props, cbh, cb);
    }

    @Override
    public SASLMechsOperation saslMechs(OperationCallback cb) {
        return new SASLMechsOperationImpl(cb);
    }

    @Override
    public SASLStepOperation saslStep(String[] mech, byte[] challenge, String serverName, Map<String, ?> props,
            CallbackHandler cbh, OperationCallback cb) {
        return new SASLStepOperationImpl(mech, challenge, serverName, props, cbh, cb);
    }
}
