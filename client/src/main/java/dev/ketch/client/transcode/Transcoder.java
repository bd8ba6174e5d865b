package dev.ketch.client.transcode;

/**
 * Turns values into what memcached stores (bytes and client flags) and back. Implementations must
 * be thread-safe: one instance serves every operation of a client.
 *
 * @param <V> the value type
 */
public interface Transcoder<V> {

    /** The bytes and flags to store for {@code value} (never null). */
    CachedData encode(V value);

    /** The value read back from stored bytes and flags. */
    V decode(CachedData data);
}
