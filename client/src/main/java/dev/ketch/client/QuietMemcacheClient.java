package dev.ketch.client;

import java.util.concurrent.CompletableFuture;

/**
 * Mutations that do not wait for the server's answer (memcached's {@code noreply} in the text
 * protocol, quiet opcodes in the binary protocol). Each future completes once the request has been
 * written to the socket; whether the server applied it is not reported. Use for writes whose
 * outcome does not matter (cache fills), never where a failure must be noticed.
 *
 * @param <V> the value type
 */
public interface QuietMemcacheClient<V> {

    /** {@link MemcacheClient}'s operation of the same name, without its reply. */
    CompletableFuture<Void> set(String key, int ttl, V value);

    /** {@link MemcacheClient}'s operation of the same name, without its reply. */
    CompletableFuture<Void> add(String key, int ttl, V value);

    /** {@link MemcacheClient}'s operation of the same name, without its reply. */
    CompletableFuture<Void> replace(String key, int ttl, V value);

    /** {@link MemcacheClient}'s operation of the same name, without its reply. */
    CompletableFuture<Void> append(String key, V value);

    /** {@link MemcacheClient}'s operation of the same name, without its reply. */
    CompletableFuture<Void> prepend(String key, V value);

    /** {@link MemcacheClient}'s operation of the same name, without its reply (a mismatch is not reported). */
    CompletableFuture<Void> cas(String key, int ttl, V value, long cas);

    /** {@link MemcacheClient}'s operation of the same name, without its reply. */
    CompletableFuture<Void> delete(String key);

    /** {@link MemcacheClient}'s operation of the same name, without its reply. */
    CompletableFuture<Void> incr(String key, long delta);

    /** {@link MemcacheClient}'s operation of the same name, without its reply. */
    CompletableFuture<Void> decr(String key, long delta);

    /** Quiet in the text protocol; the binary protocol has no quiet touch, so its reply is awaited and dropped. */
    CompletableFuture<Void> touch(String key, int ttl);

    /** {@link MemcacheClient}'s operation of the same name, without its reply. */
    CompletableFuture<Void> flushAll(int delaySeconds);
}
