package dev.ketch.client;

/**
 * An item as the meta protocol's {@code mg} describes it: its value (when asked for) and what
 * memcached keeps beside it. Numbers the server did not send are -1.
 *
 * @param <V> the value type
 */
public final class MetaGetResult<V> {

    private final V value;
    private final boolean hasValue;
    private final int flags;
    private final long cas;
    private final long ttl;
    private final long lastAccess;
    private final boolean hitBefore;
    private final long size;
    private final boolean stale;
    private final boolean won;
    private final boolean alreadyWon;

    /**
     * @param value the decoded value, or null when it was not asked for or the item is a
     *     placeholder
     * @param hasValue false when the value was not asked for or the item is a placeholder
     * @param ttl remaining seconds, -1 when the item never expires
     */
    public MetaGetResult(V value, boolean hasValue, int flags, long cas, long ttl, long lastAccess, boolean hitBefore,
            long size, boolean stale, boolean won, boolean alreadyWon) {
        this.value = value;
        this.hasValue = hasValue;
        this.flags = flags;
        this.cas = cas;
        this.ttl = ttl;
        this.lastAccess = lastAccess;
        this.hitBefore = hitBefore;
        this.size = size;
        this.stale = stale;
        this.won = won;
        this.alreadyWon = alreadyWon;
    }

    /** The decoded value; null if it was not asked for ({@link MemcacheClient#metadata}) or is being loaded. */
    public V value() {
        return value;
    }

    /** False when the value was not fetched, or the item is the empty placeholder of a load under way. */
    public boolean hasValue() {
        return hasValue;
    }

    /** The client flags the value was stored with. */
    public int flags() {
        return flags;
    }

    /** The CAS unique. */
    public long cas() {
        return cas;
    }

    /** Seconds until the item expires; -1 if it never does. */
    public long ttl() {
        return ttl;
    }

    /** Seconds since the item was last read or written. */
    public long lastAccess() {
        return lastAccess;
    }

    /** True if the item had been read before this request. */
    public boolean hitBefore() {
        return hitBefore;
    }

    /** The value's size in bytes, as stored. */
    public long size() {
        return size;
    }

    /** True if the item was marked stale ({@link MemcacheClient#invalidate}): its value is the old one. */
    public boolean stale() {
        return stale;
    }

    /** True if this request won the right to recompute the item (memcached's {@code W} flag). */
    public boolean won() {
        return won;
    }

    /** True if another request already won the right to recompute the item ({@code Z}). */
    public boolean alreadyWon() {
        return alreadyWon;
    }

    @Override
    public String toString() {
        return "MetaGetResult[" + (hasValue ? "value=" + value + ", " : "") + "flags=" + flags + ", cas=" + cas + ", ttl="
                + ttl + ", lastAccess=" + lastAccess + ", hitBefore=" + hitBefore + ", size=" + size
                + (stale ? ", stale" : "") + (won ? ", won" : "") + (alreadyWon ? ", alreadyWon" : "") + "]";
    }
}
