package net.spy.memcached.util;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import net.spy.memcached.MemcachedClientIF;
import net.spy.memcached.compat.SpyObject;
import net.spy.memcached.internal.ImmediateFuture;

/**
 * Loads many values into the cache, retrying a value whose server queue is full, and optionally
 * telling a {@link StorageListener} each value's outcome.
 */
public class CacheLoader extends SpyObject {

    private final ExecutorService executorService;
    private final StorageListener storageListener;
    private final MemcachedClientIF client;
    private final int expiration;

    /** A loader storing without expiry, with no listener. */
    public CacheLoader(MemcachedClientIF c) {
        this(c, null, null, 0);
    }

    /** A loader storing for {@code exp} seconds, telling {@code sl} (on {@code es}) each outcome. */
    public CacheLoader(MemcachedClientIF c, ExecutorService es, StorageListener sl, int exp) {
        client = c;
        executorService = es;
        storageListener = sl;
        expiration = exp;
    }

    /** Stores every entry; the future of the last store (a done future of true if there was none). */
    public <T> Future<?> loadData(Iterator<Map.Entry<String, T>> i) {
        Future<Boolean> last = null;
        while (i.hasNext()) {
            Map.Entry<String, T> e = i.next();
            last = push(e.getKey(), e.getValue());
            watch(e.getKey(), last);
        }
        return last == null ? new ImmediateFuture(true) : last;
    }

    /** Stores every entry of {@code map}. */
    public <T> Future<?> loadData(Map<String, T> map) {
        return loadData(map.entrySet().iterator());
    }

    /** Stores one value, trying again every 250 ms while its server's queue is full. */
    public <T> Future<Boolean> push(String k, T value) {
        while (true) {
            try {
                return client.set(k, expiration, value);
            } catch (IllegalStateException full) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void watch(String key, Future<Boolean> f) {
        if (executorService != null && storageListener != null) {
            executorService.execute(() -> {
                try {
                    storageListener.storeResult(key, f.get());
                } catch (Exception e) {
                    storageListener.errorStoring(key, e);
                }
            });
        }
    }

    /** Told the outcome of each store. */
    public interface StorageListener {

        /** {@code k} was stored ({@code result} true) or refused. */
        void storeResult(String k, boolean result);

        /** Storing {@code k} failed with {@code e}. */
        void errorStoring(String k, Exception e);
    }
}
