package dev.ketch.client.protocol;

import dev.ketch.client.transcode.CachedData;

/** set, add, replace, append, prepend and cas. */
public final class StoreOperation<T> extends SingleReplyOperation<T> {

    private final CachedData value;
    private final int exptime;
    private final long cas;
    private boolean returnsCas;

    public StoreOperation(OpKind kind, byte[] key, CachedData value, int exptime, long cas, ReplyMapper<T> mapper) {
        super(kind, key, mapper);
        if (!kind.isStore()) {
            throw new IllegalArgumentException("not a store: " + kind);
        }
        this.value = value;
        this.exptime = exptime;
        this.cas = cas;
    }

    public CachedData value() {
        return value;
    }

    public int exptime() {
        return exptime;
    }

    /** Asks for the stored item's new CAS unique where the protocol must be asked (meta's {@code c}). */
    public StoreOperation<T> returnsCas(boolean returnsCas) {
        this.returnsCas = returnsCas;
        return this;
    }

    public boolean returnsCas() {
        return returnsCas;
    }

    /** The CAS unique to compare, 0 for none. */
    public long cas() {
        return cas;
    }
}
