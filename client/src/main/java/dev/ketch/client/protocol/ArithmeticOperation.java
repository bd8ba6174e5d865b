package dev.ketch.client.protocol;

import dev.ketch.client.MemcacheStatus;

/**
 * incr/decr. The result is the new value (unsigned 64-bit in a {@code long}), or null if the key
 * is absent and the request does not create it.
 */
public final class ArithmeticOperation extends KeyedOperation<Long> {

    /** The binary protocol's expiration meaning "do not create a missing key". */
    public static final int NO_CREATE = 0xffffffff;

    private final long delta;
    private final long initial;
    private final int exptime;

    /**
     * @param exptime expiry of a created item, or {@link #NO_CREATE} (the text protocol cannot
     *     create: the client composes incr, add, incr instead)
     */
    public ArithmeticOperation(OpKind kind, byte[] key, long delta, long initial, int exptime) {
        super(kind, key);
        if (kind != OpKind.INCR && kind != OpKind.DECR) {
            throw new IllegalArgumentException("not incr/decr: " + kind);
        }
        this.delta = delta;
        this.initial = initial;
        this.exptime = exptime;
    }

    public long delta() {
        return delta;
    }

    public long initial() {
        return initial;
    }

    public int exptime() {
        return exptime;
    }

    public boolean creates() {
        return exptime != NO_CREATE;
    }

    @Override
    public boolean onReply(Reply reply) {
        if (reply.isOk()) {
            complete(reply.number());
        } else if (reply.status() == MemcacheStatus.KEY_NOT_FOUND) {
            complete(null);
        } else {
            fail(Results.error(reply));
        }
        return true;
    }
}
