package net.spy.memcached;

/**
 * A key hash for server selection. Only the {@link DefaultHashAlgorithm} constants can be given to
 * a client: Ketch selects servers in its routing layer, which implements exactly those.
 */
public interface HashAlgorithm {

    /** The key's 32-bit hash, as an unsigned value in a {@code long}. */
    long hash(String k);
}
