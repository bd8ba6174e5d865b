package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.Mutator;
import net.spy.memcached.ops.MutatorOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;

/**
 * {@code incr}, {@code decr}: an absent counter is created with the default unless the expiry is
 * -1 (memcached's 0xffffffff); the status message is the new value.
 */
class MutatorOperationImpl extends SingleKeyOperationImpl implements MutatorOperation {

    private static final byte CMD_INCR = 0x05;
    private static final byte CMD_DECR = 0x06;

    private final Mutator mutator;
    private final long by;
    private final int exp;
    private final long def;

    public MutatorOperationImpl(Mutator m, String k, long b, long d, int e, OperationCallback cb) {
        super(m == Mutator.incr ? CMD_INCR : CMD_DECR, generateOpaque(), k, cb);
        mutator = m;
        by = b;
        exp = e;
        def = d;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, 0, EMPTY_BYTES, by, def, exp);
    }

    @Override
    protected void decodePayload(byte[] pl) {
        getCallback().receivedStatus(new OperationStatus(true, String.valueOf(decodeLong(pl, 0)), StatusCode.SUCCESS));
    }

    /** The amount, as spymemcached 2.12.3 returns it: truncated to an int. */
    @Override
    public long getBy() {
        return (int) by;
    }

    @Override
    public long getDefault() {
        return def;
    }

    @Override
    public int getExpiration() {
        return exp;
    }

    @Override
    public Mutator getType() {
        return mutator;
    }

    @Override
    public String toString() {
        return super.toString() + " Amount: " + by + " Default: " + def + " Exp: " + exp;
    }
}
