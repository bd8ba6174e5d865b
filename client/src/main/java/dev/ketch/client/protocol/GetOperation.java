package dev.ketch.client.protocol;

import dev.ketch.client.GetResult;
import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.Transcoder;

/**
 * get, gets, gat and gats of one key. Completes with null on a miss, otherwise with the decoded
 * value, or with a {@link GetResult} (value, flags, CAS) when asked for metadata.
 *
 * @param <V> the value type
 * @param <R> the result type: {@code V}, or {@code GetResult<V>}
 */
public final class GetOperation<V, R> extends KeyedOperation<R> {

    private final Transcoder<V> transcoder;
    private final boolean withMetadata;
    private final int exptime;

    private GetOperation(OpKind kind, byte[] key, Transcoder<V> transcoder, boolean withMetadata, int exptime) {
        super(kind, key);
        this.transcoder = transcoder;
        this.withMetadata = withMetadata;
        this.exptime = exptime;
    }

    /** get (or gat when {@code touch}), completing with the value or null. */
    public static <V> GetOperation<V, V> value(byte[] key, Transcoder<V> transcoder, boolean touch, int exptime) {
        return new GetOperation<>(touch ? OpKind.GAT : OpKind.GET, key, transcoder, false, exptime);
    }

    /** gets (or gats when {@code touch}), completing with value, flags and CAS, or null. */
    public static <V> GetOperation<V, GetResult<V>> result(byte[] key, Transcoder<V> transcoder, boolean touch,
            int exptime) {
        return new GetOperation<>(touch ? OpKind.GATS : OpKind.GETS, key, transcoder, true, exptime);
    }

    /** The new expiry of a get-and-touch. */
    public int exptime() {
        return exptime;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean onReply(Reply reply) {
        if (reply.status() == MemcacheStatus.KEY_NOT_FOUND) {
            complete(null);
            return true;
        }
        if (!reply.isOk()) {
            fail(Results.error(reply));
            return true;
        }
        V value;
        try {
            value = transcoder.decode(new CachedData(reply.flags(), reply.value()));
        } catch (RuntimeException e) {
            fail(e);
            return true;
        }
        complete(withMetadata ? (R) new GetResult<>(value, reply.flags(), reply.cas()) : (R) value);
        return true;
    }
}
