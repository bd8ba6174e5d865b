package net.spy.memcached;

import java.util.Collection;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
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
 * Makes the operations of one protocol ({@code protocol.ascii.AsciiOperationFactory}, {@code
 * protocol.binary.BinaryOperationFactory}). spymemcached's TAP operations are not part of it:
 * memcached removed TAP.
 */
public interface OperationFactory {

    /** A round trip. */
    NoopOperation noop(OperationCallback cb);

    /** Deletes {@code key}. */
    DeleteOperation delete(String key, DeleteOperation.Callback callback);

    /** Deletes {@code key} if its CAS unique is {@code cas}. */
    DeleteOperation delete(String key, long cas, DeleteOperation.Callback callback);

    /** Unlocks {@code key} (Couchbase). */
    UnlockOperation unlock(String key, long casId, OperationCallback operationCallback);

    /** Observes {@code key} (Couchbase). */
    ObserveOperation observe(String key, long casId, int index, ObserveOperation.Callback operationCallback);

    /** Invalidates every item after {@code delay} seconds. */
    FlushOperation flush(int delay, OperationCallback operationCallback);

    /** Gets {@code key} and sets its expiry. */
    GetAndTouchOperation getAndTouch(String key, int expiration, GetAndTouchOperation.Callback cb);

    /** Gets {@code key}. */
    GetOperation get(String key, GetOperation.Callback callback);

    /** Gets {@code key} from replica {@code index} (Couchbase). */
    ReplicaGetOperation replicaGet(String key, int index, ReplicaGetOperation.Callback callback);

    /** Gets {@code key} with its CAS unique from replica {@code index} (Couchbase). */
    ReplicaGetsOperation replicaGets(String key, int index, ReplicaGetsOperation.Callback callback);

    /** Gets and locks {@code key} (Couchbase). */
    GetlOperation getl(String key, int exp, GetlOperation.Callback callback);

    /** Gets {@code key} with its CAS unique. */
    GetsOperation gets(String key, GetsOperation.Callback callback);

    /** Gets {@code keys}. */
    GetOperation get(Collection<String> keys, GetOperation.Callback cb);

    /** The statistics of {@code key} (Couchbase). */
    StatsOperation keyStats(String key, StatsOperation.Callback cb);

    /** Increments or decrements {@code key}. */
    MutatorOperation mutate(Mutator m, String key, long by, long def, int exp, OperationCallback cb);

    /** The statistics of group {@code arg} (null: general). */
    StatsOperation stats(String arg, StatsOperation.Callback binaryStatsCallback);

    /** Stores a value. */
    StoreOperation store(StoreType storeType, String key, int flags, int exp, byte[] data, StoreOperation.Callback cb);

    /** Sets the expiry of {@code key}. */
    TouchOperation touch(String key, int expiration, OperationCallback cb);

    /** Appends or prepends. */
    ConcatenationOperation cat(ConcatenationType catType, long casId, String key, byte[] data, OperationCallback cb);

    /** Stores a value if its CAS unique is {@code casId}. */
    CASOperation cas(StoreType t, String key, long casId, int flags, int exp, byte[] data, StoreOperation.Callback cb);

    /** The version of the server. */
    VersionOperation version(OperationCallback cb);

    /** The SASL mechanisms of the server. */
    SASLMechsOperation saslMechs(OperationCallback cb);

    /** Starts SASL authentication. */
    SASLAuthOperation saslAuth(String[] mech, String serverName, Map<String, ?> props, CallbackHandler cbh,
            OperationCallback cb);

    /** Continues SASL authentication. */
    SASLStepOperation saslStep(String[] mech, byte[] challenge, String serverName, Map<String, ?> props,
            CallbackHandler cbh, OperationCallback cb);

    /** Copies of {@code op}, one per key, for sending them to other servers. */
    Collection<Operation> clone(KeyedOperation op);
}
