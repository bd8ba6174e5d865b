package dev.ketch.client.cluster;

import dev.ketch.client.node.Node;
import dev.ketch.client.protocol.KeyedOperation;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.Operation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends an operation its node could not run to the node that owns its key(s) on the current ring,
 * with its original deadline. Requests never written may always move; requests already written
 * only if they are reads and read retries are on. A multi-get whose keys now belong to several
 * servers is split into one part per server.
 */
final class Rerouter {

    private final boolean retryReads;

    Rerouter(boolean retryReads) {
        this.retryReads = retryReads;
    }

    /** True if {@code op} was handed on; false if the caller must fail it. */
    boolean reroute(RoutingNodeLocator ring, Operation<?> op, Node from, boolean sent) {
        if (sent && !(retryReads && op.kind().isRead())) {
            return false;
        }
        if (op instanceof KeyedOperation<?> keyed) {
            Node to = ring.locate(keyed.key());
            if (!usable(to, from)) {
                return false;
            }
            to.resubmit(op, op.startNanos());
            return true;
        }
        if (op instanceof MultiGetOperation<?, ?> multi) {
            return rerouteMulti(ring, multi, from);
        }
        return false; // a command for one server as such (stats, flush_all, ...) goes nowhere else
    }

    /** A node an operation may go to: one that exists, and not the dead node it comes from. */
    private static boolean usable(Node to, Node from) {
        return to != null && !(to == from && from.isDown());
    }

    private static boolean rerouteMulti(RoutingNodeLocator ring, MultiGetOperation<?, ?> op, Node from) {
        List<byte[]> keys = op.keys();
        Map<Node, List<Integer>> byNode = new IdentityHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Node to = ring.locate(keys.get(i));
            if (!usable(to, from)) {
                return false;
            }
            byNode.computeIfAbsent(to, n -> new ArrayList<>()).add(i);
        }
        if (byNode.size() == 1) {
            byNode.keySet().iterator().next().resubmit(op, op.startNanos());
            return true;
        }
        List<Node> targets = new ArrayList<>(byNode.keySet());
        List<List<Integer>> groups = new ArrayList<>(targets.size());
        for (Node target : targets) {
            groups.add(byNode.get(target));
        }
        List<? extends MultiGetOperation<?, ?>> parts = op.fork(groups);
        for (int i = 0; i < parts.size(); i++) {
            targets.get(i).resubmit(parts.get(i), op.startNanos());
        }
        return true;
    }
}
