package dev.ketch.client;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The operations of a {@link MemcacheClient} as blocking calls. Each waits for its operation (never
 * longer than the operation timeout, which every operation has) and returns its result, or throws
 * the {@link MemcacheException} it failed with (not wrapped). Interrupting the waiting thread
 * throws {@link MemcacheException} with the interrupt flag kept.
 *
 * @param <V> the value type
 */
public final class BlockingMemcacheClient<V> {

    private final MemcacheClient<V> client;

    BlockingMemcacheClient(MemcacheClient<V> client) {
        this.client = client;
    }

    /** Waits for {@code future} and returns its result, rethrowing its failure unwrapped. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemcacheException("interrupted while waiting for memcached", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new MemcacheException(String.valueOf(cause), cause);
        } catch (CancellationException e) {
            throw new MemcacheException("operation cancelled", e);
        }
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public V get(String key) {
        return await(client.get(key));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public V get(byte[] key) {
        return await(client.get(key));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public GetResult<V> gets(String key) {
        return await(client.gets(key));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public GetResult<V> gets(byte[] key) {
        return await(client.gets(key));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public V getAndTouch(String key, int ttl) {
        return await(client.getAndTouch(key, ttl));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public GetResult<V> getsAndTouch(String key, int ttl) {
        return await(client.getsAndTouch(key, ttl));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public Map<String, V> getMulti(Collection<String> keys) {
        return await(client.getMulti(keys));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public Map<String, GetResult<V>> getsMulti(Collection<String> keys) {
        return await(client.getsMulti(keys));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public MetaGetResult<V> getWithMetadata(String key) {
        return await(client.getWithMetadata(key));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public MetaGetResult<V> metadata(String key) {
        return await(client.metadata(key));
    }

    /**
     * {@link MemcacheClient#getOrLoad(String, int, LoadSettings, Function)} with a blocking loader:
     * if this caller wins, {@code loader} runs on this thread.
     */
    public V getOrLoad(String key, int ttl, Function<? super String, ? extends V> loader) {
        return getOrLoad(key, ttl, LoadSettings.DEFAULTS, loader);
    }

    /**
     * {@link MemcacheClient#getOrLoad(String, int, LoadSettings, Function)} with a blocking loader:
     * if this caller wins, {@code loader} runs on this thread.
     */
    public V getOrLoad(String key, int ttl, LoadSettings settings, Function<? super String, ? extends V> loader) {
        java.util.Objects.requireNonNull(loader, "loader");
        CompletableFuture<String> mustLoad = new CompletableFuture<>();
        CompletableFuture<V> loaded = new CompletableFuture<>();
        CompletableFuture<V> result = client.getOrLoad(key, ttl, settings, k -> {
            mustLoad.complete(k);
            return loaded;
        });
        await(CompletableFuture.anyOf(result, mustLoad).exceptionally(e -> null));
        if (mustLoad.isDone() && !loaded.isDone()) {
            try {
                loaded.complete(loader.apply(mustLoad.join()));
            } catch (RuntimeException | Error e) {
                loaded.completeExceptionally(e);
            }
        }
        return await(result);
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean invalidate(String key) {
        return await(client.invalidate(key));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean set(String key, int ttl, V value) {
        return await(client.set(key, ttl, value));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean set(byte[] key, int ttl, V value) {
        return await(client.set(key, ttl, value));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean add(String key, int ttl, V value) {
        return await(client.add(key, ttl, value));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean replace(String key, int ttl, V value) {
        return await(client.replace(key, ttl, value));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean append(String key, V value) {
        return await(client.append(key, value));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean prepend(String key, V value) {
        return await(client.prepend(key, value));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public CasResult cas(String key, int ttl, V value, long cas) {
        return await(client.cas(key, ttl, value, cas));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean delete(String key) {
        return await(client.delete(key));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean delete(byte[] key) {
        return await(client.delete(key));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public CasResult delete(String key, long cas) {
        return await(client.delete(key, cas));
    }

    /** The new value, or null if the key is absent. */
    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public Long incr(String key, long delta) {
        return await(client.incr(key, delta));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public long incr(String key, long delta, long initial, int ttl) {
        return await(client.incr(key, delta, initial, ttl));
    }

    /** The new value, or null if the key is absent. */
    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public Long decr(String key, long delta) {
        return await(client.decr(key, delta));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public long decr(String key, long delta, long initial, int ttl) {
        return await(client.decr(key, delta, initial, ttl));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public boolean touch(String key, int ttl) {
        return await(client.touch(key, ttl));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public void flushAll(int delaySeconds) {
        await(client.flushAll(delaySeconds));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public void noop() {
        await(client.noop());
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public Map<String, String> version() {
        return await(client.version());
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public Map<String, Map<String, String>> stats(String group) {
        return await(client.stats(group));
    }

    /** {@link MemcacheClient}'s operation of the same name, waiting for its result. */
    public void verbosity(int level) {
        await(client.verbosity(level));
    }
}
