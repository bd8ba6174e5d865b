package dev.ketch.client.cluster;

import dev.ketch.client.ClientListener;
import dev.ketch.client.DiscoveryHealth;
import dev.ketch.client.OperationTrace;
import dev.ketch.client.ServerHealth;
import dev.ketch.client.node.Node;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps what a health snapshot needs to know of each server beyond its node's state (its last
 * error, its latency, the address it resolves to) from the events every client emits, and passes
 * every event on to the application's listener.
 */
public final class HealthTracker implements ClientListener {

    /** Weight of the newest sample in the moving average: about the last 50 samples count. */
    private static final double NEWEST = 0.04;
    /** One operation in this many feeds the latency average. */
    private static final int SAMPLE_EVERY = 16;

    private final ClientListener next;
    private final Map<String, ServerStats> stats = new ConcurrentHashMap<>();

    /** @param next the application's listener, told everything after this tracker */
    public HealthTracker(ClientListener next) {
        this.next = next;
    }

    /** The application's listener. */
    public ClientListener next() {
        return next;
    }

    private ServerStats stats(String server) {
        ServerStats s = stats.get(server);
        return s != null ? s : stats.computeIfAbsent(server, k -> new ServerStats());
    }

    /** Forgets servers that are no longer members. */
    private void retain(List<String> servers) {
        stats.keySet().retainAll(servers);
    }

    // ------------------------------------------------------------------ snapshot

    /** The state of every member of {@code cluster}, and of {@code discovery} (null for none). */
    public dev.ketch.client.ClientHealth snapshot(Cluster cluster, DiscoveryHealth discovery) {
        List<ServerHealth> servers = new ArrayList<>();
        for (Node node : cluster.nodes()) {
            ServerStats s = stats(node.server());
            ServerHealth.State state = node.isDown()
                    ? cluster.isEjected(node) ? ServerHealth.State.EJECTED : ServerHealth.State.DOWN
                    : node.isConnected() ? ServerHealth.State.UP : ServerHealth.State.CONNECTING;
            InetAddress address = s.address;
            Throwable error = s.lastError;
            servers.add(new ServerHealth(node.server(), state, address == null ? null : address.getHostAddress(),
                    node.outstanding(), Duration.ofNanos((long) s.latencyNanos), error == null ? null : describe(error),
                    s.lastErrorAt));
        }
        return new dev.ketch.client.ClientHealth(servers, discovery);
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The address {@code server}'s host name was resolved to (by the DNS refresh). */
    void resolved(String server, InetAddress address) {
        stats(server).address = address;
    }

    // ------------------------------------------------------------------ events

    @Override
    public OperationTrace operationStarted(String server, String command) {
        return next.operationStarted(server, command);
    }

    @Override
    public void operationFinished(String server, String command, long latencyNanos, Throwable failure) {
        // every operation of every client passes here: the average is fed one operation in
        // SAMPLE_EVERY (a profile showed the per-operation lookup costing a few percent of throughput)
        if (failure != null || ThreadLocalRandom.current().nextInt(SAMPLE_EVERY) == 0) {
            ServerStats s = stats(server);
            double average = s.latencyNanos;
            s.latencyNanos = average == 0 ? latencyNanos : average + NEWEST * (latencyNanos - average);
            if (failure != null) {
                s.failed(failure);
            }
        }
        next.operationFinished(server, command, latencyNanos, failure);
    }

    @Override
    public void connected(String server) {
        next.connected(server);
    }

    @Override
    public void connectFailed(String server, Throwable cause) {
        stats(server).failed(cause);
        next.connectFailed(server, cause);
    }

    @Override
    public void disconnected(String server, Throwable cause) {
        if (cause != null) {
            stats(server).failed(cause);
        }
        next.disconnected(server, cause);
    }

    @Override
    public void serverDown(String server, Throwable cause) {
        stats(server).failed(cause);
        next.serverDown(server, cause);
    }

    @Override
    public void serverSuspected(String server, java.time.Duration silence) {
        next.serverSuspected(server, silence);
    }

    @Override
    public void serverEjected(String server, Throwable cause) {
        next.serverEjected(server, cause);
    }

    @Override
    public void serverUp(String server) {
        next.serverUp(server);
    }

    @Override
    public void serverRejoined(String server) {
        next.serverRejoined(server);
    }

    @Override
    public void bytesSent(String server, int bytes) {
        next.bytesSent(server, bytes);
    }

    @Override
    public void bytesReceived(String server, int bytes) {
        next.bytesReceived(server, bytes);
    }

    @Override
    public void serversChanged(List<String> servers) {
        retain(servers);
        next.serversChanged(servers);
    }

    @Override
    public void addressChanged(String server, InetAddress from, InetAddress to) {
        next.addressChanged(server, from, to);
        resolved(server, to);
    }

    @Override
    public void discoveryFailed(String source, Throwable cause) {
        next.discoveryFailed(source, cause);
    }

    /** One server's figures; written racily by I/O threads, which is fine for a snapshot. */
    private static final class ServerStats {
        volatile double latencyNanos;
        volatile Throwable lastError;
        volatile Instant lastErrorAt;
        volatile InetAddress address;

        void failed(Throwable cause) {
            lastError = cause;
            lastErrorAt = Instant.now();
        }
    }
}
