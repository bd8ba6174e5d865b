package net.spy.memcached;

import net.spy.memcached.internal.BulkFuture;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.transcoders.Transcoder;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * spymemcached 2.12's {@code MemcachedClientIF}, the interface of {@link MemcachedClient}, which
 * narrows its return types as spymemcached's class does ({@code OperationFuture}, {@code
 * GetFuture}, {@code BulkFuture}).
 *
 * <p>Expiry times ({@code exp}) follow memcached: 0 never expires, up to 30 days is relative
 * seconds, more is a unix time. Methods without a transcoder use the client's default one.
 * Synchronous methods wait at most the operation timeout and throw {@link
 * OperationTimeoutException} when it runs out. Keys are validated as spymemcached does (1 to 250
 * bytes of UTF-8; in the text protocol no space, CR, LF or NUL, and here also no other control
 * character) and an invalid one throws {@link IllegalArgumentException} from the call.
 */
public interface MemcachedClientIF {

    /** The longest key memcached accepts, in bytes. */
    int MAX_KEY_LENGTH = 250;

    /** Sends an operation of {@code of} to every server; the latch counts their completions. */
    java.util.concurrent.CountDownLatch broadcastOp(BroadcastOpFactory of);

    /**
     * Sends an operation of {@code of} to each of {@code nodes}; the latch counts their
     * completions.
     */
    java.util.concurrent.CountDownLatch broadcastOp(BroadcastOpFactory of, java.util.Collection<MemcachedNode> nodes);

    /** Servers with an established connection. */
    Collection<SocketAddress> getAvailableServers();

    /** Servers without one (not yet connected, or down). */
    Collection<SocketAddress> getUnavailableServers();

    /** The default transcoder. */
    Transcoder<Object> getTranscoder();

    /** Which server each key goes to. */
    NodeLocator getNodeLocator();

    /**
     * Appends to {@code key}'s value if its CAS unique is {@code cas} (binary protocol; text
     * ignores it).
     */
    Future<Boolean> append(long cas, String key, Object val);

    /** Appends to {@code key}'s value; false if the key is absent. */
    Future<Boolean> append(String key, Object val);

    /**
     * Appends {@code val} to the value of {@code key} (with {@code cas}: only if it is unchanged);
     * true if done.
     */
    <T> Future<Boolean> append(long cas, String key, T val, Transcoder<T> tc);

    /**
     * Appends {@code val} to the value of {@code key} (with {@code cas}: only if it is unchanged);
     * true if done.
     */
    <T> Future<Boolean> append(String key, T val, Transcoder<T> tc);

    /**
     * Prepends to {@code key}'s value if its CAS unique is {@code cas} (binary protocol; text
     * ignores it).
     */
    Future<Boolean> prepend(long cas, String key, Object val);

    /** Prepends to {@code key}'s value; false if the key is absent. */
    Future<Boolean> prepend(String key, Object val);

    /**
     * Prepends {@code val} to the value of {@code key} (with {@code cas}: only if it is
     * unchanged); true if done.
     */
    <T> Future<Boolean> prepend(long cas, String key, T val, Transcoder<T> tc);

    /**
     * Prepends {@code val} to the value of {@code key} (with {@code cas}: only if it is
     * unchanged); true if done.
     */
    <T> Future<Boolean> prepend(String key, T val, Transcoder<T> tc);

    /** Stores {@code value} if {@code key}'s CAS unique is still {@code casId} (never expiring). */
    <T> Future<CASResponse> asyncCAS(String key, long casId, T value, Transcoder<T> tc);

    /**
     * Stores {@code value} under {@code key} if its CAS unique is still {@code casId}; the future
     * tells the outcome.
     */
    Future<CASResponse> asyncCAS(String key, long casId, Object value);

    /**
     * Stores {@code value} under {@code key} if its CAS unique is still {@code casId}; the future
     * tells the outcome.
     */
    Future<CASResponse> asyncCAS(String key, long casId, int exp, Object value);

    /**
     * Stores {@code value} under {@code key} if its CAS unique is still {@code casId}; the future
     * tells the outcome.
     */
    <T> OperationFuture<CASResponse> asyncCAS(String key, long casId, int exp, T value, Transcoder<T> tc);

    /** {@link #asyncCAS}, waiting for the answer. */
    <T> CASResponse cas(String key, long casId, int exp, T value, Transcoder<T> tc);

    /**
     * Stores {@code value} under {@code key} if its CAS unique is still {@code casId}, waiting for
     * the outcome.
     */
    CASResponse cas(String key, long casId, Object value);

    /**
     * Stores {@code value} under {@code key} if its CAS unique is still {@code casId}, waiting for
     * the outcome.
     */
    CASResponse cas(String key, long casId, int exp, Object value);

    /**
     * Stores {@code value} under {@code key} if its CAS unique is still {@code casId}, waiting for
     * the outcome.
     */
    <T> CASResponse cas(String key, long casId, T value, Transcoder<T> tc);

    /** Stores only if the key is absent; false if it was present. */
    <T> Future<Boolean> add(String key, int exp, T o, Transcoder<T> tc);

    /**
     * Stores {@code o} under {@code key} only if the key holds nothing; the future is true if
     * stored.
     */
    Future<Boolean> add(String key, int exp, Object o);

    /** Stores unconditionally. */
    <T> Future<Boolean> set(String key, int exp, T o, Transcoder<T> tc);

    /** Stores {@code o} under {@code key}; the future is true if stored. */
    Future<Boolean> set(String key, int exp, Object o);

    /** Stores only if the key is present; false if it was absent. */
    <T> Future<Boolean> replace(String key, int exp, T o, Transcoder<T> tc);

    /**
     * Stores {@code o} under {@code key} only if the key holds a value; the future is true if
     * stored.
     */
    Future<Boolean> replace(String key, int exp, Object o);

    /** The value, or null on a miss. */
    <T> Future<T> asyncGet(String key, Transcoder<T> tc);

    /** The value of {@code key}, null if absent, once it arrives. */
    Future<Object> asyncGet(String key);

    /** The value with its CAS unique, setting a new expiry; null on a miss. */
    Future<CASValue<Object>> asyncGetAndTouch(String key, int exp);

    /**
     * The value of {@code key} with its CAS unique, its expiry set to {@code exp}; null if absent.
     */
    <T> Future<CASValue<T>> asyncGetAndTouch(String key, int exp, Transcoder<T> tc);

    /** {@link #asyncGetAndTouch}, waiting for the answer. */
    CASValue<Object> getAndTouch(String key, int exp);

    /**
     * The value of {@code key} with its CAS unique, its expiry set to {@code exp}; null if absent.
     */
    <T> CASValue<T> getAndTouch(String key, int exp, Transcoder<T> tc);

    /** The value with its CAS unique; null on a miss. */
    <T> Future<CASValue<T>> asyncGets(String key, Transcoder<T> tc);

    /** The value of {@code key} with its CAS unique, null if absent. */
    Future<CASValue<Object>> asyncGets(String key);

    /** {@link #asyncGets}, waiting for the answer. */
    <T> CASValue<T> gets(String key, Transcoder<T> tc);

    /** The value of {@code key} with its CAS unique, null if absent, waiting for it. */
    CASValue<Object> gets(String key);

    /** The value, or null on a miss, waiting for it. */
    <T> T get(String key, Transcoder<T> tc);

    /** The value of {@code key}, null if absent, waiting for it. */
    Object get(String key);

    /**
     * Many keys, one request per server, each key decoded with the transcoder at the same position
     * (pairs are taken while both iterators have elements). Misses are absent from the map.
     */
    <T> BulkFuture<Map<String, T>> asyncGetBulk(Iterator<String> keys, Iterator<Transcoder<T>> tcs);

    /** The values of {@code keys} that are present, fetched with one request per server. */
    <T> BulkFuture<Map<String, T>> asyncGetBulk(Collection<String> keys, Iterator<Transcoder<T>> tcs);

    /** The values of {@code keys} that are present, fetched with one request per server. */
    <T> BulkFuture<Map<String, T>> asyncGetBulk(Iterator<String> keys, Transcoder<T> tc);

    /** The values of {@code keys} that are present, fetched with one request per server. */
    <T> BulkFuture<Map<String, T>> asyncGetBulk(Collection<String> keys, Transcoder<T> tc);

    /** The values of {@code keys} that are present, fetched with one request per server. */
    BulkFuture<Map<String, Object>> asyncGetBulk(Iterator<String> keys);

    /** The values of {@code keys} that are present, fetched with one request per server. */
    BulkFuture<Map<String, Object>> asyncGetBulk(Collection<String> keys);

    /** The values of {@code keys} that are present, fetched with one request per server. */
    <T> BulkFuture<Map<String, T>> asyncGetBulk(Transcoder<T> tc, String... keys);

    /** The values of {@code keys} that are present, fetched with one request per server. */
    BulkFuture<Map<String, Object>> asyncGetBulk(String... keys);

    /** {@link #asyncGetBulk}, waiting for every server's answer. */
    <T> Map<String, T> getBulk(Iterator<String> keys, Transcoder<T> tc);

    /** The values of {@code keys} that are present, waiting for them. */
    <T> Map<String, T> getBulk(Collection<String> keys, Transcoder<T> tc);

    /** The values of {@code keys} that are present, waiting for them. */
    Map<String, Object> getBulk(Iterator<String> keys);

    /** The values of {@code keys} that are present, waiting for them. */
    Map<String, Object> getBulk(Collection<String> keys);

    /** The values of {@code keys} that are present, waiting for them. */
    <T> Map<String, T> getBulk(Transcoder<T> tc, String... keys);

    /** The values of {@code keys} that are present, waiting for them. */
    Map<String, Object> getBulk(String... keys);

    /** Sets a new expiry; false if the key is absent. The transcoder is not used. */
    <T> Future<Boolean> touch(String key, int exp, Transcoder<T> tc);

    /** Sets the expiry of {@code key} to {@code exp}; the future is true if the key exists. */
    <T> Future<Boolean> touch(String key, int exp);

    /** Every server's version (servers that did not answer in time are absent). */
    Map<SocketAddress, String> getVersions();

    /** Every server's general statistics. */
    Map<SocketAddress, Map<String, String>> getStats();

    /**
     * Every server's statistics of group {@code prefix} ({@code "items"}, {@code "slabs"}, ...).
     */
    Map<SocketAddress, Map<String, String>> getStats(String prefix);

    /** Adds {@code by}: the new value, or -1 if the key is absent (or not a number). */
    long incr(String key, long by);

    /**
     * Increments the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent), waiting; the new value, -1 if absent.
     */
    long incr(String key, int by);

    /** Subtracts {@code by}, stopping at 0: the new value, or -1 if the key is absent. */
    long decr(String key, long by);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent), waiting; the new value, -1 if absent.
     */
    long decr(String key, int by);

    /** Adds {@code by}; the new value, or -1 if the key is absent. */
    Future<Long> asyncIncr(String key, long by);

    /**
     * Increments the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent); the new value, -1 if absent.
     */
    Future<Long> asyncIncr(String key, int by);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent); the new value, -1 if absent.
     */
    Future<Long> asyncDecr(String key, long by);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent); the new value, -1 if absent.
     */
    Future<Long> asyncDecr(String key, int by);

    /**
     * Adds {@code by}, creating an absent key with {@code def} (and expiry {@code exp}), which is
     * then returned.
     */
    long incr(String key, long by, long def, int exp);

    /**
     * Increments the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent), waiting; the new value, -1 if absent.
     */
    long incr(String key, int by, long def, int exp);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent), waiting; the new value, -1 if absent.
     */
    long decr(String key, long by, long def, int exp);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent), waiting; the new value, -1 if absent.
     */
    long decr(String key, int by, long def, int exp);

    /**
     * Binary protocol only, as in spymemcached: the text protocol throws {@link
     * UnsupportedOperationException}.
     */
    Future<Long> asyncIncr(String key, long by, long def, int exp);

    /**
     * Increments the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent); the new value, -1 if absent.
     */
    Future<Long> asyncIncr(String key, int by, long def, int exp);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent); the new value, -1 if absent.
     */
    Future<Long> asyncDecr(String key, long by, long def, int exp);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent); the new value, -1 if absent.
     */
    Future<Long> asyncDecr(String key, int by, long def, int exp);

    /** Adds {@code by}, creating an absent, never-expiring key with {@code def}. */
    long incr(String key, long by, long def);

    /**
     * Increments the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent), waiting; the new value, -1 if absent.
     */
    long incr(String key, int by, long def);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent), waiting; the new value, -1 if absent.
     */
    long decr(String key, long by, long def);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent), waiting; the new value, -1 if absent.
     */
    long decr(String key, int by, long def);

    /**
     * Binary protocol only, as in spymemcached: the text protocol throws {@link
     * UnsupportedOperationException}.
     */
    Future<Long> asyncIncr(String key, long by, long def);

    /**
     * Increments the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent); the new value, -1 if absent.
     */
    Future<Long> asyncIncr(String key, int by, long def);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent); the new value, -1 if absent.
     */
    Future<Long> asyncDecr(String key, long by, long def);

    /**
     * Decrements the counter {@code key} by {@code by} (with {@code def}: created at {@code def}
     * if absent); the new value, -1 if absent.
     */
    Future<Long> asyncDecr(String key, int by, long def);

    /** Deletes the key; false if it was absent. */
    Future<Boolean> delete(String key);

    /** Deletes the key if its CAS unique is {@code cas} (0: unconditionally). */
    Future<Boolean> delete(String key, long cas);

    /** Invalidates every item on every server in {@code delay} seconds. */
    Future<Boolean> flush(int delay);

    /** Invalidates every item on every server now. */
    Future<Boolean> flush();

    /** Closes every connection now; operations in flight are cancelled. */
    void shutdown();

    /**
     * Waits up to {@code timeout} for the operations in flight ({@link #waitForQueues}), then shuts
     * down. False if that wait ran out, or the client was already shut down.
     */
    boolean shutdown(long timeout, TimeUnit unit);

    /**
     * Waits until every server has answered what was sent to it before; false if that takes longer
     * than {@code timeout}.
     */
    boolean waitForQueues(long timeout, TimeUnit unit);

    /** Registers {@code obs}, telling it at once about every server already connected. */
    boolean addObserver(ConnectionObserver obs);

    /** Stops telling {@code obs} about connections; true if it was registered. */
    boolean removeObserver(ConnectionObserver obs);

    /** The SASL mechanisms the servers offer (binary protocol). */
    Set<String> listSaslMechanisms();
}
