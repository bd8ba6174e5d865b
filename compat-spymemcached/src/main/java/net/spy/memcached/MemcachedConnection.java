package net.spy.memcached;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.compat.SpyThread;
import net.spy.memcached.internal.BasicThreadFactory;
import net.spy.memcached.ops.Operation;

/**
 * The connections of a {@link MemcachedClient} to its servers: here a view of the Ketch client
 * underneath, which connects, reconnects, queues and writes on Netty's threads. It knows the
 * servers ({@link #getLocator()}), their states ({@link #connectionsStatus()}) and the {@link
 * ConnectionObserver}s.
 */
public class MemcachedConnection extends SpyThread {

    private final NodeLocator locator;
    private final ServerRegistry registry;
    private final List<ServerNode> nodes;
    private final FailureMode failureMode;
    private final long lifetimeMillis;
    private final ScheduledThreadPoolExecutor timer;
    private volatile boolean shutDown;

    MemcachedConnection(NodeLocator locator, ServerRegistry registry, List<ServerNode> nodes, FailureMode failureMode,
            long operationTimeoutMillis) {
        super("Memcached IO over Ketch");
        this.locator = locator;
        this.registry = registry;
        this.nodes = nodes;
        this.failureMode = failureMode;
        this.lifetimeMillis = lifetime(operationTimeoutMillis);
        this.timer = new ScheduledThreadPoolExecutor(1, new BasicThreadFactory("Memcached operation expiry", true));
        timer.setRemoveOnCancelPolicy(true);
        for (ServerNode node : nodes) {
            node.setConnection(this);
        }
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
    ServerNode nodeOf(java.net.SocketAddress address) {
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

    /** The locator the client routes with. */
    public NodeLocator getLocator() {
        return locator;
    }

    /** Registers an observer of connection changes; it is told at once about servers already connected. */
    public boolean addObserver(ConnectionObserver obs) {
        return registry.addObserver(obs);
    }

    /** Unregisters an observer. */
    public boolean removeObserver(ConnectionObserver obs) {
        return registry.removeObserver(obs);
    }

    /** True once the client shut down. */
    public boolean isShutDown() {
        return shutDown;
    }

    void shutDown() {
        shutDown = true;
        timer.shutdownNow();
    }

    /** Each server and whether it is connected, one per line. */
    public String connectionsStatus() {
        StringBuilder status = new StringBuilder("Connection Status {");
        for (ServerNode node : nodes) {
            status.append(" ").append(node.getSocketAddress()).append(" active: ").append(node.isActive())
                    .append(", authed: ").append(node.isAuthenticated())
                    .append(", last read: ").append("n/a").append(" ms ago");
        }
        return status.append(" }").toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{MemcachedConnection to");
        for (ServerNode node : nodes) {
            text.append(" ").append(node.getSocketAddress());
        }
        return text.append("}").toString();
    }
}
