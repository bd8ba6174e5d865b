package net.spy.memcached;

import dev.ketch.client.GetResult;
import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheOverloadedException;
import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.ServerAddress;
import dev.ketch.client.ServerCommands;
import dev.ketch.client.StoreCommand;
import dev.ketch.client.StoreReply;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.auth.AuthThreadMonitor;
import net.spy.memcached.compat.SpyObject;
import net.spy.memcached.internal.BulkFuture;
import net.spy.memcached.internal.BulkGetFuture;
import net.spy.memcached.internal.GetFuture;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.transcoders.TranscodeService;
import net.spy.memcached.transcoders.Transcoder;
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
public class MemcachedClient extends SpyObject implements MemcachedClientIF, ConnectionObserver {

    private static final Logger LOG = LoggerFactory.getLogger(MemcachedClient.class);

    /** The operation timeout in milliseconds. */
    protected final long operationTimeout;
    /** The default transcoder. */
    protected final Transcoder<Object> transcoder;
    /** The settings the client was built with. */
    protected final ConnectionFactory connFactory;
    /** Where future listeners run. */
    protected final ExecutorService executorService;
    /** Decodes values: in the thread that reads them, or on its own threads if the transcoder asks. */
    protected final TranscodeService tcService;
    /** True once {@link #shutdown} began. */
    protected volatile boolean shuttingDown;
    /** The operation factory of the connection factory: its protocol is the client's. */
    protected final OperationFactory opFact;
    /** The connection factory's credentials, or null. */
    protected final AuthDescriptor authDescriptor;
    /** spymemcached's authentication threads; Ketch authenticates each connection itself. */
    protected final AuthThreadMonitor authMonitor;

    private final boolean binary;
    /** The client's servers, its locator and its observers. */
    protected final MemcachedConnection mconn;
    private final ServerRegistry registry;
    private final Outcomes outcomes;
    private final MemcacheClient<dev.ketch.client.transcode.CachedData> ketch;
    private final KeepAlive keepAlive;
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
     * @throws IOException if {@code cf.createConnection} throws it (the drop-in's never does)
     * @throws UnsupportedOperationException for settings Ketch cannot honour (a locator other than
     *     spymemcached's two, a custom hash algorithm, libmemcached's ketama node key format, an
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
        this.tcService = new TranscodeService(cf.isDaemon());
        this.opFact = cf.getOperationFactory();
        assert opFact != null : "Connection factory failed to make op factory";
        this.authDescriptor = cf.getAuthDescriptor();
        this.authMonitor = new AuthThreadMonitor();
        this.mconn = cf.createConnection(addrs);
        assert mconn != null : "Connection factory failed to make a connection";
        this.binary = mconn.binary();
        this.registry = mconn.registry();
        this.outcomes = mconn.outcomes();
        this.ketch = mconn.ketch();
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

    /**
     * Sends {@code request} through Ketch (again on each {@link KetchOperation} resend); only the
     * first sending can refuse at once, in the caller's thread, as spymemcached's full queue does.
     */
    private <R, T> Supplier<CompletableFuture<Outcome<T>>> sender(String key, Supplier<CompletableFuture<R>> request,
            Function<R, Outcome<T>> onResult, T refusal) {
        AtomicBoolean first = new AtomicBoolean(true);
        return () -> {
            CompletableFuture<R> sent = request.get();
            if (first.compareAndSet(true, false)) {
                admitted(sent, key);
            }
            return outcome(sent, onResult, refusal);
        };
    }

    /**
     * The node {@code key}'s operations go to now: where Ketch sends it, or, while Ketch has ejected
     * every server, the key's server on spymemcached's ring.
     */
    private ServerNode node(String key) {
        ServerAddress now = ketch.serverFor(key);
        ServerNode node = now == null ? null : mconn.nodeOf(registry.addressOf(now));
        return node != null ? node : (ServerNode) mconn.getLocator().getPrimary(key);
    }

    /**
     * An operation on one key, with spymemcached's future: the callback sets the value (and CAS
     * unique) with the status, then counts the latch down and calls the listeners.
     */
    private <R, T> OperationFuture<T> single(String name, String key, Supplier<CompletableFuture<R>> request,
            Function<R, Outcome<T>> onResult, T refusal) {
        return single(name, key, request, onResult, refusal, 0);
    }

    /** {@link #single} of a request carrying a value of {@code payload} bytes. */
    private <R, T> OperationFuture<T> single(String name, String key, Supplier<CompletableFuture<R>> request,
            Function<R, Outcome<T>> onResult, T refusal, int payload) {
        CountDownLatch latch = new CountDownLatch(1);
        OperationFuture<T> rv = new OperationFuture<>(key, latch, operationTimeout, executorService);
        AtomicReference<T> value = new AtomicReference<>();
        OperationCallback callback = new OperationCallback() {
            @Override
            public void receivedStatus(OperationStatus status) {
                rv.set(value.get(), status);
            }

            @Override
            public void complete() {
                latch.countDown();
                rv.signalComplete();
            }
        };
        KetchOperation<T> op = new KetchOperation<>(name, List.of(key), node(key), callback,
                sender(key, request, onResult, refusal), outcome -> {
                    value.set(outcome.value());
                    if (outcome.cas() != null) {
                        rv.setCas(outcome.cas());
                    }
                }, mconn);
        rv.setOperation(op);
        op.payload(payload).start();
        return rv;
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

    /** The connections to the servers. */
    public MemcachedConnection getConnection() {
        return mconn;
    }

    /** The service that decodes values off the reading thread. */
    public TranscodeService getTranscoderService() {
        return tcService;
    }

    /**
     * Sends an operation of {@code of} to every server: operations of the client's {@link
     * OperationFactory}, or of the application's, are carried out through Ketch and told the reply
     * (see {@link MemcachedConnection}).
     *
     * @throws IllegalStateException once shutting down
     */
    @Override
    public CountDownLatch broadcastOp(BroadcastOpFactory of) {
        return broadcastOp(of, mconn.getLocator().getAll());
    }

    /** Sends an operation of {@code of} to each of {@code nodes}. */
    @Override
    public CountDownLatch broadcastOp(BroadcastOpFactory of, Collection<MemcachedNode> nodes) {
        checkBroadcast();
        return mconn.broadcastOperation(of, nodes);
    }

    /** Told by the connections; Ketch authenticates a new connection itself, so nothing is done. */
    @Override
    public void connectionEstablished(SocketAddress sa, int reconnectCount) {
    }

    /** Told by the connections; nothing to do. */
    @Override
    public void connectionLost(SocketAddress sa) {
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
        dev.ketch.client.transcode.CachedData data = toKetch(co);
        return single(command.name().toLowerCase(java.util.Locale.ROOT), key,
                () -> ketch.store(command, key, expiry(exp), data, 0), outcomes::stored, false, data.data().length);
    }

    /** The expiry to ask of Ketch for spymemcached's {@code exp} in this client's protocol. */
    private int expiry(int exp) {
        return binary ? BinaryExpiry.of(exp) : exp;
    }

    /** append/prepend: spymemcached compares the CAS unique in the binary protocol and ignores it in text. */
    private <T> OperationFuture<Boolean> asyncCat(StoreCommand command, long cas, String key, T value, Transcoder<T> tc) {
        CachedData co = tc.encode(value);
        checkState();
        Keys.validate(key, binary);
        dev.ketch.client.transcode.CachedData data = toKetch(co);
        long compared = binary ? cas : 0;
        return single(command.name().toLowerCase(java.util.Locale.ROOT), key,
                () -> ketch.store(command, key, 0, data, compared), outcomes::concatenated, false, data.data().length);
    }

    @Override
    public <T> OperationFuture<Boolean> touch(String key, int exp) {
        return touch(key, exp, transcoder);
    }

    @Override
    public <T> OperationFuture<Boolean> touch(String key, int exp, Transcoder<T> tc) {
        checkState();
        Keys.validate(key, binary);
        return single("touch", key, () -> ketch.touch(key, expiry(exp)), outcomes::touched, false);
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
            return single("cas", key, () -> ketch.gets(key), r -> outcomes.swapped(
                    new StoreReply(r == null ? MemcacheStatus.KEY_NOT_FOUND : MemcacheStatus.KEY_EXISTS, 0)), null);
        }
        dev.ketch.client.transcode.CachedData data = toKetch(co);
        return single("cas", key, () -> ketch.store(StoreCommand.SET, key, expiry(exp), data, casId), outcomes::swapped, null);
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
        CountDownLatch latch = new CountDownLatch(1);
        GetFuture<T> rv = new GetFuture<>(latch, operationTimeout, key, executorService);
        AtomicReference<Future<T>> value = new AtomicReference<>();
        OperationCallback callback = new OperationCallback() {
            @Override
            public void receivedStatus(OperationStatus status) {
                rv.set(value.get(), status);
            }

            @Override
            public void complete() {
                latch.countDown();
                rv.signalComplete();
            }
        };
        KetchOperation<dev.ketch.client.transcode.CachedData> op = new KetchOperation<>("get", List.of(key), node(key),
                callback, sender(key, () -> ketch.get(key), d -> outcomes.read(d != null, () -> d), null), outcome -> {
                    dev.ketch.client.transcode.CachedData d = outcome.value();
                    value.set(d == null ? null : tcService.decode(tc, new CachedData(d.flags(), d.data(), tc.getMaxSize())));
                }, mconn);
        rv.setOperation(op);
        op.start();
        return rv;
    }
    @Override
    public GetFuture<Object> asyncGet(String key) {
        return asyncGet(key, transcoder);
    }

    @Override
    public <T> OperationFuture<CASValue<T>> asyncGets(String key, Transcoder<T> tc) {
        checkState();
        Keys.validate(key, binary);
        return single("gets", key, () -> ketch.gets(key), casValue(tc), null);
    }

    /** A gets reply as spymemcached's {@link CASValue}, decoded in the thread that reads it. */
    private <T> Function<GetResult<dev.ketch.client.transcode.CachedData>, Outcome<CASValue<T>>> casValue(Transcoder<T> tc) {
        return r -> outcomes.read(r != null, () -> new CASValue<>(r.cas(), decode(tc, r.value())));
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
        return single("gat", key, () -> ketch.getsAndTouch(key, expiry(exp)), casValue(tc), null);
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
        Map<String, Future<T>> m = new ConcurrentHashMap<>();
        Map<String, Transcoder<T>> tcMap = new HashMap<>();
        Map<ServerNode, List<String>> chunks = new LinkedHashMap<>();
        while (keyIter.hasNext() && tcIter.hasNext()) {
            String key = keyIter.next();
            tcMap.put(key, tcIter.next());
            Keys.validate(key, binary);
            chunks.computeIfAbsent(node(key), s -> new ArrayList<>()).add(key);
        }
        AtomicInteger pendingChunks = new AtomicInteger(chunks.size());
        CountDownLatch latch = new CountDownLatch(chunks.isEmpty() ? 0 : 1);
        List<Operation> ops = new ArrayList<>(chunks.size());
        BulkGetFuture<T> rv = new BulkGetFuture<>(m, ops, latch, executorService);
        OperationCallback callback = new OperationCallback() {
            @Override
            public void receivedStatus(OperationStatus status) {
                rv.setStatus(status);
            }

            @Override
            public void complete() {
                if (pendingChunks.decrementAndGet() <= 0) {
                    latch.countDown();
                    rv.signalComplete();
                }
            }
        };
        List<KetchOperation<Map<String, dev.ketch.client.transcode.CachedData>>> started = new ArrayList<>();
        for (Map.Entry<ServerNode, List<String>> chunk : chunks.entrySet()) {
            List<String> keys = chunk.getValue();
            KetchOperation<Map<String, dev.ketch.client.transcode.CachedData>> op = new KetchOperation<>("get", keys,
                    chunk.getKey(), callback,
                    sender(keys.get(0), () -> ketch.getMulti(keys), found -> Outcome.completed(found, outcomes.bulkAnswered()),
                            null), outcome -> outcome.value().forEach((key, d) -> {
                                Transcoder<T> tc = tcMap.get(key);
                                m.put(key, tcService.decode(tc, new CachedData(d.flags(), d.data(), tc.getMaxSize())));
                            }), mconn);
            ops.add(op);
            started.add(op);
        }
        checkState();
        for (KetchOperation<?> op : started) {
            op.start();
        }
        return rv;
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

    /**
     * One operation per server, each sent to that server alone, with a latch counted down as each
     * completes: spymemcached's broadcast of the server-wide commands.
     *
     * @param request the command for one server
     * @param callback for one server (its address): what to do with its status, its value and its completion
     */
    private <R> CountDownLatch broadcast(String name, Function<ServerCommands, CompletableFuture<R>> request,
            Function<R, OperationStatus> statusOf,
            java.util.function.BiFunction<SocketAddress, CountDownLatch, OperationCallback> callback,
            java.util.function.BiConsumer<SocketAddress, R> delivery, Collection<Operation> ops) {
        List<ServerNode> nodes = mconn.nodes();
        CountDownLatch latch = new CountDownLatch(nodes.size());
        List<KetchOperation<R>> started = new ArrayList<>(nodes.size());
        for (ServerNode node : nodes) {
            SocketAddress address = node.getSocketAddress();
            ServerCommands server = ketch.onServer(registry.serverOf(address));
            KetchOperation<R> op = new KetchOperation<>(name, List.of(), node, callback.apply(address, latch),
                    () -> outcome(request.apply(server), r -> Outcome.completed(r, statusOf.apply(r)), null),
                    outcome -> delivery.accept(address, outcome.value()), mconn);
            started.add(op);
            if (ops != null) {
                ops.add(op);
            }
        }
        for (KetchOperation<R> op : started) {
            op.start();
        }
        return latch;
    }

    private static OperationCallback countingDown(CountDownLatch latch, java.util.function.Consumer<OperationStatus> status) {
        return new OperationCallback() {
            @Override
            public void receivedStatus(OperationStatus s) {
                status.accept(s);
            }

            @Override
            public void complete() {
                latch.countDown();
            }
        };
    }

    /** The version of each server that answers within the operation timeout. */
    @Override
    public Map<SocketAddress, String> getVersions() {
        checkBroadcast();
        Map<SocketAddress, String> rv = new ConcurrentHashMap<>();
        CountDownLatch latch = broadcast("version", ServerCommands::version,
                version -> new OperationStatus(true, version, StatusCode.SUCCESS), (address, l) -> countingDown(l, status -> rv.put(address, status.getMessage())), (address, version) -> { },
                null);
        await(latch, "Interrupted waiting for versions");
        return rv;
    }

    @Override
    public Map<SocketAddress, Map<String, String>> getStats() {
        return getStats(null);
    }

    /** The statistics of each server: an empty map for a server that does not answer in time. */
    @Override
    public Map<SocketAddress, Map<String, String>> getStats(String arg) {
        checkBroadcast();
        Map<SocketAddress, Map<String, String>> rv = new HashMap<>();
        for (ServerNode node : mconn.nodes()) {
            rv.put(node.getSocketAddress(), new ConcurrentHashMap<>());
        }
        CountDownLatch latch = broadcast("stats", server -> server.stats(arg), stats -> outcomes.answered("END"),
                (address, l) -> countingDown(l, status -> {
            if (!status.isSuccess()) {
                getLogger().warn("Unsuccessful stat fetch: %s", status);
            }
        }), (address, stats) -> rv.get(address).putAll(stats), null);
        await(latch, "Interrupted waiting for stats");
        return rv;
    }

    private void await(CountDownLatch latch, String interrupted) {
        try {
            latch.await(operationTimeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(interrupted, e);
        }
    }

    // ---------------------------------------------------------------- counters

    /**
     * incr/decr: in the binary protocol an expiry other than -1 creates an absent key with {@code
     * def}; in the text protocol absent keys stay absent.
     */
    private KetchOperation<Long> mutation(boolean incr, String key, long by, long def, int exp, OperationCallback callback) {
        checkState();
        Keys.validate(key, binary);
        Supplier<CompletableFuture<Long>> request;
        if (binary && exp != -1) {
            request = () -> incr ? ketch.incr(key, by, def, expiry(exp)) : ketch.decr(key, by, def, expiry(exp));
        } else {
            request = () -> incr ? ketch.incr(key, by) : ketch.decr(key, by);
        }
        return new KetchOperation<>(incr ? "incr" : "decr", List.of(key), node(key), callback,
                sender(key, request, outcomes::counted, -1L), KetchOperation.none(), mconn);
    }

    /** A counter's new value as spymemcached reads it from the status: its message, or -1 if it failed. */
    private static long counter(OperationStatus status) {
        return status.isSuccess() ? Long.parseLong(status.getMessage()) : -1;
    }

    /** The synchronous counters: the value, -1 if absent, failed or cancelled; a timeout throws. */
    private long mutate(boolean incr, String key, long by, long def, int exp) {
        AtomicLong rv = new AtomicLong();
        CountDownLatch latch = new CountDownLatch(1);
        mutation(incr, key, by, def, exp, new OperationCallback() {
            @Override
            public void receivedStatus(OperationStatus status) {
                rv.set(counter(status));
            }

            @Override
            public void complete() {
                latch.countDown();
            }
        }).start();
        try {
            if (!latch.await(operationTimeout, TimeUnit.MILLISECONDS)) {
                throw new OperationTimeoutException("Mutate operation timed out,unable to modify counter [" + key + ']');
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException("Interrupted", e);
        }
        return rv.get();
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
        CountDownLatch latch = new CountDownLatch(1);
        OperationFuture<Long> rv = new OperationFuture<>(key, latch, operationTimeout, executorService);
        KetchOperation<Long> op = mutation(incr, key, by, def, exp, new OperationCallback() {
            @Override
            public void receivedStatus(OperationStatus status) {
                rv.set(counter(status), status);
            }

            @Override
            public void complete() {
                latch.countDown();
                rv.signalComplete();
            }
        });
        rv.setOperation(op);
        op.start();
        return rv;
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
            return single("delete", key, () -> ketch.delete(key), outcomes::deleted, false);
        }
        return single("delete", key, () -> ketch.delete(key, cas), outcomes::deletedIfUnchanged, false);
    }

    /** {@code flush_all} on every server, after {@code delay} seconds if positive. */
    @Override
    public OperationFuture<Boolean> flush(int delay) {
        checkBroadcast();
        AtomicReference<Boolean> flushResult = new AtomicReference<>();
        Collection<Operation> ops = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicReference<BroadcastFuture> future = new AtomicReference<>();
        CountDownLatch latch = broadcast("flush", server -> server.flushAll(Math.max(0, delay)),
                done -> outcomes.answered("OK"), (address, l) -> new OperationCallback() {
                    @Override
                    public void receivedStatus(OperationStatus status) {
                        flushResult.set(status.isSuccess());
                    }

                    @Override
                    public void complete() {
                        l.countDown();
                        BroadcastFuture f = future.get();
                        if (l.getCount() == 0 && f != null) {
                            f.signalComplete();
                        }
                    }
                }, (address, done) -> { }, ops);
        BroadcastFuture rv = new BroadcastFuture(latch, flushResult, ops);
        future.set(rv);
        if (latch.getCount() == 0) {
            rv.signalComplete();
        }
        return rv;
    }

    /**
     * The future of an operation on every server: done when each is, cancelled if any is. Its
     * listeners run when every server's operation completed (spymemcached's never run then).
     */
    private final class BroadcastFuture extends OperationFuture<Boolean> {

        private final Collection<Operation> ops;

        BroadcastFuture(CountDownLatch latch, AtomicReference<Boolean> result, Collection<Operation> ops) {
            super(null, latch, result, operationTimeout, executorService);
            this.ops = ops;
        }

        @Override
        public boolean cancel(boolean ign) {
            boolean unsent = false;
            for (Operation op : ops) {
                op.cancel();
                unsent |= op.getState() == OperationState.WRITE_QUEUED;
            }
            notifyListeners();
            return unsent;
        }

        @Override
        public Boolean get(long duration, TimeUnit units) throws InterruptedException, TimeoutException, ExecutionException {
            status = new OperationStatus(true, "OK", StatusCode.SUCCESS);
            return super.get(duration, units);
        }

        @Override
        public boolean isCancelled() {
            boolean cancelled = false;
            for (Operation op : ops) {
                cancelled |= op.isCancelled();
            }
            return cancelled;
        }

        @Override
        public boolean isDone() {
            boolean done = true;
            for (Operation op : ops) {
                done &= op.getState() == OperationState.COMPLETE;
            }
            return done || isCancelled();
        }
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
            tcService.shutdown();
            try {
                mconn.shutdown();
            } catch (IOException e) {
                getLogger().warn("shutting down the connections", e);
            }
            if (keepAlive != null) {
                keepAlive.stop();
            }
        }
        return drained;
    }

    /** Waits until every server answered a round trip sent now, behind what was sent before. */
    @Override
    public boolean waitForQueues(long timeout, TimeUnit unit) {
        CountDownLatch latch = broadcast("noop", ServerCommands::noop, done -> outcomes.answered("OK"),
                (address, l) -> countingDown(l, status -> { }), (address, done) -> { }, null);
        try {
            return latch.await(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException("Interrupted waiting for queues", e);
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
