package dev.ketch.client;

import dev.ketch.client.node.Node;
import dev.ketch.client.protocol.ArithmeticOperation;
import dev.ketch.client.protocol.DeleteOperation;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.InvalidateOperation;
import dev.ketch.client.protocol.MetaGetOperation;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.protocol.ReplyMapper;
import dev.ketch.client.protocol.Results;
import dev.ketch.client.protocol.ServerOperation;
import dev.ketch.client.protocol.StoreOperation;
import dev.ketch.client.protocol.TouchOperation;
import dev.ketch.client.protocol.text.TextCodec;
import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.Transcoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The client: validates and encodes keys and values, routes each operation to its server's
 * {@link Node}, splits multi-key operations per server and composes what a protocol lacks.
 */
final class DefaultMemcacheClient<V> implements MemcacheClient<V> {

    /** memcached's per-item overhead beyond key and value: item header, CAS, key terminator, CRLF. */
    private static final int ITEM_OVERHEAD = 48 + 8 + 1 + 2;
    private static final int FLAGS_SIZE = 4;
    /** How often the text protocol's incr, add, incr sequence retries when racing with deletes. */
    private static final int CREATE_ATTEMPTS = 3;

    private final ClientCore core;
    private final Transcoder<V> transcoder;
    private final Quiet quiet = new Quiet();
    private final BlockingMemcacheClient<V> blocking;

    DefaultMemcacheClient(ClientCore core, Transcoder<V> transcoder) {
        this.core = core;
        this.transcoder = Objects.requireNonNull(transcoder, "transcoder");
        this.blocking = new BlockingMemcacheClient<>(this);
    }

    // ---------------------------------------------------------------- keys, values, routing

    private byte[] key(String key) {
        Objects.requireNonNull(key, "key");
        return key(key.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] key(byte[] key) {
        Objects.requireNonNull(key, "key");
        core.codec.validateKey(key);
        return key;
    }

    Transcoder<V> transcoder() {
        return transcoder;
    }

    CachedData encode(byte[] key, V value) {
        Objects.requireNonNull(value, "value");
        CachedData data = transcoder.encode(value);
        long itemSize = (long) ITEM_OVERHEAD + key.length + (data.flags() != 0 ? FLAGS_SIZE : 0) + data.data().length;
        if (itemSize > core.maxItemSize) {
            throw new IllegalArgumentException("value of " + data.data().length + " bytes too large: with its key and "
                    + "memcached's item overhead it needs " + itemSize + " bytes, the item size limit is "
                    + core.maxItemSize);
        }
        return data;
    }

    <T> CompletableFuture<T> execute(byte[] key, Operation<T> op) {
        if (core.isClosed()) {
            return CompletableFuture.failedFuture(new MemcacheClosedException("client closed"));
        }
        Node node = core.locator.locate(key);
        if (node == null) {
            return CompletableFuture.failedFuture(noServer());
        }
        return node.execute(op);
    }

    private MemcacheUnavailableException noServer() {
        return core.locator.noServer();
    }

    /** Runs a fresh operation on every server and collects the results by server. */
    private <T> CompletableFuture<Map<String, T>> everyServer(java.util.function.Supplier<Operation<T>> ops) {
        if (core.isClosed()) {
            return CompletableFuture.failedFuture(new MemcacheClosedException("client closed"));
        }
        List<Node> nodes = core.nodes();
        List<CompletableFuture<T>> futures = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            futures.add(node.execute(ops.get()));
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> {
            Map<String, T> byServer = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                byServer.put(nodes.get(i).server(), futures.get(i).join());
            }
            return byServer;
        });
    }

    private static void requireCas(long cas) {
        if (cas == 0) {
            throw new IllegalArgumentException("CAS unique 0 matches nothing: take it from gets()");
        }
    }

    /**
     * A ttl as sent: a negative one means "expired at once" in every protocol, as memcached's text
     * protocol reads it. memcached's binary protocol takes the expiry as unsigned (-1 would be an
     * absolute time in 2106), so every protocol is sent the time memcached itself turns a negative
     * text exptime into: 30 days and one second, an absolute time long past.
     */
    static int expiry(int ttl) {
        return ttl < 0 ? EXPIRED : ttl;
    }

    /** memcached's {@code REALTIME_MAXDELTA + 1}: read as a unix time, one in January 1970. */
    static final int EXPIRED = 60 * 60 * 24 * 30 + 1;

    /** memcached's counters are unsigned: a negative delta would wrap (incr 5 by -1 gives 4). */
    private static void requireDelta(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("negative delta " + delta
                    + ": memcached's counters are unsigned 64-bit; use decr to subtract, incr to add");
        }
    }

    private static void requireDelay(int delaySeconds) {
        if (delaySeconds < 0) {
            throw new IllegalArgumentException("negative flush delay: " + delaySeconds);
        }
    }

    // ---------------------------------------------------------------- retrieval

    @Override
    public CompletableFuture<V> get(String key) {
        return get(key(key));
    }

    @Override
    public CompletableFuture<V> get(byte[] key) {
        byte[] k = key(key);
        return execute(k, GetOperation.value(k, transcoder, false, 0));
    }

    @Override
    public CompletableFuture<GetResult<V>> gets(String key) {
        return gets(key(key));
    }

    @Override
    public CompletableFuture<GetResult<V>> gets(byte[] key) {
        byte[] k = key(key);
        return execute(k, GetOperation.result(k, transcoder, false, 0));
    }

    @Override
    public CompletableFuture<V> getAndTouch(String key, int ttl) {
        return getAndTouch(key(key), ttl);
    }

    @Override
    public CompletableFuture<V> getAndTouch(byte[] key, int ttl) {
        byte[] k = key(key);
        return execute(k, GetOperation.value(k, transcoder, true, expiry(ttl)));
    }

    @Override
    public CompletableFuture<GetResult<V>> getsAndTouch(String key, int ttl) {
        byte[] k = key(key);
        return execute(k, GetOperation.result(k, transcoder, true, expiry(ttl)));
    }

    @Override
    public CompletableFuture<Map<String, V>> getMulti(Collection<String> keys) {
        return multiGet(keys, false);
    }

    @Override
    public CompletableFuture<Map<String, GetResult<V>>> getsMulti(Collection<String> keys) {
        return multiGet(keys, true);
    }

    /**
     * Keys are encoded and located once; the usual case, every key on one server, makes one
     * operation whose map is the result. A key given twice is asked for twice (harmless: both
     * replies carry the same value) rather than paying for a set to drop it.
     */
    private <R> CompletableFuture<Map<String, R>> multiGet(Collection<String> keys, boolean withMetadata) {
        Objects.requireNonNull(keys, "keys");
        int n = keys.size();
        if (n == 0) {
            return CompletableFuture.completedFuture(new HashMap<>());
        }
        String[] names = keys.toArray(new String[0]);
        byte[][] encoded = new byte[n][];
        for (int i = 0; i < n; i++) {
            encoded[i] = key(names[i]);
        }
        if (core.isClosed()) {
            return CompletableFuture.failedFuture(new MemcacheClosedException("client closed"));
        }
        Node[] nodes = new Node[n];
        Node first = null;
        boolean oneNode = true;
        for (int i = 0; i < n; i++) {
            Node node = core.locator.locate(encoded[i]);
            nodes[i] = node;
            if (i == 0) {
                first = node;
            } else if (node != first) {
                oneNode = false;
            }
        }
        if (oneNode) {
            if (first == null) {
                return CompletableFuture.failedFuture(noServer());
            }
            return first.execute(new MultiGetOperation<V, R>(Arrays.asList(names), Arrays.asList(encoded), transcoder,
                    withMetadata));
        }
        Map<Node, List<Integer>> positionsByNode = new IdentityHashMap<>();
        boolean someWithoutServer = false;
        for (int i = 0; i < n; i++) {
            if (nodes[i] == null) {
                someWithoutServer = true;
            } else {
                positionsByNode.computeIfAbsent(nodes[i], k -> new ArrayList<>()).add(i);
            }
        }
        List<CompletableFuture<Map<String, R>>> parts = new ArrayList<>(positionsByNode.size() + 1);
        for (Map.Entry<Node, List<Integer>> e : positionsByNode.entrySet()) {
            List<Integer> positions = e.getValue();
            List<String> partNames = new ArrayList<>(positions.size());
            List<byte[]> partKeys = new ArrayList<>(positions.size());
            for (int position : positions) {
                partNames.add(names[position]);
                partKeys.add(encoded[position]);
            }
            parts.add(e.getKey().execute(new MultiGetOperation<V, R>(partNames, partKeys, transcoder, withMetadata)));
        }
        if (someWithoutServer) {
            parts.add(CompletableFuture.failedFuture(noServer()));
        }
        return MultiGetOperation.combine(parts);
    }

    // ---------------------------------------------------------------- meta protocol

    private UnsupportedOperationException metaOnly(String what) {
        return new UnsupportedOperationException(what + " needs the meta protocol (Protocol.META, memcached 1.6 or later)");
    }

    @Override
    public CompletableFuture<MetaGetResult<V>> getWithMetadata(String key) {
        return metaGet(key(key), true);
    }

    @Override
    public CompletableFuture<MetaGetResult<V>> getWithMetadata(byte[] key) {
        return metaGet(key(key), true);
    }

    @Override
    public CompletableFuture<MetaGetResult<V>> metadata(String key) {
        return metaGet(key(key), false);
    }

    private CompletableFuture<MetaGetResult<V>> metaGet(byte[] k, boolean withValue) {
        if (!core.isMeta()) {
            return CompletableFuture.failedFuture(metaOnly(withValue ? "getWithMetadata" : "metadata"));
        }
        return execute(k, new MetaGetOperation<>(k, transcoder, withValue, !withValue, MetaGetOperation.NONE,
                MetaGetOperation.NONE));
    }

    @Override
    public CompletableFuture<V> getOrLoad(String key, int ttl,
            Function<? super String, ? extends CompletionStage<? extends V>> loader) {
        return getOrLoad(key, ttl, LoadSettings.DEFAULTS, loader);
    }

    @Override
    public CompletableFuture<V> getOrLoad(String key, int ttl, LoadSettings settings,
            Function<? super String, ? extends CompletionStage<? extends V>> loader) {
        byte[] k = key(key);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(loader, "loader");
        if (!core.isMeta() && k.length > LoadThrough.MAX_LOCKED_KEY_LENGTH) {
            throw new IllegalArgumentException("getOrLoad with the text and binary protocols locks the key under a name "
                    + (250 - LoadThrough.MAX_LOCKED_KEY_LENGTH) + " bytes longer: keys of at most "
                    + LoadThrough.MAX_LOCKED_KEY_LENGTH + " bytes, not " + k.length);
        }
        if (core.isClosed()) {
            return CompletableFuture.failedFuture(new MemcacheClosedException("client closed"));
        }
        return new LoadThrough<>(this, core, key, k, expiry(ttl), settings, loader).start();
    }

    @Override
    public CompletableFuture<Boolean> invalidate(String key) {
        return invalidate(key, LoadSettings.DEFAULTS.staleTime());
    }

    @Override
    public CompletableFuture<Boolean> invalidate(String key, Duration staleTime) {
        byte[] k = key(key);
        int seconds = LoadSettings.ceilSeconds(LoadSettings.DEFAULTS.withStaleTime(staleTime).staleTime());
        if (core.isMeta()) {
            return execute(k, new InvalidateOperation(k, seconds, 0));
        }
        return execute(k, new DeleteOperation<>(k, 0, Results.FOUND));
    }

    // ---------------------------------------------------------------- storage

    private <T> CompletableFuture<T> store(OpKind kind, byte[] key, int ttl, V value, long cas, ReplyMapper<T> mapper,
            boolean noreply) {
        byte[] k = key(key);
        CachedData data = encode(k, value);
        StoreOperation<T> op = new StoreOperation<>(kind, k, data, expiry(ttl), cas, mapper);
        op.noreply(noreply && core.codec.supportsNoreply(kind));
        return execute(k, op);
    }

    private byte[] bytes(String key) {
        return Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletableFuture<Boolean> set(String key, int ttl, V value) {
        return set(bytes(key), ttl, value);
    }

    @Override
    public CompletableFuture<Boolean> set(byte[] key, int ttl, V value) {
        return store(OpKind.SET, key, ttl, value, 0, Results.SET, false);
    }

    @Override
    public CompletableFuture<Boolean> add(String key, int ttl, V value) {
        return add(bytes(key), ttl, value);
    }

    @Override
    public CompletableFuture<Boolean> add(byte[] key, int ttl, V value) {
        return store(OpKind.ADD, key, ttl, value, 0, Results.CONDITIONAL_STORE, false);
    }

    @Override
    public CompletableFuture<Boolean> replace(String key, int ttl, V value) {
        return replace(bytes(key), ttl, value);
    }

    @Override
    public CompletableFuture<Boolean> replace(byte[] key, int ttl, V value) {
        return store(OpKind.REPLACE, key, ttl, value, 0, Results.CONDITIONAL_STORE, false);
    }

    @Override
    public CompletableFuture<Boolean> append(String key, V value) {
        return append(bytes(key), value);
    }

    @Override
    public CompletableFuture<Boolean> append(byte[] key, V value) {
        return store(OpKind.APPEND, key, 0, value, 0, Results.CONDITIONAL_STORE, false);
    }

    @Override
    public CompletableFuture<Boolean> prepend(String key, V value) {
        return prepend(bytes(key), value);
    }

    @Override
    public CompletableFuture<Boolean> prepend(byte[] key, V value) {
        return store(OpKind.PREPEND, key, 0, value, 0, Results.CONDITIONAL_STORE, false);
    }

    @Override
    public CompletableFuture<CasResult> cas(String key, int ttl, V value, long cas) {
        return cas(bytes(key), ttl, value, cas);
    }

    @Override
    public CompletableFuture<CasResult> cas(byte[] key, int ttl, V value, long cas) {
        requireCas(cas);
        return store(OpKind.CAS, key, ttl, value, cas, Results.CAS, false);
    }

    /** Every storage command's status and CAS unique; statuses other than a refusal are errors. */
    private static final ReplyMapper<StoreReply> STORE_REPLY = r -> switch (r.status()) {
        case OK -> new StoreReply(MemcacheStatus.OK, r.cas());
        case ITEM_NOT_STORED, KEY_EXISTS, KEY_NOT_FOUND -> new StoreReply(r.status(), 0);
        default -> throw Results.error(r);
    };

    @Override
    public CompletableFuture<StoreReply> store(StoreCommand command, String key, int ttl, V value, long cas) {
        Objects.requireNonNull(command, "command");
        OpKind kind = switch (command) {
            case SET -> cas != 0 ? OpKind.CAS : OpKind.SET;
            case ADD -> OpKind.ADD;
            case REPLACE -> OpKind.REPLACE;
            case APPEND -> OpKind.APPEND;
            case PREPEND -> OpKind.PREPEND;
        };
        if (cas != 0 && kind != OpKind.CAS && core.codec == TextCodec.INSTANCE) {
            throw new IllegalArgumentException("the text protocol compares a CAS unique only on set (its cas command), not on "
                    + command.name().toLowerCase(java.util.Locale.ROOT));
        }
        boolean concatenation = kind == OpKind.APPEND || kind == OpKind.PREPEND;
        byte[] k = key(bytes(key));
        StoreOperation<StoreReply> op = new StoreOperation<>(kind, k, encode(k, value), concatenation ? 0 : expiry(ttl), cas,
                STORE_REPLY).returnsCas(true);
        return execute(k, op);
    }

    // ---------------------------------------------------------------- delete, counters, expiry

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return delete(key(key));
    }

    @Override
    public CompletableFuture<Boolean> delete(byte[] key) {
        byte[] k = key(key);
        return execute(k, new DeleteOperation<>(k, 0, Results.FOUND));
    }

    @Override
    public CompletableFuture<CasResult> delete(String key, long cas) {
        requireCas(cas);
        byte[] k = key(key);
        return execute(k, new DeleteOperation<>(k, cas, Results.CAS));
    }

    @Override
    public CompletableFuture<Long> incr(String key, long delta) {
        return incr(key(key), delta);
    }

    @Override
    public CompletableFuture<Long> incr(byte[] key, long delta) {
        requireDelta(delta);
        byte[] k = key(key);
        return execute(k, new ArithmeticOperation(OpKind.INCR, k, delta, 0, ArithmeticOperation.NO_CREATE));
    }

    @Override
    public CompletableFuture<Long> incr(String key, long delta, long initial, int ttl) {
        return arithmeticOrCreate(OpKind.INCR, key(key), delta, initial, ttl);
    }

    @Override
    public CompletableFuture<Long> decr(String key, long delta) {
        return decr(key(key), delta);
    }

    @Override
    public CompletableFuture<Long> decr(byte[] key, long delta) {
        requireDelta(delta);
        byte[] k = key(key);
        return execute(k, new ArithmeticOperation(OpKind.DECR, k, delta, 0, ArithmeticOperation.NO_CREATE));
    }

    @Override
    public CompletableFuture<Long> decr(String key, long delta, long initial, int ttl) {
        return arithmeticOrCreate(OpKind.DECR, key(key), delta, initial, ttl);
    }

    private CompletableFuture<Long> arithmeticOrCreate(OpKind kind, byte[] key, long delta, long initial, int ttl) {
        requireDelta(delta);
        int exptime = expiry(ttl);
        if (core.codec.createsOnArithmetic()) {
            return execute(key, new ArithmeticOperation(kind, key, delta, initial, exptime));
        }
        return createOrApply(kind, key, delta, initial, exptime, CREATE_ATTEMPTS);
    }

    /**
     * The text protocol's incr/decr cannot create a key: incr; if absent, add the initial value;
     * if another client added it first (add refused), incr again. A delete racing with all of this
     * sends it round again, a bounded number of times.
     */
    private CompletableFuture<Long> createOrApply(OpKind kind, byte[] key, long delta, long initial, int ttl,
            int attempts) {
        CachedData initialValue = new CachedData(0, Long.toUnsignedString(initial).getBytes(StandardCharsets.US_ASCII));
        return execute(key, new ArithmeticOperation(kind, key, delta, 0, ArithmeticOperation.NO_CREATE))
                .thenCompose(value -> {
                    if (value != null) {
                        return CompletableFuture.completedFuture(value);
                    }
                    return execute(key, new StoreOperation<>(OpKind.ADD, key, initialValue, ttl, 0, Results.CONDITIONAL_STORE))
                            .thenCompose(added -> {
                                if (added) {
                                    return CompletableFuture.completedFuture(initial);
                                }
                                if (attempts <= 1) {
                                    return CompletableFuture.failedFuture(new MemcacheException(
                                            "incr/decr with initial value: the key kept disappearing and reappearing"));
                                }
                                return createOrApply(kind, key, delta, initial, ttl, attempts - 1);
                            });
                });
    }

    @Override
    public CompletableFuture<Boolean> touch(String key, int ttl) {
        return touch(key(key), ttl);
    }

    @Override
    public CompletableFuture<Boolean> touch(byte[] key, int ttl) {
        byte[] k = key(key);
        return execute(k, new TouchOperation(k, expiry(ttl)));
    }

    // ---------------------------------------------------------------- servers

    @Override
    public CompletableFuture<Void> flushAll(int delaySeconds) {
        requireDelay(delaySeconds);
        return everyServer(() -> ServerOperation.flushAll(delaySeconds)).thenApply(ignored -> null);
    }

    @Override
    public CompletableFuture<Void> noop() {
        return everyServer(ServerOperation::noop).thenApply(ignored -> null);
    }

    @Override
    public CompletableFuture<Map<String, String>> version() {
        return everyServer(ServerOperation::version);
    }

    @Override
    public CompletableFuture<Map<String, Map<String, String>>> stats(String group) {
        requireStatsGroup(group);
        return everyServer(() -> ServerOperation.stats(group));
    }

    private void requireStatsGroup(String group) {
        if (group != null && !group.isEmpty()) {
            core.codec.validateKey(group.getBytes(StandardCharsets.UTF_8));
            if (group.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("stats group may not contain whitespace: '" + group + "'");
            }
        }
    }

    @Override
    public CompletableFuture<Void> verbosity(int level) {
        if (!core.codec.supports(OpKind.VERBOSITY)) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "memcached's binary protocol has no verbosity command; use the text protocol"));
        }
        return everyServer(() -> ServerOperation.verbosity(level)).thenApply(ignored -> null);
    }

    @Override
    public List<ServerAddress> servers() {
        return core.servers();
    }

    @Override
    public ServerCommands onServer(ServerAddress server) {
        Objects.requireNonNull(server, "server");
        String name = server.toString();
        for (Node node : core.nodes()) {
            if (node.server().equals(name)) {
                return new OneServer(server, node);
            }
        }
        throw new IllegalArgumentException("not a server of this client: " + server + "; its servers are " + core.servers());
    }

    /** The server-wide commands sent to one node. */
    private final class OneServer implements ServerCommands {

        private final ServerAddress server;
        private final Node node;

        OneServer(ServerAddress server, Node node) {
            this.server = server;
            this.node = node;
        }

        private <T> CompletableFuture<T> execute(Operation<T> op) {
            if (core.isClosed()) {
                return CompletableFuture.failedFuture(new MemcacheClosedException("client closed"));
            }
            return node.execute(op);
        }

        @Override
        public ServerAddress server() {
            return server;
        }

        @Override
        public CompletableFuture<Void> flushAll(int delaySeconds) {
            requireDelay(delaySeconds);
            return execute(ServerOperation.flushAll(delaySeconds)).thenApply(ignored -> null);
        }

        @Override
        public CompletableFuture<Void> noop() {
            return execute(ServerOperation.noop()).thenApply(ignored -> null);
        }

        @Override
        public CompletableFuture<String> version() {
            return execute(ServerOperation.version());
        }

        @Override
        public CompletableFuture<Map<String, String>> stats(String group) {
            requireStatsGroup(group);
            return execute(ServerOperation.stats(group));
        }

        @Override
        public CompletableFuture<Void> verbosity(int level) {
            if (!core.codec.supports(OpKind.VERBOSITY)) {
                return CompletableFuture.failedFuture(new UnsupportedOperationException(
                        "memcached's binary protocol has no verbosity command; use the text protocol"));
            }
            return execute(ServerOperation.verbosity(level)).thenApply(ignored -> null);
        }

        @Override
        public String toString() {
            return "ServerCommands[" + server + "]";
        }
    }

    @Override
    public ServerAddress serverFor(String key) {
        return serverFor(bytes(key));
    }

    @Override
    public ServerAddress serverFor(byte[] key) {
        return core.locator.serverFor(Objects.requireNonNull(key, "key"));
    }

    @Override
    public void updateServers(String... servers) {
        List<ServerAddress> parsed = new ArrayList<>(servers.length);
        for (String server : servers) {
            parsed.add(ServerAddress.parse(server));
        }
        updateServers(parsed);
    }

    @Override
    public void updateServers(List<ServerAddress> servers) {
        for (ServerAddress server : Objects.requireNonNull(servers, "servers")) {
            Objects.requireNonNull(server, "server");
        }
        core.updateServers(List.copyOf(servers));
    }

    // ---------------------------------------------------------------- views and lifecycle

    @Override
    public QuietMemcacheClient<V> quiet() {
        return quiet;
    }

    @Override
    public BlockingMemcacheClient<V> blocking() {
        return blocking;
    }

    @Override
    public <T> MemcacheClient<T> withTranscoder(Transcoder<T> other) {
        return new DefaultMemcacheClient<>(core, other);
    }

    @Override
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return core.awaitConnected(Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public ClientHealth health() {
        return core.health();
    }

    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "MemcacheClient" + core.nodes().stream().map(Node::server).toList();
    }

    /** The quiet view: requests marked noreply where the protocol has a form for it. */
    private final class Quiet implements QuietMemcacheClient<V> {

        private <T> CompletableFuture<Void> quietly(byte[] key, Operation<T> op) {
            op.noreply(core.codec.supportsNoreply(op.kind()));
            return execute(key, op).thenApply(ignored -> null);
        }

        private CompletableFuture<Void> store(OpKind kind, String key, int ttl, V value) {
            return DefaultMemcacheClient.this.store(kind, bytes(key), ttl, value, 0, Results.DONE, true);
        }

        @Override
        public CompletableFuture<Void> set(String key, int ttl, V value) {
            return store(OpKind.SET, key, ttl, value);
        }

        @Override
        public CompletableFuture<Void> add(String key, int ttl, V value) {
            return store(OpKind.ADD, key, ttl, value);
        }

        @Override
        public CompletableFuture<Void> replace(String key, int ttl, V value) {
            return store(OpKind.REPLACE, key, ttl, value);
        }

        @Override
        public CompletableFuture<Void> append(String key, V value) {
            return store(OpKind.APPEND, key, 0, value);
        }

        @Override
        public CompletableFuture<Void> prepend(String key, V value) {
            return store(OpKind.PREPEND, key, 0, value);
        }

        @Override
        public CompletableFuture<Void> cas(String key, int ttl, V value, long cas) {
            requireCas(cas);
            return DefaultMemcacheClient.this.store(OpKind.CAS, bytes(key), ttl, value, cas, Results.DONE, true);
        }

        @Override
        public CompletableFuture<Void> delete(String key) {
            byte[] k = key(key);
            return quietly(k, new DeleteOperation<>(k, 0, Results.FOUND));
        }

        @Override
        public CompletableFuture<Void> incr(String key, long delta) {
            requireDelta(delta);
            byte[] k = key(key);
            return quietly(k, new ArithmeticOperation(OpKind.INCR, k, delta, 0, ArithmeticOperation.NO_CREATE));
        }

        @Override
        public CompletableFuture<Void> decr(String key, long delta) {
            requireDelta(delta);
            byte[] k = key(key);
            return quietly(k, new ArithmeticOperation(OpKind.DECR, k, delta, 0, ArithmeticOperation.NO_CREATE));
        }

        @Override
        public CompletableFuture<Void> touch(String key, int ttl) {
            byte[] k = key(key);
            return quietly(k, new TouchOperation(k, expiry(ttl)));
        }

        @Override
        public CompletableFuture<Void> flushAll(int delaySeconds) {
            requireDelay(delaySeconds);
            return everyServer(() -> {
                ServerOperation<Void> op = ServerOperation.flushAll(delaySeconds);
                op.noreply(core.codec.supportsNoreply(OpKind.FLUSH_ALL));
                return op;
            }).thenApply(ignored -> null);
        }
    }
}
