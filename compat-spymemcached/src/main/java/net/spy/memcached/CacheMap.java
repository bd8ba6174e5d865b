package net.spy.memcached;

/** A {@link BaseCacheMap} of objects, through the client's default transcoder. */
public class CacheMap extends BaseCacheMap<Object> {

    /** A view of {@code c}'s keys starting with {@code prefix}, stored for {@code expiration} seconds. */
    public CacheMap(MemcachedClientIF c, int expiration, String prefix) {
        super(c, expiration, prefix, c.getTranscoder());
    }

    /** A view of {@code c}'s keys starting with {@code prefix}, stored without expiry. */
    public CacheMap(MemcachedClientIF c, String prefix) {
        this(c, 0, prefix);
    }
}
