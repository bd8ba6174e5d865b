package dev.ketch.client.node;

import dev.ketch.client.ClientListener;
import dev.ketch.client.MemcacheOverloadedException;
import dev.ketch.client.protocol.Operation;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One memcached server: its connections and the operations outstanding on them. Operations are
 * spread over the connections round-robin; a bounded number may be outstanding at once, beyond
 * which new ones fail at once with {@link MemcacheOverloadedException} instead of queueing without
 * bound.
 */
public final class Node implements Operation.Listener {

    private final String server;
    private final Connection[] connections;
    private final AtomicInteger nextConnection = new AtomicInteger();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final int maxOutstanding;
    private final ConnectionConfig config;

    /**
     * @param server the server as configured, e.g. {@code cache1:11211}
     * @param address where to connect (host names are resolved on every connect)
     */
    public Node(String server, InetSocketAddress address, int connectionCount, int maxOutstanding, ConnectionConfig config) {
        this.server = server;
        this.maxOutstanding = maxOutstanding;
        this.config = config;
        this.connections = new Connection[connectionCount];
        for (int i = 0; i < connectionCount; i++) {
            connections[i] = new Connection(server, address, config);
        }
    }

    public String server() {
        return server;
    }

    /** Operations submitted and not finished yet. */
    public int outstanding() {
        return outstanding.get();
    }

    /** Sends {@code op} on one of this server's connections and returns its future. */
    public <T> CompletableFuture<T> execute(Operation<T> op) {
        long now = System.nanoTime();
        if (outstanding.incrementAndGet() > maxOutstanding) {
            outstanding.decrementAndGet();
            op.bind(null, config.completionExecutor(), now, config.operationTimeoutNanos());
            op.fail(new MemcacheOverloadedException(maxOutstanding + " operations already outstanding on " + server));
            return op.future();
        }
        op.bind(this, config.completionExecutor(), now, config.operationTimeoutNanos());
        pick().submit(op);
        return op.future();
    }

    private Connection pick() {
        if (connections.length == 1) {
            return connections[0];
        }
        return connections[Math.floorMod(nextConnection.getAndIncrement(), connections.length)];
    }

    @Override
    public void finished(Operation<?> operation, Throwable failure) {
        outstanding.decrementAndGet();
        ClientListener listener = config.listener();
        if (listener != ClientListener.NONE) {
            listener.operationFinished(server, operation.kind().command(), System.nanoTime() - operation.startNanos(),
                    failure);
        }
    }

    /** True when at least one connection is ready. */
    public boolean isConnected() {
        for (Connection c : connections) {
            if (c.isReady()) {
                return true;
            }
        }
        return false;
    }

    /** Waits until every connection is ready; false if that takes longer than {@code timeout}. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Connection c : connections) {
            while (!c.isReady()) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                TimeUnit.MILLISECONDS.sleep(2);
            }
        }
        return true;
    }

    /** Closes every connection; outstanding operations fail. */
    public void close() {
        for (Connection c : connections) {
            c.close();
        }
    }
}
