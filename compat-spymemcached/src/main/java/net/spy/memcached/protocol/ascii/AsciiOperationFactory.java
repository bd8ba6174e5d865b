package net.spy.memcached.protocol.ascii;

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

/**
 * The text protocol's operations. Those the text protocol has no command for (delete with a CAS
 * unique, get and touch, observe, key statistics, SASL, replica reads) throw {@link
 * UnsupportedOperationException}, as spymemcached's do.
 */
public class AsciiOperationFactory extends BaseOperationFactory {

    /** The factory. */
    public AsciiOperationFactory() {
    }

    @Override
    public DeleteOperation delete(String key, DeleteOperation.Callback cb) {
        return new DeleteOperationImpl(key, cb);
    }

    @Override
    public DeleteOperation delete(String key, long cas, DeleteOperation.Callback cb) {
        throw new UnsupportedOperationException("Delete with CAS is not supported for ASCII protocol");
    }

    @Override
    public FlushOperation flush(int delay, OperationCallback cb) {
        return new FlushOperationImpl(delay, cb);
    }

    @Override
    public GetAndTouchOperation getAndTouch(String key, int expiration, GetAndTouchOperation.Callback cb) {
        throw new UnsupportedOperationException("Get and touch is not supported for ASCII protocol");
    }

    @Override
    public GetOperation get(String key, GetOperation.Callback cb) {
        return new GetOperationImpl(key, cb);
    }

    @Override
    public GetOperation get(Collection<String> keys, GetOperation.Callback cb) {
        return new GetOperationImpl(keys, cb);
    }

    @Override
    public GetlOperation getl(String key, int exp, GetlOperation.Callback cb) {
        return new GetlOperationImpl(key, exp, cb);
    }

    @Override
    public ObserveOperation observe(String key, long casId, int index, ObserveOperation.Callback cb) {
        throw new UnsupportedOperationException("Observe is not supported for ASCII protocol");
    }

    @Override
    public UnlockOperation unlock(String key, long casId, OperationCallback cb) {
        return new UnlockOperationImpl(key, casId, cb);
    }

    @Override
    public GetsOperation gets(String key, GetsOperation.Callback cb) {
        return new GetsOperationImpl(key, cb);
    }

    @Override
    public StatsOperation keyStats(String key, StatsOperation.Callback cb) {
        throw new UnsupportedOperationException("Key stats are not supported for ASCII protocol");
    }

    /** The text protocol's {@code incr}/{@code decr}: {@code def} and {@code exp} are not sent. */
    @Override
    public MutatorOperation mutate(Mutator m, String key, long by, long def, int exp, OperationCallback cb) {
        return new MutatorOperationImpl(m, key, by, cb);
    }

    @Override
    public StatsOperation stats(String arg, StatsOperation.Callback cb) {
        return new StatsOperationImpl(arg, cb);
    }

    @Override
    public StoreOperation store(StoreType storeType, String key, int flags, int exp, byte[] data, StoreOperation.Callback cb) {
        return new StoreOperationImpl(storeType, key, flags, exp, data, cb);
    }

    @Override
    public TouchOperation touch(String key, int expiration, OperationCallback cb) {
        return new TouchOperationImpl(key, expiration, cb);
    }

    @Override
    public VersionOperation version(OperationCallback cb) {
        return new VersionOperationImpl(cb);
    }

    /** The text protocol's round trip is {@code version}. */
    @Override
    public NoopOperation noop(OperationCallback cb) {
        return new VersionOperationImpl(cb);
    }

    @Override
    public CASOperation cas(StoreType type, String key, long casId, int flags, int exp, byte[] data,
            StoreOperation.Callback cb) {
        return new CASOperationImpl(key, casId, flags, exp, data, cb);
    }

    @Override
    public ConcatenationOperation cat(ConcatenationType catType, long casId, String key, byte[] data, OperationCallback cb) {
        return new ConcatenationOperationImpl(catType, key, data, cb);
    }

    @Override
    protected Collection<? extends Operation> cloneGet(KeyedOperation op) {
        Collection<Operation> rv = new ArrayList<>();
        GetOperation.Callback callback = new MultiGetOperationCallback(op.getCallback(), op.getKeys().size());
        for (String k : op.getKeys()) {
            rv.add(get(k, callback));
        }
        return rv;
    }

    @Override
    public SASLMechsOperation saslMechs(OperationCallback cb) {
        throw new UnsupportedOperationException("SASL is not supported for ASCII protocol");
    }

    @Override
    public SASLStepOperation saslStep(String[] mech, byte[] challenge, String serverName, Map<String, ?> props,
            CallbackHandler cbh, OperationCallback cb) {
        throw new UnsupportedOperationException("SASL is not supported for ASCII protocol");
    }

    @Override
    public SASLAuthOperation saslAuth(String[] mech, String serverName, Map<String, ?> props, CallbackHandler cbh,
            OperationCallback cb) {
        throw new UnsupportedOperationException("SASL is not supported for ASCII protocol");
    }

    @Override
    public ReplicaGetOperation replicaGet(String key, int index, ReplicaGetOperation.Callback callback) {
        throw new UnsupportedOperationException("Replica get is not supported for ASCII protocol");
    }

    @Override
    public ReplicaGetsOperation replicaGets(String key, int index, ReplicaGetsOperation.Callback callback) {
        throw new UnsupportedOperationException("Replica gets is not supported for ASCII protocol");
    }
}
