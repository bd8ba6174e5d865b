package dev.ketch.client;

import dev.ketch.client.transcode.Transcoder;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A non-blocking memcached client. Every operation returns at once with a future that always
 * completes: with the result, or exceptionally with a {@link MemcacheException} subclass (timeout,
 * overload, connection loss, server error, client closed). An invalid key or value fails the
 * call itself with {@link IllegalArgumentException}, before anything is sent.
 *
 * <p>Keys are {@code String}s (sent as UTF-8) or raw {@code byte[]}s of 1 to 250 bytes; with the
 * text protocol they may not contain whitespace or control characters. Expiry times ({@code ttl})
 * follow memcached: 0 never expires, up to 30 days is relative seconds, more is a unix time,
 * negative expires at once, in every protocol (memcached's binary protocol would read -1 as a unix
 * time in 2106: the client sends a time long past instead).
 *
 * <p>Futures are completed on the client's I/O threads unless a completion executor was
 * configured: keep callbacks short and non-blocking, or use {@link #blocking()}.
 *
 * <pre>{@code
 * try (MemcacheClient<String> client = MemcacheClient.builder().servers("127.0.0.1:11211").build()) {
 *     client.set("greeting", 3600, "hello").join();
 *     String value = client.blocking().get("greeting");
 * }
 * }</pre>
 *
 * @param <V> the value type, given by the client's {@link Transcoder}
 */
public interface MemcacheClient<V> extends AutoCloseable {

    /** A builder for a client of UTF-8 strings; change the value type with its {@code transcoder}. */
    static MemcacheClientBuilder<String> builder() {
        return MemcacheClientBuilder.create();
    }

    // ---------------------------------------------------------------- retrieval

    /** The value, or null if the key is absent. */
    CompletableFuture<V> get(String key);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<V> get(byte[] key);

    /** The value with its flags and CAS unique ({@code gets}), or null if the key is absent. */
    CompletableFuture<GetResult<V>> gets(String key);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<GetResult<V>> gets(byte[] key);

    /** The value, setting a new expiry at the same time ({@code gat}); null if absent. */
    CompletableFuture<V> getAndTouch(String key, int ttl);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<V> getAndTouch(byte[] key, int ttl);

    /** {@link #getAndTouch} with flags and CAS unique ({@code gats}). */
    CompletableFuture<GetResult<V>> getsAndTouch(String key, int ttl);

    /**
     * Many keys at once: one round trip per server (the keys of each server in one pipelined
     * request). Keys not found are absent from the map. The call never waits for a dead server:
     * under an ejecting failover policy its keys are asked of the servers that own them now; under
     * {@code FAIL_FAST} they are absent, like misses, as long as some server answered (if none did,
     * the call fails with {@link MemcacheUnavailableException}).
     */
    CompletableFuture<Map<String, V>> getMulti(Collection<String> keys);

    /** {@link #getMulti} with flags and CAS uniques. */
    CompletableFuture<Map<String, GetResult<V>>> getsMulti(Collection<String> keys);

    // ---------------------------------------------------------------- meta protocol: metadata, stampede protection

    /**
     * The value with everything memcached keeps beside it: flags, CAS unique, remaining TTL,
     * seconds since last access, whether it was read before, size ({@code mg k v f c t l h s}).
     * Null if the key is absent. Only with {@link Protocol#META}; the other protocols fail the
     * future with {@link UnsupportedOperationException}.
     */
    CompletableFuture<MetaGetResult<V>> getWithMetadata(String key);

    /** The same with a key of raw bytes (in the meta protocol any bytes, sent base64-encoded when needed). */
    CompletableFuture<MetaGetResult<V>> getWithMetadata(byte[] key);

    /**
     * The item's metadata without its value, and without counting as an access (memcached's
     * {@code u}: the item is not bumped in the LRU, its last access and hit flag stay as they
     * were). Null if the key is absent. Only with {@link Protocol#META}.
     */
    CompletableFuture<MetaGetResult<V>> metadata(String key);

    /**
     * The key's value, loading it with {@code loader} and caching it for {@code ttl} seconds when
     * it is missing, such that among any number of concurrent callers, in any number of clients
     * and JVMs, exactly one runs the loader; the others get the current value or wait (at most
     * {@link LoadSettings#maxWait()}) for the winner's. {@link #getOrLoad(String, int,
     * LoadSettings, Function)} with {@link LoadSettings#DEFAULTS}; see there.
     */
    CompletableFuture<V> getOrLoad(String key, int ttl, Function<? super String, ? extends CompletionStage<? extends V>> loader);

    /**
     * The key's value, loading it with {@code loader} when it is missing, stale ({@link
     * #invalidate}) or, with {@link LoadSettings#earlyRecache()}, about to expire; exactly one
     * caller among all clients loads at a time.
     *
     * <ul>
     *   <li>A fresh value is returned as {@link #get} would.
     *   <li>On a miss one caller wins: it runs the loader, writes the value back (with the CAS
     *       unique of what it read, so that an {@link #invalidate} meanwhile is not overwritten),
     *       and gets it. The others poll until the value is there, at most
     *       {@link LoadSettings#maxWait()}, then fail with {@link MemcacheTimeoutException}. If
     *       the winner fails or takes longer than {@link LoadSettings#lockTime()}, a later caller
     *       wins.
     *   <li>After {@link #invalidate} every caller gets the stale value at once while one of them
     *       recomputes it (meta protocol only).
     *   <li>When the item has less than {@link LoadSettings#earlyRecache()} to live, one caller
     *       starts the load and every caller gets the current value (meta protocol only).
     * </ul>
     *
     * <p>The loader is called with the key at most once per call, on an I/O thread: it must
     * return at once (start its work elsewhere) with a stage of the value. A failed stage fails
     * the winner's call and lets the next caller win at once; a null value is returned and not
     * cached. When the key's server cannot be reached (down, ejected by the failover policy,
     * refusing connections), the loader runs for this call without the cache: the one-loader
     * guarantee needs the cache.
     *
     * <p>With the text and binary protocols the same guarantee comes from an {@code add} of a lock
     * item ({@code <key>:ketch-load-lock}, so keys are limited to 234 bytes), without stale values
     * and without protection of the write-back against a concurrent invalidation.
     */
    CompletableFuture<V> getOrLoad(String key, int ttl, LoadSettings settings,
            Function<? super String, ? extends CompletionStage<? extends V>> loader);

    /**
     * Marks the key stale for {@link LoadSettings#staleTime()} (30 s): readers of {@link #getOrLoad}
     * keep getting its value while exactly one of them recomputes it ({@code md k I T30}). True if
     * the key existed. With the text and binary protocols this deletes the key, so readers wait for
     * the reload instead.
     */
    CompletableFuture<Boolean> invalidate(String key);

    /** {@link #invalidate(String)} with how long the stale value may still be served. */
    CompletableFuture<Boolean> invalidate(String key, Duration staleTime);

    // ---------------------------------------------------------------- storage

    /** Stores unconditionally; true when stored. */
    CompletableFuture<Boolean> set(String key, int ttl, V value);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<Boolean> set(byte[] key, int ttl, V value);

    /** Stores only if the key is absent; false if it was present. */
    CompletableFuture<Boolean> add(String key, int ttl, V value);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<Boolean> add(byte[] key, int ttl, V value);

    /** Stores only if the key is present; false if it was absent. */
    CompletableFuture<Boolean> replace(String key, int ttl, V value);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<Boolean> replace(byte[] key, int ttl, V value);

    /**
     * Appends the encoded value's bytes to the stored value (flags and expiry stay those of the
     * stored item); false if the key is absent.
     */
    CompletableFuture<Boolean> append(String key, V value);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<Boolean> append(byte[] key, V value);

    /** Prepends the encoded value's bytes; false if the key is absent. */
    CompletableFuture<Boolean> prepend(String key, V value);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<Boolean> prepend(byte[] key, V value);

    /**
     * Stores only if the item's CAS unique still equals {@code cas} (from {@link #gets}): {@link
     * CasResult#OK} when stored, {@link CasResult#EXISTS} if the item changed, {@link
     * CasResult#NOT_FOUND} if it is gone.
     */
    CompletableFuture<CasResult> cas(String key, int ttl, V value, long cas);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<CasResult> cas(byte[] key, int ttl, V value, long cas);

    /**
     * Any storage command with the server's full answer: which status a refusal had and, in the
     * binary protocol, the stored item's new CAS unique (for clients that report it, such as
     * spymemcached's futures). With {@code cas} other than 0 the command applies only if the
     * item's CAS unique still equals it: for every command in the binary protocol, for {@link
     * StoreCommand#SET} only in the text protocol (memcached's {@code cas}; other commands with a
     * CAS unique throw {@link IllegalArgumentException} there). Errors other than a refusal fail
     * the future with {@link MemcacheServerException}, as {@link #set} does.
     *
     * @param ttl ignored by {@link StoreCommand#APPEND} and {@link StoreCommand#PREPEND}
     */
    CompletableFuture<StoreReply> store(StoreCommand command, String key, int ttl, V value, long cas);

    // ---------------------------------------------------------------- delete, counters, expiry

    /** Deletes the key; false if it was absent. */
    CompletableFuture<Boolean> delete(String key);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<Boolean> delete(byte[] key);

    /**
     * Deletes the key only if its CAS unique still equals {@code cas}. With the text protocol this
     * uses the meta command {@code md} (memcached 1.6 and later).
     */
    CompletableFuture<CasResult> delete(String key, long cas);

    /**
     * Adds {@code delta} to a decimal value (64-bit unsigned, wrapping): the new value, or null if
     * the key is absent. A negative {@code delta} fails the call with {@link
     * IllegalArgumentException} (it would wrap: 5 "plus" -1 is 4); subtract with {@link #decr}.
     */
    CompletableFuture<Long> incr(String key, long delta);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<Long> incr(byte[] key, long delta);

    /**
     * Like {@link #incr(String, long)}, but an absent key is created with {@code initial} (and
     * {@code ttl}), and {@code initial} is returned. Native in the binary protocol; in the text
     * protocol a race-safe incr, add, incr sequence.
     */
    CompletableFuture<Long> incr(String key, long delta, long initial, int ttl);

    /**
     * Subtracts {@code delta}, stopping at 0: the new value, or null if the key is absent. A
     * negative {@code delta} fails the call with {@link IllegalArgumentException}.
     */
    CompletableFuture<Long> decr(String key, long delta);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<Long> decr(byte[] key, long delta);

    /** {@link #decr(String, long)} creating an absent key with {@code initial}. */
    CompletableFuture<Long> decr(String key, long delta, long initial, int ttl);

    /** Sets a new expiry; false if the key is absent. */
    CompletableFuture<Boolean> touch(String key, int ttl);

    /** The same with a key of raw bytes, sent as they are. */
    CompletableFuture<Boolean> touch(byte[] key, int ttl);

    // ---------------------------------------------------------------- servers

    /** {@code flush_all} on every server: items stored before now (or {@code delaySeconds}) are invalidated. */
    CompletableFuture<Void> flushAll(int delaySeconds);

    /** A round trip to every server. */
    CompletableFuture<Void> noop();

    /** Every server's version, keyed by server ({@code host:port}). */
    CompletableFuture<Map<String, String>> version();

    /**
     * Every server's statistics of {@code group} ({@code null} or empty for general statistics,
     * else e.g. {@code "settings"}, {@code "items"}, {@code "slabs"}), keyed by server.
     */
    CompletableFuture<Map<String, Map<String, String>>> stats(String group);

    /** Sets every server's verbosity. memcached 1.6 has no binary form of this command. */
    CompletableFuture<Void> verbosity(int level);

    /** The configured servers, in configuration order (as given to the builder or {@link #updateServers}). */
    List<ServerAddress> servers();

    /**
     * The server-wide commands for {@code server} alone: one server's answer or failure, whatever
     * the others do.
     *
     * @param server one of {@link #servers()}
     * @throws IllegalArgumentException if {@code server} is not one of the client's servers
     */
    ServerCommands onServer(ServerAddress server);

    /**
     * The server {@code key}'s operations go to: the one libmemcached (and so PHP's memcached,
     * pylibmc or a C program) picks for the same key, distribution, key hash and server list.
     * Computed locally, without I/O; any key bytes are accepted. While servers are ejected by the
     * failover policy this is where their keys go now (the next live server, as libmemcached with
     * {@code REMOVE_FAILED_SERVERS} picks it); it changes back when they rejoin.
     *
     * @param key the key, hashed as its UTF-8 bytes
     * @return the configured server, whose {@code toString()} is {@code host:port}; null if every
     *     server is ejected
     */
    ServerAddress serverFor(String key);

    /** {@link #serverFor(String)} for a key given as bytes. */
    ServerAddress serverFor(byte[] key);

    /**
     * Replaces the servers, while the client runs: servers in both lists keep their connections
     * and health, new ones start connecting, and the ring is rebuilt over the new list (in its
     * order, which is part of the configuration, as in the builder) and swapped in atomically.
     * Operations already sent to a removed server finish there (or time out); the removed server's
     * connections close after the operation timeout.
     *
     * @param servers {@code host[:port[:weight]]}, as the builder's {@code servers}
     * @throws IllegalArgumentException if the list is empty, malformed or names a server twice
     */
    void updateServers(String... servers);

    /** {@link #updateServers(String...)} with parsed addresses. */
    void updateServers(List<ServerAddress> servers);

    // ---------------------------------------------------------------- views and lifecycle

    /** The same operations without waiting for replies (memcached's noreply / quiet requests). */
    QuietMemcacheClient<V> quiet();

    /** The same operations as blocking calls. */
    BlockingMemcacheClient<V> blocking();

    /** A view of this client (same connections) with another value type. */
    <T> MemcacheClient<T> withTranscoder(Transcoder<T> transcoder);

    /**
     * Waits until every server's connections are established and every server is in service (a
     * server declared dead counts once it is back on the ring); false on timeout.
     *
     * @throws MemcacheClosedException at once if the client is (or gets) closed: it never connects
     */
    boolean awaitConnected(Duration timeout) throws InterruptedException;

    /**
     * A snapshot of the servers (state, address, last error, latency, outstanding operations) and
     * of the discovery: {@link ClientHealth#isReady()} for a readiness probe, {@code toString()}
     * for one log line.
     */
    ClientHealth health();

    /**
     * Closes every connection and stops the client's own threads. Outstanding operations fail with
     * {@link MemcacheClosedException}; later calls fail the same way. Views share this lifecycle.
     */
    @Override
    void close();
}
