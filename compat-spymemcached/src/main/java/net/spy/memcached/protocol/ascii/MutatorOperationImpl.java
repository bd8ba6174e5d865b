package net.spy.memcached.protocol.ascii;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Collections;
import net.spy.memcached.KeyUtil;
import net.spy.memcached.ops.Mutator;
import net.spy.memcached.ops.MutatorOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;

/** {@code incr}, {@code decr}: the reply line is the new value, or {@code NOT_FOUND}. */
final class MutatorOperationImpl extends OperationImpl implements MutatorOperation {

    public static final int OVERHEAD = 32;
    private static final OperationStatus NOT_FOUND = new OperationStatus(false, "NOT_FOUND", StatusCode.ERR_NOT_FOUND);

    private final Mutator mutator;
    private final String key;
    private final long amount;

    public MutatorOperationImpl(Mutator m, String k, long amt, OperationCallback c) {
        super(c);
        mutator = m;
        key = k;
        amount = amt;
    }

    @Override
    public void handleLine(String line) {
        getCallback().receivedStatus(line.equals("NOT_FOUND") ? NOT_FOUND : new OperationStatus(true, line, StatusCode.SUCCESS));
        transitionState(OperationState.COMPLETE);
    }

    @Override
    public void initialize() {
        ByteBuffer b = ByteBuffer.allocate(KeyUtil.getKeyBytes(key).length + OVERHEAD);
        setArguments(b, mutator.name(), key, amount);
        b.flip();
        setBuffer(b);
    }

    @Override
    protected void wasCancelled() {
        getCallback().receivedStatus(CANCELLED);
    }

    @Override
    public Collection<String> getKeys() {
        return Collections.singleton(key);
    }

    @Override
    public long getBy() {
        return amount;
    }

    /** -1: the text protocol creates no counter. */
    @Override
    public long getDefault() {
        return -1;
    }

    /** -1: the text protocol creates no counter. */
    @Override
    public int getExpiration() {
        return -1;
    }

    @Override
    public Mutator getType() {
        return mutator;
    }

    @Override
    public String toString() {
        return "Cmd: " + mutator.name() + " Key: " + key + " Amount: " + amount;
    }
}
