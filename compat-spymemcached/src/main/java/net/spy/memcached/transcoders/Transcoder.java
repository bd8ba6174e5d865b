package net.spy.memcached.transcoders;

import net.spy.memcached.CachedData;

/**
 * Turns values into what memcached stores (flags and bytes) and back, as spymemcached's
 * transcoders do. Implementations must be thread-safe.
 *
 * @param <T> the value type
 */
public interface Transcoder<T> {

    /**
     * Whether decoding {@code d} is expensive enough to do off the I/O thread. This client always
     * decodes on the thread that reads the result, never on an I/O thread, so the answer only
     * documents the value.
     */
    boolean asyncDecode(CachedData d);

    /** The flags and bytes to store for {@code o}. */
    CachedData encode(T o);

    /** The value stored as {@code d}; null if it cannot be decoded. */
    T decode(CachedData d);

    /** The largest encoded value this transcoder accepts, in bytes. */
    int getMaxSize();
}
