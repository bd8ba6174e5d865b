package net.spy.memcached;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import net.spy.memcached.transcoders.Transcoder;

/**
 * A {@link Map} view of the cache under a key prefix: {@code get}, {@code containsKey}, {@code put},
 * {@code putAll} and {@code remove} reach the servers; the cache cannot be enumerated, so the view
 * reports itself as empty of size 0 with no keys, values or entries, and never contains a value.
 * {@code put} and {@code putAll} store with the client's default transcoder, as in spymemcached.
 *
 * @param <V> the value type
 */
public class BaseCacheMap<V> implements Map<String, V> {

    private final String keyPrefix;
    private final Transcoder<V> transcoder;
    private final MemcachedClientIF client;
    private final int exp;

    /** A view of {@code c}'s keys starting with {@code prefix}, stored for {@code expiration} seconds. */
    public BaseCacheMap(MemcachedClientIF c, int expiration, String prefix, Transcoder<V> t) {
        keyPrefix = prefix;
        transcoder = t;
        client = c;
        exp = expiration;
    }

    private String key(String k) {
        return keyPrefix + k;
    }

    /** Refused: the cache cannot be enumerated. */
    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /** False: the cache cannot be searched by value. */
    @Override
    public boolean containsValue(Object value) {
        return false;
    }

    /** Empty: the cache cannot be enumerated. */
    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return Collections.emptySet();
    }

    /** The value of {@code prefix + key}; null if absent or if {@code key} is not a string. */
    @Override
    public V get(Object key) {
        return key instanceof String ? client.get(key((String) key), transcoder) : null;
    }

    /** False: the cache cannot be counted. */
    @Override
    public boolean isEmpty() {
        return false;
    }

    /** Empty: the cache cannot be enumerated. */
    @Override
    public Set<String> keySet() {
        return Collections.emptySet();
    }

    @Override
    public void putAll(Map<? extends String, ? extends V> t) {
        for (Map.Entry<? extends String, ? extends V> e : t.entrySet()) {
            client.set(key(e.getKey()), exp, e.getValue());
        }
    }

    /** Deletes {@code prefix + key}, returning the value it had. */
    @Override
    public V remove(Object key) {
        if (!(key instanceof String)) {
            return null;
        }
        V previous = get(key);
        client.delete(key((String) key));
        return previous;
    }

    /** 0: the cache cannot be counted. */
    @Override
    public int size() {
        return 0;
    }

    /** Empty: the cache cannot be enumerated. */
    @Override
    public Collection<V> values() {
        return Collections.emptySet();
    }

    /** Stores {@code value} under {@code prefix + key}, returning the value it had. */
    @Override
    public V put(String key, V value) {
        V previous = get(key);
        client.set(key(key), exp, value);
        return previous;
    }
}
