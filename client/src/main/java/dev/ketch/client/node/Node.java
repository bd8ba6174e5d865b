package dev.ketch.client.node;

import dev.ketch.client.ClientListener;
import dev.ketch.client.MemcacheAuthenticationException;
import dev.ketch.client.MemcacheClosedException;
import dev.ketch.client.MemcacheConnectionException;
import dev.ketch.client.MemcacheOverloadedException;
import dev.ketch.client.MemcacheServerException;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.MemcacheUnavailableException;
import dev.ketch.client.OperationTrace;
import dev.ketch.client.protocol.Operation;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One memcached server: its connections, the operations outstanding on them, and whether the
 * server is alive. Operations are spread over the ready connections round-robin; a bounded number
 * may be outstanding at once, beyond which new ones fail at once with {@link
 * MemcacheOverloadedException} instead of queueing without bound.
 *
 * <p>The node judges its server by what happens on its connections (see {@link NodeHealth} and
 * {@link Failures}) and, when it has failed enough, asks its cluster ({@link NodeEvents}) to
 * declare it dead. A dead node closes its connections, hands every operation it gets to the
 * cluster (to be re-routed or failed), and is probed by its {@link Reconnector} until it answers.
 */
public final class Node implements Operation.Listener, Connection.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final String server;
    private final Connection[] connections;
    private final AtomicInteger nextConnection = new AtomicInteger();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final int maxOutstanding;
    private final ConnectionConfig config;
    private final NodeHealth health;
    private final Reconnector reconnector;
    private final NodeEvents events;
    private final EventExecutor timer;
    private final InetSocketAddress address;
    private final HealthSettings.Silence silence;
    private volatile boolean down;
    private volatile Throwable downCause;
    /**
     * Fell silent and is being probed. New operations are sent as usual meanwhile: if the probe
     * fails they are failed or re-routed with the rest; if the suspicion was false (the client
     * itself stalled, the server was only busy) they cost nothing.
     */
    private volatile String suspicion;
    /** Up again, and the cluster not yet told: its keys are not routed to it yet. */
    private volatile boolean rejoining;
    private volatile boolean closed;

    /**
     * Creates the node; it connects once {@link #start() started}.
     *
     * @param server the server as configured, e.g. {@code cache1:11211}
     * @param address where to connect (host names are resolved on every connect)
     */
    public Node(String server, InetSocketAddress address, int connectionCount, int maxOutstanding,
            ConnectionConfig config, HealthSettings settings, NodeEvents events) {
        this.server = server;
        this.address = address;
        this.silence = settings.silence();
        this.maxOutstanding = maxOutstanding;
        this.config = config;
        this.events = events;
        this.health = new NodeHealth(settings.failureLimit());
        this.timer = config.group().next();
        this.reconnector = new Reconnector(timer, config.reconnectInitialNanos(), config.reconnectMaxNanos(), settings);
        this.connections = new Connection[connectionCount];
        for (int i = 0; i < connectionCount; i++) {
            connections[i] = new Connection(server, address, config, this, settings.silence());
        }
    }

    /** Opens the connections, one after another. */
    public void start() {
        reconnector.start(connections);
    }

    public String server() {
        return server;
    }

    /** Operations submitted and not finished yet. */
    public int outstanding() {
        return outstanding.get();
    }

    /** True while the server is declared dead. */
    public boolean isDown() {
        return down;
    }

    /** True while the server is suspected (silent, and being probed). */
    public boolean isSuspect() {
        return suspicion != null;
    }

    /** Sends {@code op} on one of this server's connections and returns its future. */
    public <T> CompletableFuture<T> execute(Operation<T> op) {
        OperationTrace trace = config.listener().operationStarted(server, op.kind().command());
        if (trace != null) {
            op.trace(trace);
        }
        return execute(op, System.nanoTime());
    }

    /**
     * Sends an operation that another node could not run (or a part of one), keeping the deadline
     * its caller was promised: counted from {@code startNanos}, and enforced by a timer of its own
     * (the connections' sweeps expect deadlines in submission order).
     */
    public <T> CompletableFuture<T> resubmit(Operation<T> op, long startNanos) {
        CompletableFuture<T> future = execute(op, startNanos);
        if (!op.isDone()) {
            long left = op.deadlineNanos() - System.nanoTime();
            try {
                timer.schedule(() -> op.fail(Connection.timedOut(op, server)), Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException loopGone) {
                op.fail(new MemcacheClosedException("client closed"));
            }
        }
        return future;
    }

    private <T> CompletableFuture<T> execute(Operation<T> op, long startNanos) {
        if (outstanding.incrementAndGet() > maxOutstanding) {
            outstanding.decrementAndGet();
            op.bind(null, config.completionExecutor(), startNanos, config.operationTimeoutNanos());
            op.fail(new MemcacheOverloadedException(server, maxOutstanding + " operations already outstanding on "
                    + server));
            return op.future();
        }
        op.bind(this, config.completionExecutor(), startNanos, config.operationTimeoutNanos());
        if (down) {
            unsent(op);
        } else {
            pick().submit(op);
        }
        return op.future();
    }

    private Connection pick() {
        if (connections.length == 1) {
            return connections[0];
        }
        int first = nextConnection.getAndIncrement();
        for (int i = 0; i < connections.length; i++) {
            Connection c = connections[Math.floorMod(first + i, connections.length)];
            if (c.isReady()) {
                return c;
            }
        }
        return connections[Math.floorMod(first, connections.length)];
    }

    @Override
    public void finished(Operation<?> operation, Throwable failure) {
        outstanding.decrementAndGet();
        if (failure == null || failure instanceof MemcacheServerException) {
            health.replied();
        } else if (failure instanceof MemcacheTimeoutException) {
            long now = System.nanoTime();
            if (health.timedOut(operation.startNanos(), now)) {
                goDown(failure, true);
            }
        }
        ClientListener listener = config.listener();
        if (listener != ClientListener.NONE) {
            listener.operationFinished(server, operation.kind().command(), System.nanoTime() - operation.startNanos(),
                    failure);
        }
    }

    // ------------------------------------------------------------------ what the connections report

    @Override
    public void opened(Connection c) {
        health.replied();
        if (down) {
            comeUp();
        }
        reconnector.attemptEnded(c, true);
    }

    @Override
    public boolean openFailed(Connection c, Throwable cause) {
        boolean nowDown;
        if (cause instanceof MemcacheAuthenticationException) {
            nowDown = down; // the server answered: alive, but refusing us, which no failover cures
        } else if (Failures.isSoft(cause)) {
            nowDown = health.attemptTimedOut(System.nanoTime()) ? goDown(cause, true) : down;
        } else {
            nowDown = goDown(cause, false);
        }
        reconnector.attemptEnded(c, false);
        return nowDown;
    }

    @Override
    public boolean lost(Connection c, long upNanos) {
        return !closed && reconnector.lost(c, upNanos);
    }

    @Override
    public void unsent(Operation<?> op) {
        if (!down) {
            op.fail(new MemcacheConnectionException("not connected to " + server));
        } else if (events.reroute(op, this, false)) {
            outstanding.decrementAndGet();
        } else {
            op.fail(unavailable());
        }
    }

    @Override
    public void interrupted(Operation<?> op, RuntimeException failure) {
        if (!closed && events.reroute(op, this, true)) {
            outstanding.decrementAndGet();
        } else {
            op.fail(failure);
        }
    }

    @Override
    public void silent(Connection c, long silentNanos, long thresholdNanos, int outstanding) {
        String why;
        synchronized (this) {
            if (down || closed || suspicion != null) {
                return;
            }
            why = server + " sent nothing for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms with "
                    + outstanding + " requests outstanding (usually within "
                    + TimeUnit.NANOSECONDS.toMillis(thresholdNanos) + " ms): probing it";
            suspicion = why;
        }
        LOG.info("{}", why);
        config.listener().serverSuspected(server, Duration.ofNanos(silentNanos));
        long probeStart = System.nanoTime();
        Probe.start(server, address, config, silence.probeTimeoutNanos(),
                failure -> probed(failure, probeStart, silentNanos + System.nanoTime() - probeStart));
    }

    /**
     * The probe of a silent server ended: {@code failure} null if it answered. A server that
     * answered on any of its connections meanwhile is alive, only slow (a machine so loaded that
     * the probe's own answer came late): it stays.
     */
    private void probed(Throwable failure, long probeStart, long silentNanos) {
        if (failure == null || readSinceOnAnyConnection(probeStart)) {
            LOG.info("{} answered {}: only slow, not dead", server, failure == null ? "a probe" : "meanwhile");
            suspicion = null;
            for (Connection c : connections) {
                c.probeAnswered(); // a silence that goes on is looked at again
            }
            return;
        }
        Throwable cause = failure;
        boolean soft = Failures.isSoft(failure);
        if (soft) {
            cause = new MemcacheTimeoutException(server + " sent nothing for " + TimeUnit.NANOSECONDS.toMillis(silentNanos)
                    + " ms with requests outstanding, and did not answer a probe within "
                    + TimeUnit.NANOSECONDS.toMillis(silence.probeTimeoutNanos()) + " ms");
        }
        goDown(cause, soft);
        suspicion = null; // dead now (its operations go elsewhere), or kept on the ring by the cap
    }

    private boolean readSinceOnAnyConnection(long nanos) {
        for (Connection c : connections) {
            if (c.readSince(nanos)) {
                return true;
            }
        }
        return false;
    }

    /** Why this node's operations fail while it is dead. */
    public MemcacheUnavailableException unavailable() {
        Throwable cause = downCause;
        return new MemcacheUnavailableException(server, server + " is down"
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    // ------------------------------------------------------------------ state

    /** Declares the server dead if the cluster agrees; true if it is dead now. */
    private boolean goDown(Throwable cause, boolean soft) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (down) {
                return true;
            }
            if (!events.goingDown(this, cause, soft)) {
                return false;
            }
            downCause = cause;
            down = true;
        }
        reconnector.nodeDown(connections);
        for (Connection c : connections) {
            c.park(cause);
        }
        return true;
    }

    private void comeUp() {
        synchronized (this) {
            if (!down || closed) {
                return;
            }
            down = false;
            rejoining = true;
            health.reset();
        }
        reconnector.nodeUp();
        events.cameUp(this);
        rejoining = false;
        for (Connection c : connections) {
            c.unpark();
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** True when at least one connection is ready. */
    public boolean isConnected() {
        for (Connection c : connections) {
            if (c.isReady()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until every connection is ready and, if the server was dead, it is back in service;
     * false if that takes longer than {@code timeout}.
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Connection c : connections) {
            while (!c.isReady() || down || rejoining) {
                if (closed) {
                    throw new MemcacheClosedException("client closed: it will never connect");
                }
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                TimeUnit.MILLISECONDS.sleep(2);
            }
        }
        return true;
    }

    /**
     * Closes the node after {@code graceNanos}, when what was sent to it has finished (or timed
     * out): for a server removed from the cluster while operations are outstanding on it.
     */
    public void retire(long graceNanos) {
        try {
            timer.schedule(this::close, graceNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException loopGone) {
            close();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes every connection; outstanding operations fail. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        reconnector.close();
        for (Connection c : connections) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "Node[" + server + (down ? ", down" : "") + "]";
    }
}
