package dev.ketch.client.protocol;

import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.MetaGetResult;
import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.Transcoder;

/**
 * The meta protocol's {@code mg} asking for an item's metadata ({@code c f t l h s}), its value
 * ({@code v}) if wanted, and optionally: no LRU bump ({@code u}), a placeholder on a miss
 * ({@code N}), early recache ({@code R}). Completes with a {@link MetaGetResult}, or null on a
 * miss. Never sent again after a lost connection: with {@code N} it may have created the
 * placeholder this caller won.
 *
 * @param <V> the value type
 */
public final class MetaGetOperation<V> extends KeyedOperation<MetaGetResult<V>> {

    /** No {@code N} or {@code R} flag. */
    public static final int NONE = -1;

    private final Transcoder<V> transcoder;
    private final boolean withValue;
    private final boolean noBump;
    private final int vivifySeconds;
    private final int recacheBelowSeconds;

    public MetaGetOperation(byte[] key, Transcoder<V> transcoder, boolean withValue, boolean noBump, int vivifySeconds,
            int recacheBelowSeconds) {
        super(OpKind.META_GET, key);
        this.transcoder = transcoder;
        this.withValue = withValue;
        this.noBump = noBump;
        this.vivifySeconds = vivifySeconds;
        this.recacheBelowSeconds = recacheBelowSeconds;
    }

    public boolean withValue() {
        return withValue;
    }

    public boolean noBump() {
        return noBump;
    }

    /** The placeholder's TTL on a miss ({@code N}), or {@link #NONE}. */
    public int vivifySeconds() {
        return vivifySeconds;
    }

    /** Win the recache when less than this is left to live ({@code R}), or {@link #NONE}. */
    public int recacheBelowSeconds() {
        return recacheBelowSeconds;
    }

    @Override
    public boolean onReply(Reply reply) {
        if (reply.status() == MemcacheStatus.KEY_NOT_FOUND) {
            complete(null);
            return true;
        }
        if (!reply.isOk()) {
            fail(Results.error(reply));
            return true;
        }
        MetaFlags meta = reply.meta();
        long size = meta.size() != MetaFlags.ABSENT ? meta.size() : reply.value() != null ? reply.value().length : -1;
        // memcached's placeholder for a miss (N): no data, and a winner (this request or another)
        boolean placeholder = size == 0 && (meta.won() || meta.alreadyWon()) && !meta.stale();
        V value = null;
        boolean hasValue = withValue && !placeholder && reply.value() != null;
        if (hasValue) {
            try {
                value = transcoder.decode(new CachedData(reply.flags(), reply.value()));
            } catch (RuntimeException e) {
                fail(e);
                return true;
            }
        }
        complete(new MetaGetResult<>(value, hasValue, reply.flags(), reply.cas(), orMinusOne(meta.ttl()),
                orMinusOne(meta.lastAccess()), meta.hitBefore() == 1, size, meta.stale(), meta.won(), meta.alreadyWon()));
        return true;
    }

    private static long orMinusOne(long v) {
        return v == MetaFlags.ABSENT ? -1 : v;
    }
}
