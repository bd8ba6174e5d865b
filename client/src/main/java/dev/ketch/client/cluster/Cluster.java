package dev.ketch.client.cluster;

import dev.ketch.client.ClientListener;
import dev.ketch.client.ServerAddress;
import dev.ketch.client.node.Node;
import dev.ketch.client.node.NodeEvents;
import dev.ketch.client.protocol.Operation;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.HashAlgorithm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of one client and which of them are alive: it owns the ring ({@link
 * RoutingNodeLocator}, replaced atomically on every change), applies the {@link Failover} policy
 * when a {@link Node} fails or answers again, re-routes what dead nodes cannot run, and publishes
 * every state change once, to the {@link ClientListener} and as one WARN line.
 */
public final class Cluster implements NodeLocator, NodeEvents {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    /** Makes the node of one server, reporting to the given cluster. */
    @FunctionalInterface
    public interface NodeFactory {
        /** Creates the node that serves {@code server}, reporting to {@code events}. */
        Node create(ServerAddress server, NodeEvents events);
    }

    private final Distribution distribution;
    private final HashAlgorithm hash;
    private final Failover failover;
    private final NodeFactory factory;
    private final ClientListener listener;
    private final long retireGraceNanos;
    private final Rerouter rerouter;
    private volatile RoutingNodeLocator ring;
    /** Dead members, and whether for soft failures (those count against the cap). Guarded by this. */
    private final Map<Node, Boolean> dead = new IdentityHashMap<>();
    private final Map<Node, Long> deadSince = new IdentityHashMap<>();
    /** Members refused by the cap, so that the refusal is logged once. Guarded by this. */
    private final Set<Node> capped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Removed servers' nodes, closed after a grace period (or with the client). Guarded by this. */
    private final Set<Node> retired = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;
    private volatile String emptyReason;

    /**
     * Builds the nodes of {@code servers} and starts connecting them. With no servers (a client
     * waiting for discovery) every key fails fast until the first {@link #update}.
     *
     * @param retireGraceNanos how long a removed server's node stays open for what was sent to it
     */
    public Cluster(List<ServerAddress> servers, Distribution distribution, HashAlgorithm hash, Failover failover,
            ClientListener listener, long retireGraceNanos, NodeFactory factory) {
        this.distribution = distribution;
        this.hash = hash;
        this.failover = failover;
        this.factory = factory;
        this.listener = listener;
        this.retireGraceNanos = retireGraceNanos;
        this.rerouter = new Rerouter(failover.retryReads());
        if (servers.isEmpty()) {
            listener.serversChanged(List.of()); // waiting for discovery: no ring yet
        } else {
            update(servers);
        }
    }

    // ------------------------------------------------------------------ routing

    @Override
    public Node locate(byte[] key) {
        RoutingNodeLocator current = ring;
        return current == null ? null : current.locate(key);
    }

    @Override
    public ServerAddress serverFor(byte[] key) {
        RoutingNodeLocator current = ring;
        return current == null ? null : current.serverFor(key);
    }

    @Override
    public List<Node> nodes() {
        RoutingNodeLocator current = ring;
        return current == null ? List.of() : current.nodes();
    }

    /** The servers of the ring, in configuration order; empty while a discovering client has none yet. */
    public List<ServerAddress> servers() {
        RoutingNodeLocator current = ring;
        return current == null ? List.of() : current.selector().servers();
    }

    /** True if {@code node} is a member and out of the ring for now (ejected by the failover policy). */
    public boolean isEjected(Node node) {
        RoutingNodeLocator current = ring;
        int index = current == null ? -1 : current.indexOf(node);
        return index >= 0 && current.isEjected(index);
    }

    /** Why a key has no server: every server ejected, or none known yet. */
    public dev.ketch.client.MemcacheUnavailableException noServer() {
        String why = emptyReason;
        int members = nodes().size();
        return new dev.ketch.client.MemcacheUnavailableException(null, members == 0
                ? "no servers yet" + (why == null ? "" : ": " + why)
                : "no server is up: all " + members + " are ejected until they answer again", null);
    }

    /** Says why the cluster has no servers yet (what discovery last reported), for {@link #noServer()}. */
    public void emptyBecause(String reason) {
        this.emptyReason = reason;
    }

    /** The failover settings this cluster applies. */
    public Failover failover() {
        return failover;
    }

    // ------------------------------------------------------------------ membership

    /**
     * Makes {@code servers} the cluster, in this order: servers already members keep their nodes
     * (connections, health and all), new ones get nodes that start connecting, and the ring is
     * rebuilt and swapped in at once. Removed servers' nodes finish what was sent to them and close
     * after the grace period.
     *
     * @throws IllegalArgumentException if {@code servers} is empty or names a server twice
     */
    public void update(List<ServerAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no servers");
        }
        Set<String> names = new HashSet<>();
        for (ServerAddress s : servers) {
            if (!names.add(s.toString())) {
                throw new IllegalArgumentException("server " + s + " listed twice");
            }
        }
        List<Node> created = new ArrayList<>();
        List<Node> removed;
        synchronized (this) {
            if (closed) {
                throw new dev.ketch.client.MemcacheClosedException("client closed");
            }
            Map<String, Node> current = new HashMap<>();
            if (ring != null) {
                for (Node n : ring.nodes()) {
                    current.put(n.server(), n);
                }
            }
            List<Node> members = new ArrayList<>(servers.size());
            boolean[] ejected = new boolean[servers.size()];
            for (int i = 0; i < servers.size(); i++) {
                Node node = current.remove(servers.get(i).toString());
                if (node == null) {
                    node = factory.create(servers.get(i), this);
                    created.add(node);
                }
                members.add(node);
                ejected[i] = failover.policy().ejects() && dead.containsKey(node);
            }
            removed = new ArrayList<>(current.values());
            retired.removeIf(Node::isClosed);
            for (Node gone : removed) {
                dead.remove(gone);
                deadSince.remove(gone);
                capped.remove(gone);
                retired.add(gone);
            }
            ring = new RoutingNodeLocator(distribution.selector(List.copyOf(servers), hash), members, ejected,
                    failover.policy());
            if (!removed.isEmpty() || ring.nodes().size() != created.size()) {
                LOG.info("servers now {} ({} added, {} removed)", servers, created.size(), removed.size());
            }
            if (!removed.isEmpty() || !created.isEmpty()) {
                listener.serversChanged(servers.stream().map(ServerAddress::toString).toList());
            }
        }
        for (Node node : created) {
            node.start();
        }
        for (Node gone : removed) {
            gone.retire(retireGraceNanos);
        }
    }

    /**
     * Gives {@code server} a new node, which connects afresh (resolving its host name again), in
     * the same place on the ring: no key moves. The old node finishes what was sent to it and
     * closes after the grace period. For a server whose host name now resolves to another address.
     *
     * @return false if {@code server} is not a member (or the cluster is closed)
     */
    public boolean renew(ServerAddress server) {
        Node old;
        Node fresh;
        synchronized (this) {
            RoutingNodeLocator current = ring;
            if (closed || current == null) {
                return false;
            }
            int index = current.selector().servers().indexOf(server);
            if (index < 0) {
                return false;
            }
            old = current.nodes().get(index);
            fresh = factory.create(server, this);
            List<Node> members = new ArrayList<>(current.nodes());
            members.set(index, fresh);
            boolean[] ejected = new boolean[members.size()];
            for (int i = 0; i < ejected.length; i++) {
                ejected[i] = i != index && current.isEjected(i);
            }
            dead.remove(old);
            deadSince.remove(old);
            capped.remove(old);
            retired.removeIf(Node::isClosed);
            retired.add(old);
            ring = new RoutingNodeLocator(current.selector(), members, ejected, failover.policy());
        }
        fresh.start();
        old.retire(retireGraceNanos);
        return true;
    }

    // ------------------------------------------------------------------ what nodes report

    @Override
    public boolean goingDown(Node node, Throwable cause, boolean soft) {
        synchronized (this) {
            RoutingNodeLocator current = ring;
            int index = current == null ? -1 : current.indexOf(node);
            if (closed || index < 0) {
                return true; // a removed server: nothing routes to it any more
            }
            if (soft && softDeadCount() >= failover.maxSoftEjectedFor(current.nodes().size())) {
                if (capped.add(node)) {
                    LOG.warn("{} stops answering ({}) but stays on the ring: {} of {} servers are already out for "
                            + "timeouts, the most allowed at once", node.server(), cause.getMessage(), softDeadCount(),
                            current.nodes().size());
                }
                return false;
            }
            capped.remove(node);
            dead.put(node, soft);
            deadSince.put(node, System.nanoTime());
            boolean eject = failover.policy().ejects();
            if (eject) {
                ring = current.with(index, true, failover.policy());
            }
            LOG.warn("{} is down ({}): {}", node.server(), cause.getMessage(), eject
                    ? "ejected from the ring, its keys go to the next server until it answers again"
                    : "its keys fail fast until it answers again");
            listener.serverDown(node.server(), cause);
            if (eject) {
                listener.serverEjected(node.server(), cause);
            }
            return true;
        }
    }

    @Override
    public void cameUp(Node node) {
        synchronized (this) {
            Boolean wasDead = dead.remove(node);
            Long since = deadSince.remove(node);
            RoutingNodeLocator current = ring;
            int index = current == null ? -1 : current.indexOf(node);
            if (closed || index < 0 || wasDead == null) {
                return;
            }
            boolean rejoin = current.isEjected(index);
            if (rejoin) {
                ring = current.with(index, false, failover.policy());
            }
            LOG.warn("{} answers again after {} ms down{}", node.server(),
                    since == null ? "?" : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since),
                    rejoin ? ": back on the ring, its keys are its own again" : "");
            listener.serverUp(node.server());
            if (rejoin) {
                listener.serverRejoined(node.server());
            }
        }
    }

    @Override
    public boolean reroute(Operation<?> op, Node from, boolean sent) {
        RoutingNodeLocator current = ring;
        return current != null && rerouter.reroute(current, op, from, sent);
    }

    private int softDeadCount() {
        int n = 0;
        for (Boolean soft : dead.values()) {
            n += soft ? 1 : 0;
        }
        return n;
    }

    // ------------------------------------------------------------------ close

    /** Closes every node, members and removed ones alike. */
    public void close() {
        List<Node> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(nodes());
            all.addAll(retired);
            retired.clear();
        }
        for (Node node : all) {
            node.close();
        }
    }

    @Override
    public String toString() {
        return "Cluster[" + ring + ", " + failover + "]";
    }
}
