package net.spy.memcached;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.ServerAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.compat.SpyThread;
import net.spy.memcached.internal.BasicThreadFactory;
import net.spy.memcached.metrics.MetricCollector;
import net.spy.memcached.metrics.MetricType;
import net.spy.memcached.ops.KeyedOperation;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.protocol.binary.BinaryOperationFactory;
import net.spy.memcached.util.StringUtils;

/**
 * A client's connections to its servers: a Ketch client underneath, which connects, reconnects,
 * queues, writes and reads on Netty's threads, and spymemcached's view of it: the nodes and their
 * {@link NodeLocator}, the {@link ConnectionObserver}s, and the sending of {@link Operation}s made
 * by an {@link OperationFactory} or by the application ({@link #enqueueOperation}, {@link
 * #broadcastOperation}): their requests are carried out through Ketch and their replies handed
 * back to them, as spymemcached's selector loop would. There is no selector loop: {@link #run()},
 * {@link #handleIO()} and the reconnect queue do nothing, and {@link #selector} is null.
 */
public class MemcachedConnection extends SpyThread {

    /** True once {@link #shutdown()} was called. */
    protected volatile boolean shutDown;
    /** spymemcached's selector; null: Ketch's connections run on Netty. */
    protected Selector selector;
    /** Where keys go. */
    protected final NodeLocator locator;
    /** What happens to operations for a server that is down. */
    protected final FailureMode failureMode;
    /** spymemcached's queue of nodes with new operations; unused. */
    protected final ConcurrentLinkedQueue<MemcachedNode> addedQueue = new ConcurrentLinkedQueue<>();
    /** True while the client runs. */
    protected volatile boolean running = true;
    /** spymemcached's nodes to close; unused. */
    protected final ConcurrentLinkedQueue<MemcachedNode> nodesToShutdown = new ConcurrentLinkedQueue<>();
    /** Where metrics go. */
    protected final MetricCollector metrics;
    /** Which metrics are collected. */
    protected final MetricType metricType;

    private final ConnectionFactory connectionFactory;
    private final boolean binary;
    private final ServerRegistry registry;
    private final List<ServerNode> nodes;
    private final long lifetimeMillis;
    private final MemcacheClient<dev.ketch.client.transcode.CachedData> ketch;
    private final Outcomes outcomes;
    private final OperationBridge bridge;
    private final ScheduledThreadPoolExecutor timer;

    /**
     * Connections to {@code a} with {@code f}'s settings: the locator is {@code f.createLocator},
     * the protocol that of {@code opfactory}.
     *
     * @param bufSize ignored (Ketch sizes its own buffers)
     * @param obs observers to register at once
     * @param fm what happens to operations for a server that is down
     * @throws IOException never (declared as spymemcached declares it)
     * @throws UnsupportedOperationException for a locator Ketch cannot route by (see {@link ConnectionFactory})
     */
    public MemcachedConnection(int bufSize, ConnectionFactory f, List<InetSocketAddress> a, Collection<ConnectionObserver> obs,
            FailureMode fm, OperationFactory opfactory) throws IOException {
        super("Memcached IO over Ketch " + a);
        connectionFactory = f;
        failureMode = fm;
        binary = isBinary(opfactory);
        registry = new ServerRegistry(a);
        for (ConnectionObserver observer : obs) {
            registry.addObserver(observer);
        }
        List<MemcachedNode> created = createConnections(a);
        nodes = new ArrayList<>(created.size());
        for (MemcachedNode node : created) {
            nodes.add((ServerNode) node);
            node.setConnection(this);
        }
        locator = f.createLocator(new ArrayList<>(created));
        ServerSelection.Routing routing = ServerSelection.routing(locator, created);
        List<ServerAddress> servers = ServerSelection.servers(a, routing);
        registry.bind(servers);
        lifetimeMillis = lifetime(f.getOperationTimeout());
        metricType = f.enableMetrics();
        metrics = f.getMetricCollector();
        registerMetrics();
        ketch = KetchClients.build(f, servers, registry, binary, routing, fm, lifetimeMillis);
        outcomes = new Outcomes(binary, fm);
        bridge = new OperationBridge(ketch, registry, fm);
        registry.awaitFirstAttempts(f.getOperationTimeout());
        timer = new ScheduledThreadPoolExecutor(1, new BasicThreadFactory("Memcached operation expiry", true));
        timer.setRemoveOnCancelPolicy(true);
    }

    /** True if {@code opfactory}'s operations are the binary protocol's. */
    private static boolean isBinary(OperationFactory opfactory) {
        if (opfactory instanceof BinaryOperationFactory) {
            return true;
        }
        return opfactory.noop(new net.spy.memcached.ops.OperationCallback() {
            @Override
            public void receivedStatus(net.spy.memcached.ops.OperationStatus status) {
            }

            @Override
            public void complete() {
            }
        }) instanceof net.spy.memcached.protocol.binary.OperationImpl;
    }

    /**
     * How long an operation may live before the drop-in completes it as timed out, whether or not
     * anyone waits: twice the operation timeout, and at least the timeout plus one second. A caller
     * that waits longer than the operation timeout (as {@code get(30, SECONDS)} does) still gets a
     * reply that takes longer, up to this; spymemcached would wait for it without end.
     */
    static long lifetime(long operationTimeoutMillis) {
        return Math.max(2 * operationTimeoutMillis, operationTimeoutMillis + 1000);
    }

    /** Registers the metrics spymemcached registers for {@link #metricType}. */
    protected void registerMetrics() {
        ClientMetrics.register(metrics, metricType);
    }

    /** The nodes of {@code addrs}, one per address, in order. */
    protected List<MemcachedNode> createConnections(Collection<InetSocketAddress> addrs) throws IOException {
        List<MemcachedNode> created = new ArrayList<>(addrs.size());
        for (InetSocketAddress address : addrs) {
            created.add(new ServerNode(address, registry));
        }
        return created;
    }

    boolean binary() {
        return binary;
    }

    MemcacheClient<dev.ketch.client.transcode.CachedData> ketch() {
        return ketch;
    }

    ServerRegistry registry() {
        return registry;
    }

    Outcomes outcomes() {
        return outcomes;
    }

    ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    long lifetimeMillis() {
        return lifetimeMillis;
    }

    FailureMode failureMode() {
        return failureMode;
    }

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    void whenServersChange(Runnable action) {
        registry.whenServersChange(action);
    }

    /** The node of {@code address}, as the application gave it. */
    ServerNode nodeOf(SocketAddress address) {
        for (ServerNode node : nodes) {
            if (node.getSocketAddress().equals(address)) {
                return node;
            }
        }
        return null;
    }

    List<ServerNode> nodes() {
        return nodes;
    }

    /** Does nothing: Ketch's connections do their I/O on Netty's threads. */
    public void handleIO() throws IOException {
    }

    /** Called by spymemcached's selector loop when it wakes up idle; the drop-in has none. */
    protected void handleWokenUpSelector() {
    }

    /** Registers an observer of connection changes; it is told at once about servers already connected. */
    public boolean addObserver(ConnectionObserver obs) {
        return registry.addObserver(obs);
    }

    /** Unregisters an observer. */
    public boolean removeObserver(ConnectionObserver obs) {
        return registry.removeObserver(obs);
    }

    /** Couchbase's cluster map in a reply; ignored. */
    protected void handleRetryInformation(byte[] retryMessage) {
    }

    /** Does nothing: Ketch reconnects by itself. */
    protected void queueReconnect(MemcachedNode node) {
    }

    /** Sends each operation again (cancelled ones are dropped), by its first key. */
    public void redistributeOperations(Collection<Operation> ops) {
        for (Operation op : ops) {
            redistributeOperation(op);
        }
    }

    /** Sends the operation again, by its first key; one without keys goes to its node again. */
    public void redistributeOperation(Operation op) {
        if (op.isCancelled() || op.isTimedOut()) {
            return;
        }
        if (op instanceof KeyedOperation && !((KeyedOperation) op).getKeys().isEmpty()) {
            addOperation(((KeyedOperation) op).getKeys().iterator().next(), op);
        } else if (op.getHandlingNode() != null) {
            addOperation(op.getHandlingNode(), op);
        } else {
            op.cancel();
        }
    }

    /** The locator keys are placed with. */
    public NodeLocator getLocator() {
        return locator;
    }

    /**
     * Sends {@code o} for {@code key}.
     *
     * @throws IllegalArgumentException for an invalid key
     * @throws IllegalStateException once shut down
     */
    public void enqueueOperation(String key, Operation o) {
        StringUtils.validateKey(key, binary);
        checkState();
        addOperation(key, o);
    }

    /** Sends {@code o} to {@code key}'s server. */
    protected void addOperation(String key, Operation o) {
        MemcachedNode primary = locator.getPrimary(key);
        addOperation(primary, o);
    }

    /** Sends {@code o} to {@code node} ahead of what is queued (Ketch pipelines: the same as adding it). */
    public void insertOperation(MemcachedNode node, Operation o) {
        addOperation(node, o);
    }

    /** Sends {@code o} to {@code node}'s server. */
    protected void addOperation(MemcachedNode node, Operation o) {
        if (!belongsToCluster(node)) {
            throw new IllegalArgumentException("not a server of this client: " + node);
        }
        o.setHandlingNode(node);
        metrics.markMeter(ClientMetrics.OVERALL_REQUEST_METRIC);
        if (!o.isCancelled() && o.isTimedOut(connectionFactory.getOperationTimeout())) {
            return; // as spymemcached does not write an operation older than the operation timeout
        }
        bridge.send(o, node);
    }

    /** Sends each operation to its node. */
    public void addOperations(Map<MemcachedNode, Operation> ops) {
        for (Map.Entry<MemcachedNode, Operation> e : ops.entrySet()) {
            addOperation(e.getKey(), e.getValue());
        }
    }

    /** Sends an operation of {@code of} to every server; the latch counts their completions. */
    public CountDownLatch broadcastOperation(BroadcastOpFactory of) {
        return broadcastOperation(of, locator.getAll());
    }

    /** Sends an operation of {@code of} to each of {@code nodes}; the latch counts their completions. */
    public CountDownLatch broadcastOperation(BroadcastOpFactory of, Collection<MemcachedNode> nodes) {
        CountDownLatch latch = new CountDownLatch(nodes.size());
        for (MemcachedNode node : nodes) {
            Operation op = of.newOp(node, latch);
            addOperation(node, op);
        }
        return latch;
    }

    /** Closes the connections; operations not answered yet fail. */
    public void shutdown() throws IOException {
        shutDown = true;
        running = false;
        timer.shutdownNow();
        ketch.close();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{MemcachedConnection to");
        for (MemcachedNode node : locator.getAll()) {
            text.append(" ").append(node.getSocketAddress());
        }
        return text.append("}").toString();
    }

    /** Each server: whether it is connected and authenticated, and when it last answered. */
    public String connectionsStatus() {
        StringBuilder status = new StringBuilder("Connection Status {");
        for (MemcachedNode node : locator.getAll()) {
            status.append(" ").append(node.getSocketAddress()).append(" active: ").append(node.isActive())
                    .append(", authed: ").append(node.isAuthenticated())
                    .append(", last read: ").append(node.lastReadDelta()).append(" ms ago");
        }
        return status.append(" }").toString();
    }

    /** Counts a timeout of {@code op} against its server's run of consecutive timeouts. */
    public static void opTimedOut(Operation op) {
        continuousTimeout(op, true);
    }

    /** Ends its server's run of consecutive timeouts: {@code op} completed in time. */
    public static void opSucceeded(Operation op) {
        continuousTimeout(op, false);
    }

    private static void continuousTimeout(Operation op, boolean timedOut) {
        if (op == null || op.isTimedOutUnsent()) {
            return;
        }
        MemcachedNode node = op.getHandlingNode();
        if (node != null) {
            try {
                node.setContinuousTimeout(timedOut);
            } catch (RuntimeException e) {
                net.spy.memcached.compat.log.LoggerFactory.getLogger(MemcachedConnection.class).error(e.getMessage());
            }
        }
    }

    /**
     * Refuses work once shut down.
     *
     * @throws IllegalStateException if shut down
     */
    protected void checkState() {
        if (shutDown) {
            throw new IllegalStateException("Shutting down");
        }
    }

    /** Returns at once: there is no selector loop to run. */
    @Override
    public void run() {
    }

    /** True once {@link #shutdown()} was called. */
    public boolean isShutDown() {
        return shutDown;
    }

    /** Sends {@code op} again. */
    public void retryOperation(Operation op) {
        redistributeOperation(op);
    }

    /** True if {@code node} is one of this connection's servers. */
    boolean belongsToCluster(MemcachedNode node) {
        for (MemcachedNode n : locator.getAll()) {
            if (n.getSocketAddress().equals(node.getSocketAddress())) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code size} bytes of {@code b}, printable ASCII as is, the rest as {@code \xNN}. */
    static String dbgBuffer(ByteBuffer b, int size) {
        StringBuilder text = new StringBuilder();
        byte[] bytes = b.array();
        for (int i = 0; i < size; i++) {
            char c = (char) bytes[i];
            if (Character.isWhitespace(c) || Character.isLetterOrDigit(c)) {
                text.append(c);
            } else {
                text.append("\\x").append(Integer.toHexString(bytes[i] & 0xff));
            }
        }
        return text.toString();
    }
}
