package net.spy.memcached;

import dev.ketch.client.GetResult;
import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheOverloadedException;
import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.ServerAddress;
import dev.ketch.client.StoreCommand;
import dev.ketch.client.StoreReply;
import net.spy.memcached.internal.BulkFuture;
import net.spy.memcached.internal.BulkGetFuture;
import net.spy.memcached.internal.GetFuture;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.internal.Outcome;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.transcoders.Transcoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * spymemcached 2.12's {@code MemcachedClient} on the Ketch client: the same methods, results,
 * statuses and exceptions, the same server for every key, the same bytes for every value, so that
 * code written for spymemcached moves to Ketch by changing its imports from {@code
 * net.spy.memcached} to {@code net.spy.memcached}.
 *
 * <pre>{@code
 * MemcachedClient client = new MemcachedClient(new BinaryConnectionFactory(),
 *         AddrUtil.getAddresses("cache1:11211 cache2:11211"));
 * client.set("greeting", 3600, "hello");
 * Object value = client.get("greeting");
 * client.shutdown();
 * }</pre>
 *
 * <p>Unlike spymemcached's, every future completes by its operation's deadline whether or not
 * anyone waits on it, listeners always run (on the listener executor, never on an I/O thread), and
 * an operation for a server that cannot be reached fails at once rather than at its timeout. The
 * README's "Migrating from spymemcached" lists every difference.
 */
public class MemcachedClient implements MemcachedClientIF {

    private static final Logger LOG = LoggerFactory.getLogger(MemcachedClient.class);

    /** The operation timeout in milliseconds. */
    protected final long operationTimeout;
    /** The default transcoder. */
    protected final Transcoder<Object> transcoder;
    /** The settings the client was built with. */
    protected final ConnectionFactory connFactory;
    /** Where future listeners run. */
    protected final ExecutorService executorService;

    private final boolean binary;
    /** The client's servers, its locator and its observers. */
    protected final MemcachedConnection mconn;
    private final ServerRegistry registry;
    private final Outcomes outcomes;
    private final MemcacheClient<dev.ketch.client.transcode.CachedData> ketch;
    private final KeepAlive keepAlive;
    private volatile boolean shuttingDown;
    private volatile boolean shutDown;

    /** A client of the servers with {@link DefaultConnectionFactory}'s settings. */
    public MemcachedClient(InetSocketAddress... ia) throws IOException {
        this(new DefaultConnectionFactory(), Arrays.asList(ia));
    }

    /** A client of the servers with {@link DefaultConnectionFactory}'s settings. */
    public MemcachedClient(List<InetSocketAddress> addrs) throws IOException {
        this(new DefaultConnectionFactory(), addrs);
    }

    /**
     * A client of {@code addrs} with {@code cf}'s settings. Connects in the background; operations
     * issued meanwhile wait for the connection, within their timeout.
     *
     * @throws IOException never (declared for source compatibility with spymemcached)
     * @throws UnsupportedOperationException for settings Ketch cannot honour (Couchbase's VBUCKET
     *     locator, a custom hash algorithm, libmemcached's ketama node key format, an
     *     authentication without PLAIN)
     */
    public MemcachedClient(ConnectionFactory cf, List<InetSocketAddress> addrs) throws IOException {
        if (cf == null) {
            throw new NullPointerException("Connection factory required");
        }
        if (addrs == null) {
            throw new NullPointerException("Server list required");
        }
        if (addrs.isEmpty()) {
            throw new IllegalArgumentException("You must have at least one server to connect to");
        }
        if (cf.getOperationTimeout() <= 0) {
            throw new IllegalArgumentException("Operation timeout must be positive.");
        }
        this.connFactory = cf;
        this.operationTimeout = cf.getOperationTimeout();
        this.transcoder = cf.getDefaultTranscoder();
        this.binary = cf.getProtocol() == ConnectionFactoryBuilder.Protocol.BINARY;
        List<ServerAddress> servers = ServerSelection.servers(addrs, cf);
        this.registry = new ServerRegistry(addrs, servers);
        for (ConnectionObserver observer : cf.getInitialObservers()) {
            registry.addObserver(observer);
        }
        this.outcomes = new Outcomes(binary, cf.getFailureMode());
        this.ketch = KetchClients.build(cf, servers, registry);
        List<ServerNode> nodes = new ArrayList<>(addrs.size());
        for (InetSocketAddress address : addrs) {
            nodes.add(new ServerNode(address, registry));
        }
        this.mconn = new MemcachedConnection(ServerSelection.locator(cf, new ArrayList<>(nodes)), registry, nodes);
        this.executorService = cf.getListenerExecutorService();
        this.keepAlive = cf.isDaemon() ? null : KeepAlive.start("Memcached IO over " + addrs);
    }

    // ---------------------------------------------------------------- plumbing

    private void checkState() {
        if (shutDown) {
            throw new IllegalStateException("Shutting down");
        }
    }

    private void checkBroadcast() {
        if (shuttingDown) {
            throw new IllegalStateException("Shutting down");
        }
    }

    private SocketAddress nodeFor(String key) {
        return registry.addressOf(ketch.serverFor(key));
    }

    private static dev.ketch.client.transcode.CachedData toKetch(CachedData data) {
        return new dev.ketch.client.transcode.CachedData(data.getFlags(), data.getData());
    }

    private static <T> T decode(Transcoder<T> tc, dev.ketch.client.transcode.CachedData data) {
        return tc.decode(new CachedData(data.flags(), data.data(), tc.getMaxSize()));
    }

    /**
     * spymemcached blocks a caller while its server's queue is full and then throws {@link
     * IllegalStateException}; Ketch refuses at once, and so the same exception comes at once.
     */
    private static <R> CompletableFuture<R> admitted(CompletableFuture<R> future, String key) {
        if (future.isCompletedExceptionally()) {
            try {
                future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof MemcacheOverloadedException) {
                    throw new IllegalStateException("Queue full, cannot add an operation for " + key + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (CancellationException ignored) {
                // reported through the future
            }
        }
        return future;
    }

    /** The outcome of a Ketch future, which always completes normally. */
    private <R, T> CompletableFuture<Outcome<T>> outcome(CompletableFuture<R> result, Function<R, Outcome<T>> onResult,
            T refusal) {
        return result.handle((r, failure) -> {
            if (failure != null) {
                return outcomes.failed(failure, refusal);
            }
            try {
                return onResult.apply(r);
            } catch (RuntimeException e) {
                return Outcome.failed(e, new OperationStatus(false, String.valueOf(e), StatusCode.ERR_CLIENT));
            }
        });
    }

    private <T> OperationFuture<T> future(String key, CompletableFuture<Outcome<T>> outcome) {
        return new OperationFuture<>(key, outcome, operationTimeout, nodeFor(key), executorService);
    }

    private Supplier<String> timeoutDetail() {
        return () -> MessageFormat.format("waited {0} ms.", operationTimeout) + " Node status: " + registry.status();
    }

    // ---------------------------------------------------------------- servers and settings

    @Override
    public Collection<SocketAddress> getAvailableServers() {
        return registry.available();
    }

    @Override
    public Collection<SocketAddress> getUnavailableServers() {
        return registry.unavailable();
    }

    @Override
    public NodeLocator getNodeLocator() {
        return mconn.getLocator().getReadonlyCopy();
    }

    @Override
    public Transcoder<Object> getTranscoder() {
        return transcoder;
    }

    /** The operation timeout in milliseconds. */
    public long getOperationTimeout() {
        return operationTimeout;
    }

    /** Where future listeners run. */
    public ExecutorService getExecutorService() {
        return executorService;
    }

    // ---------------------------------------------------------------- storage

    private <T> OperationFuture<Boolean> asyncStore(StoreCommand command, String key, int exp, T value, Transcoder<T> tc) {
        CachedData co = tc.encode(value);
        checkState();
        Keys.validate(key, binary);
        CompletableFuture<StoreReply> reply = admitted(ketch.store(command, key, exp, toKetch(co), 0), key);
        return future(key, outcome(reply, outcomes::stored, false));
    }

    /** append/prepend: spymemcached compares the CAS unique in the binary protocol and ignores it in text. */
    private <T> OperationFuture<Boolean> asyncCat(StoreCommand command, long cas, String key, T value, Transcoder<T> tc) {
        CachedData co = tc.encode(value);
        checkState();
        Keys.validate(key, binary);
        CompletableFuture<StoreReply> reply = admitted(ketch.store(command, key, 0, toKetch(co), binary ? cas : 0), key);
        return future(key, outcome(reply, outcomes::concatenated, false));
    }

    @Override
    public <T> OperationFuture<Boolean> touch(String key, int exp) {
        return touch(key, exp, transcoder);
    }

    @Override
    public <T> OperationFuture<Boolean> touch(String key, int exp, Transcoder<T> tc) {
        checkState();
        Keys.validate(key, binary);
        return future(key, outcome(admitted(ketch.touch(key, exp), key), outcomes::touched, false));
    }

    @Override
    public OperationFuture<Boolean> append(long cas, String key, Object val) {
        return append(cas, key, val, transcoder);
    }

    @Override
    public OperationFuture<Boolean> append(String key, Object val) {
        return append(0, key, val, transcoder);
    }

    @Override
    public <T> OperationFuture<Boolean> append(long cas, String key, T val, Transcoder<T> tc) {
        return asyncCat(StoreCommand.APPEND, cas, key, val, tc);
    }

    @Override
    public <T> OperationFuture<Boolean> append(String key, T val, Transcoder<T> tc) {
        return asyncCat(StoreCommand.APPEND, 0, key, val, tc);
    }

    @Override
    public OperationFuture<Boolean> prepend(long cas, String key, Object val) {
        return prepend(cas, key, val, transcoder);
    }

    @Override
    public OperationFuture<Boolean> prepend(String key, Object val) {
        return prepend(0, key, val, transcoder);
    }

    @Override
    public <T> OperationFuture<Boolean> prepend(long cas, String key, T val, Transcoder<T> tc) {
        return asyncCat(StoreCommand.PREPEND, cas, key, val, tc);
    }

    @Override
    public <T> OperationFuture<Boolean> prepend(String key, T val, Transcoder<T> tc) {
        return asyncCat(StoreCommand.PREPEND, 0, key, val, tc);
    }

    @Override
    public <T> OperationFuture<CASResponse> asyncCAS(String key, long casId, T value, Transcoder<T> tc) {
        return asyncCAS(key, casId, 0, value, tc);
    }

    @Override
    public <T> OperationFuture<CASResponse> asyncCAS(String key, long casId, int exp, T value, Transcoder<T> tc) {
        CachedData co = tc.encode(value);
        checkState();
        Keys.validate(key, binary);
        if (casId == 0 && !binary) {
            // memcached's text cas with unique 0 never matches: EXISTS if the key is there, else NOT_FOUND
            CompletableFuture<GetResult<dev.ketch.client.transcode.CachedData>> found = admitted(ketch.gets(key), key);
            return future(key, outcome(found, r -> outcomes.swapped(
                    new StoreReply(r == null ? MemcacheStatus.KEY_NOT_FOUND : MemcacheStatus.KEY_EXISTS, 0)), null));
        }
        CompletableFuture<StoreReply> reply = admitted(ketch.store(StoreCommand.SET, key, exp, toKetch(co), casId), key);
        return future(key, outcome(reply, outcomes::swapped, null));
    }

    @Override
    public OperationFuture<CASResponse> asyncCAS(String key, long casId, Object value) {
        return asyncCAS(key, casId, value, transcoder);
    }

    @Override
    public OperationFuture<CASResponse> asyncCAS(String key, long casId, int exp, Object value) {
        return asyncCAS(key, casId, exp, value, transcoder);
    }

    @Override
    public <T> CASResponse cas(String key, long casId, T value, Transcoder<T> tc) {
        return cas(key, casId, 0, value, tc);
    }

    @Override
    public <T> CASResponse cas(String key, long casId, int exp, T value, Transcoder<T> tc) {
        return Waits.await(asyncCAS(key, casId, exp, value, tc), operationTimeout, Waits.VALUE, timeoutDetail());
    }

    @Override
    public CASResponse cas(String key, long casId, Object value) {
        return cas(key, casId, value, transcoder);
    }

    @Override
    public CASResponse cas(String key, long casId, int exp, Object value) {
        return cas(key, casId, exp, value, transcoder);
    }

    @Override
    public <T> OperationFuture<Boolean> add(String key, int exp, T o, Transcoder<T> tc) {
        return asyncStore(StoreCommand.ADD, key, exp, o, tc);
    }

    @Override
    public OperationFuture<Boolean> add(String key, int exp, Object o) {
        return asyncStore(StoreCommand.ADD, key, exp, o, transcoder);
    }

    @Override
    public <T> OperationFuture<Boolean> set(String key, int exp, T o, Transcoder<T> tc) {
        return asyncStore(StoreCommand.SET, key, exp, o, tc);
    }

    @Override
    public OperationFuture<Boolean> set(String key, int exp, Object o) {
        return asyncStore(StoreCommand.SET, key, exp, o, transcoder);
    }

    @Override
    public <T> OperationFuture<Boolean> replace(String key, int exp, T o, Transcoder<T> tc) {
        return asyncStore(StoreCommand.REPLACE, key, exp, o, tc);
    }

    @Override
    public OperationFuture<Boolean> replace(String key, int exp, Object o) {
        return asyncStore(StoreCommand.REPLACE, key, exp, o, transcoder);
    }

    // ---------------------------------------------------------------- retrieval

    @Override
    public <T> GetFuture<T> asyncGet(String key, Transcoder<T> tc) {
        checkState();
        Keys.validate(key, binary);
        CompletableFuture<dev.ketch.client.transcode.CachedData> value = admitted(ketch.get(key), key);
        return new GetFuture<>(key, outcome(value, d -> outcomes.read(d != null, () -> decode(tc, d)), null),
                operationTimeout, nodeFor(key), executorService);
    }

    @Override
    public GetFuture<Object> asyncGet(String key) {
        return asyncGet(key, transcoder);
    }

    @Override
    public <T> OperationFuture<CASValue<T>> asyncGets(String key, Transcoder<T> tc) {
        checkState();
        Keys.validate(key, binary);
        return future(key, casValue(admitted(ketch.gets(key), key), tc));
    }

    private <T> CompletableFuture<Outcome<CASValue<T>>> casValue(
            CompletableFuture<GetResult<dev.ketch.client.transcode.CachedData>> result, Transcoder<T> tc) {
        return outcome(result, r -> outcomes.read(r != null, () -> new CASValue<>(r.cas(), decode(tc, r.value()))), null);
    }

    @Override
    public OperationFuture<CASValue<Object>> asyncGets(String key) {
        return asyncGets(key, transcoder);
    }

    @Override
    public <T> CASValue<T> gets(String key, Transcoder<T> tc) {
        return Waits.await(asyncGets(key, tc), operationTimeout, Waits.VALUE, null);
    }

    @Override
    public CASValue<Object> gets(String key) {
        return gets(key, transcoder);
    }

    @Override
    public OperationFuture<CASValue<Object>> asyncGetAndTouch(String key, int exp) {
        return asyncGetAndTouch(key, exp, transcoder);
    }

    /** Also in the text protocol ({@code gats}, memcached 1.5.3+), where spymemcached throws. */
    @Override
    public <T> OperationFuture<CASValue<T>> asyncGetAndTouch(String key, int exp, Transcoder<T> tc) {
        checkState();
        Keys.validate(key, binary);
        return future(key, casValue(admitted(ketch.getsAndTouch(key, exp), key), tc));
    }

    @Override
    public <T> CASValue<T> getAndTouch(String key, int exp, Transcoder<T> tc) {
        return Waits.await(asyncGetAndTouch(key, exp, tc), operationTimeout, Waits.VALUE, null);
    }

    @Override
    public CASValue<Object> getAndTouch(String key, int exp) {
        return getAndTouch(key, exp, transcoder);
    }

    @Override
    public <T> T get(String key, Transcoder<T> tc) {
        return Waits.await(asyncGet(key, tc), operationTimeout, Waits.VALUE, timeoutDetail());
    }

    @Override
    public Object get(String key) {
        return get(key, transcoder);
    }

    // ---------------------------------------------------------------- bulk retrieval

    @Override
    public <T> BulkFuture<Map<String, T>> asyncGetBulk(Iterator<String> keyIter, Iterator<Transcoder<T>> tcIter) {
        Map<String, Transcoder<T>> transcoders = new HashMap<>();
        Map<ServerAddress, List<String>> chunks = new LinkedHashMap<>();
        while (keyIter.hasNext() && tcIter.hasNext()) {
            String key = keyIter.next();
            transcoders.put(key, tcIter.next());
            Keys.validate(key, binary);
            chunks.computeIfAbsent(ketch.serverFor(key), s -> new ArrayList<>()).add(key);
        }
        checkState();
        List<BulkGetFuture.Part<T>> parts = new ArrayList<>(chunks.size());
        for (Map.Entry<ServerAddress, List<String>> chunk : chunks.entrySet()) {
            CompletableFuture<Map<String, dev.ketch.client.transcode.CachedData>> found = ketch.getMulti(chunk.getValue());
            CompletableFuture<Outcome<Map<String, T>>> outcome = outcome(found,
                    values -> Outcome.decoded(() -> decodeAll(values, transcoders), outcomes.bulkAnswered()), null);
            parts.add(new BulkGetFuture.Part<>(registry.addressOf(chunk.getKey()), outcome));
        }
        return new BulkGetFuture<>(parts, outcomes.bulkAnswered(), executorService);
    }

    private static <T> Map<String, T> decodeAll(Map<String, dev.ketch.client.transcode.CachedData> found,
            Map<String, Transcoder<T>> transcoders) {
        Map<String, T> values = new HashMap<>();
        found.forEach((key, data) -> values.put(key, decode(transcoders.get(key), data)));
        return values;
    }

    @Override
    public <T> BulkFuture<Map<String, T>> asyncGetBulk(Collection<String> keys, Iterator<Transcoder<T>> tcIter) {
        return asyncGetBulk(keys.iterator(), tcIter);
    }

    @Override
    public <T> BulkFuture<Map<String, T>> asyncGetBulk(Iterator<String> keyIter, Transcoder<T> tc) {
        return asyncGetBulk(keyIter, repeat(tc));
    }

    @Override
    public <T> BulkFuture<Map<String, T>> asyncGetBulk(Collection<String> keys, Transcoder<T> tc) {
        return asyncGetBulk(keys.iterator(), repeat(tc));
    }

    @Override
    public BulkFuture<Map<String, Object>> asyncGetBulk(Iterator<String> keyIter) {
        return asyncGetBulk(keyIter, transcoder);
    }

    @Override
    public BulkFuture<Map<String, Object>> asyncGetBulk(Collection<String> keys) {
        return asyncGetBulk(keys, transcoder);
    }

    @Override
    public <T> BulkFuture<Map<String, T>> asyncGetBulk(Transcoder<T> tc, String... keys) {
        return asyncGetBulk(Arrays.asList(keys), tc);
    }

    @Override
    public BulkFuture<Map<String, Object>> asyncGetBulk(String... keys) {
        return asyncGetBulk(Arrays.asList(keys), transcoder);
    }

    private static <T> Iterator<T> repeat(T element) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public T next() {
                return element;
            }
        };
    }

    @Override
    public <T> Map<String, T> getBulk(Iterator<String> keyIter, Transcoder<T> tc) {
        return Waits.await(asyncGetBulk(keyIter, tc), operationTimeout, Waits.BULK, timeoutDetail());
    }

    @Override
    public Map<String, Object> getBulk(Iterator<String> keyIter) {
        return getBulk(keyIter, transcoder);
    }

    @Override
    public <T> Map<String, T> getBulk(Collection<String> keys, Transcoder<T> tc) {
        return getBulk(keys.iterator(), tc);
    }

    @Override
    public Map<String, Object> getBulk(Collection<String> keys) {
        return getBulk(keys, transcoder);
    }

    @Override
    public <T> Map<String, T> getBulk(Transcoder<T> tc, String... keys) {
        return getBulk(Arrays.asList(keys), tc);
    }

    @Override
    public Map<String, Object> getBulk(String... keys) {
        return getBulk(Arrays.asList(keys), transcoder);
    }

    // ---------------------------------------------------------------- server commands

    @Override
    public Map<SocketAddress, String> getVersions() {
        checkBroadcast();
        Map<SocketAddress, String> versions = new ConcurrentHashMap<>();
        try {
            ketch.version().get(operationTimeout, TimeUnit.MILLISECONDS)
                    .forEach((server, version) -> versions.put(registry.addressOf(server), version));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException("Interrupted waiting for versions", e);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("no versions: {}", e.toString());
        }
        return versions;
    }

    @Override
    public Map<SocketAddress, Map<String, String>> getStats() {
        return getStats(null);
    }

    /** A server that does not answer in time keeps an empty map. */
    @Override
    public Map<SocketAddress, Map<String, String>> getStats(String arg) {
        checkBroadcast();
        Map<SocketAddress, Map<String, String>> stats = new HashMap<>();
        for (InetSocketAddress address : registry.addresses()) {
            stats.put(address, new HashMap<>());
        }
        try {
            ketch.stats(arg).get(operationTimeout, TimeUnit.MILLISECONDS)
                    .forEach((server, values) -> stats.get(registry.addressOf(server)).putAll(values));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException("Interrupted waiting for stats", e);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Unsuccessful stat fetch: {}", e.toString());
        }
        return stats;
    }

    // ---------------------------------------------------------------- counters

    /**
     * incr/decr: in the binary protocol an expiry other than -1 creates an absent key with {@code
     * def}; in the text protocol absent keys stay absent.
     */
    private CompletableFuture<Outcome<Long>> mutation(boolean incr, String key, long by, long def, int exp) {
        checkState();
        Keys.validate(key, binary);
        CompletableFuture<Long> value;
        if (binary && exp != -1) {
            value = incr ? ketch.incr(key, by, def, exp) : ketch.decr(key, by, def, exp);
        } else {
            value = incr ? ketch.incr(key, by) : ketch.decr(key, by);
        }
        return outcome(admitted(value, key), outcomes::counted, -1L);
    }

    /** The synchronous counters: the value, -1 if absent, failed or cancelled; a timeout throws. */
    private long mutate(boolean incr, String key, long by, long def, int exp) {
        CompletableFuture<Outcome<Long>> outcome = mutation(incr, key, by, def, exp);
        Outcome<Long> done;
        try {
            done = outcome.get(operationTimeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException("Interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("outcomes complete normally", e);
        } catch (TimeoutException e) {
            done = null;
        }
        if (done == null || done.kind() == Outcome.Kind.TIMED_OUT) {
            throw new OperationTimeoutException("Mutate operation timed out,unable to modify counter [" + key + ']');
        }
        if (done.kind() != Outcome.Kind.COMPLETED) {
            return -1;
        }
        try {
            return done.value();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a counter needs no decoding", e);
        }
    }

    /** spymemcached's incr/decr with a default: mutate; if absent, add the default; if that lost a race, mutate again. */
    private long mutateWithDefault(boolean incr, String key, long by, long def, int exp) {
        long rv = mutate(incr, key, by, def, exp);
        if (rv == -1) {
            Future<Boolean> added = asyncStore(StoreCommand.ADD, key, exp, String.valueOf(def), transcoder);
            try {
                rv = added.get(operationTimeout, TimeUnit.MILLISECONDS) ? def : mutate(incr, key, by, 0, exp);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException("Interrupted waiting for store", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancellationException) {
                    throw (CancellationException) e.getCause();
                }
                throw new RuntimeException("Failed waiting for store", e);
            } catch (TimeoutException e) {
                throw new OperationTimeoutException("Timeout waiting to mutate or init value" + timeoutDetail().get(), e);
            }
        }
        return rv;
    }

    private OperationFuture<Long> asyncMutate(boolean incr, String key, long by, long def, int exp) {
        if (!binary && (def != 0 || exp != -1)) {
            throw new UnsupportedOperationException("Default value or expiration time are not supported on the async "
                    + "mutate methods. Use either the binary protocol or the sync variant.");
        }
        return future(key, mutation(incr, key, by, def, exp));
    }

    @Override
    public long incr(String key, long by) {
        return mutate(true, key, by, 0, -1);
    }

    @Override
    public long incr(String key, int by) {
        return mutate(true, key, by, 0, -1);
    }

    @Override
    public long decr(String key, long by) {
        return mutate(false, key, by, 0, -1);
    }

    @Override
    public long decr(String key, int by) {
        return mutate(false, key, by, 0, -1);
    }

    @Override
    public long incr(String key, long by, long def, int exp) {
        return mutateWithDefault(true, key, by, def, exp);
    }

    @Override
    public long incr(String key, int by, long def, int exp) {
        return mutateWithDefault(true, key, by, def, exp);
    }

    @Override
    public long decr(String key, long by, long def, int exp) {
        return mutateWithDefault(false, key, by, def, exp);
    }

    @Override
    public long decr(String key, int by, long def, int exp) {
        return mutateWithDefault(false, key, by, def, exp);
    }

    @Override
    public OperationFuture<Long> asyncIncr(String key, long by) {
        return asyncMutate(true, key, by, 0, -1);
    }

    @Override
    public OperationFuture<Long> asyncIncr(String key, int by) {
        return asyncMutate(true, key, by, 0, -1);
    }

    @Override
    public OperationFuture<Long> asyncDecr(String key, long by) {
        return asyncMutate(false, key, by, 0, -1);
    }

    @Override
    public OperationFuture<Long> asyncDecr(String key, int by) {
        return asyncMutate(false, key, by, 0, -1);
    }

    @Override
    public OperationFuture<Long> asyncIncr(String key, long by, long def, int exp) {
        return asyncMutate(true, key, by, def, exp);
    }

    @Override
    public OperationFuture<Long> asyncIncr(String key, int by, long def, int exp) {
        return asyncMutate(true, key, by, def, exp);
    }

    @Override
    public OperationFuture<Long> asyncDecr(String key, long by, long def, int exp) {
        return asyncMutate(false, key, by, def, exp);
    }

    @Override
    public OperationFuture<Long> asyncDecr(String key, int by, long def, int exp) {
        return asyncMutate(false, key, by, def, exp);
    }

    @Override
    public OperationFuture<Long> asyncIncr(String key, long by, long def) {
        return asyncMutate(true, key, by, def, 0);
    }

    @Override
    public OperationFuture<Long> asyncIncr(String key, int by, long def) {
        return asyncMutate(true, key, by, def, 0);
    }

    @Override
    public OperationFuture<Long> asyncDecr(String key, long by, long def) {
        return asyncMutate(false, key, by, def, 0);
    }

    @Override
    public OperationFuture<Long> asyncDecr(String key, int by, long def) {
        return asyncMutate(false, key, by, def, 0);
    }

    @Override
    public long incr(String key, long by, long def) {
        return mutateWithDefault(true, key, by, def, 0);
    }

    @Override
    public long incr(String key, int by, long def) {
        return mutateWithDefault(true, key, by, def, 0);
    }

    @Override
    public long decr(String key, long by, long def) {
        return mutateWithDefault(false, key, by, def, 0);
    }

    @Override
    public long decr(String key, int by, long def) {
        return mutateWithDefault(false, key, by, def, 0);
    }

    // ---------------------------------------------------------------- delete and flush

    /** @deprecated memcached has no delete hold time any more: this is {@link #delete(String)}. */
    @Deprecated
    public OperationFuture<Boolean> delete(String key, int hold) {
        return delete(key);
    }

    @Override
    public OperationFuture<Boolean> delete(String key) {
        return delete(key, 0L);
    }

    /** With a CAS unique also in the text protocol (memcached 1.6's {@code md}), where spymemcached throws. */
    @Override
    public OperationFuture<Boolean> delete(String key, long cas) {
        checkState();
        Keys.validate(key, binary);
        if (cas == 0) {
            return future(key, outcome(admitted(ketch.delete(key), key), outcomes::deleted, false));
        }
        return future(key, outcome(admitted(ketch.delete(key, cas), key), outcomes::deletedIfUnchanged, false));
    }

    @Override
    public OperationFuture<Boolean> flush(int delay) {
        checkBroadcast();
        CompletableFuture<Void> flushed = ketch.flushAll(Math.max(0, delay));
        return new OperationFuture<>(null, outcome(flushed, done -> outcomes.flushed(), false), operationTimeout, null,
                executorService);
    }

    @Override
    public OperationFuture<Boolean> flush() {
        return flush(-1);
    }

    /** The mechanisms of every server that answers (binary protocol); text throws as spymemcached does. */
    @Override
    public Set<String> listSaslMechanisms() {
        checkBroadcast();
        if (!binary) {
            throw new UnsupportedOperationException("SASL is not supported for ASCII protocol");
        }
        Set<String> mechanisms = ConcurrentHashMap.newKeySet();
        int timeout = (int) Math.min(Integer.MAX_VALUE, operationTimeout);
        for (InetSocketAddress address : registry.addresses()) {
            try {
                SaslMechanisms.query(address, timeout, mechanisms);
            } catch (IOException e) {
                LOG.debug("no SASL mechanisms from {}: {}", address, e.toString());
            }
        }
        return mechanisms;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void shutdown() {
        shutdown(-1, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean shutdown(long timeout, TimeUnit unit) {
        synchronized (this) {
            if (shuttingDown) {
                LOG.info("Suppressing duplicate attempt to shut down");
                return false;
            }
            shuttingDown = true;
        }
        if (connFactory.isDefaultExecutorService()) {
            executorService.shutdown();
        }
        boolean drained = true;
        try {
            if (timeout > 0) {
                drained = waitForQueues(timeout, unit);
            }
        } finally {
            shutDown = true;
            ketch.close();
            if (keepAlive != null) {
                keepAlive.stop();
            }
        }
        return drained;
    }

    @Override
    public boolean waitForQueues(long timeout, TimeUnit unit) {
        try {
            ketch.noop().get(timeout, unit);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException("Interrupted waiting for queues", e);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public boolean addObserver(ConnectionObserver obs) {
        return registry.addObserver(obs);
    }

    @Override
    public boolean removeObserver(ConnectionObserver obs) {
        return registry.removeObserver(obs);
    }

    @Override
    public String toString() {
        return "MemcachedClient on Ketch " + registry.addresses() + ": " + connFactory;
    }
}
