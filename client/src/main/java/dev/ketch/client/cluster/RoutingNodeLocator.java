package dev.ketch.client.cluster;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.node.Node;
import dev.ketch.client.routing.ServerSelector;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * One immutable state of the ring: maps the server index a {@link ServerSelector} picks to that
 * server's {@link Node}, leaving out the ejected servers either by skipping their points ({@link
 * ServerSelector#indexFor(byte[], IntPredicate)}, OMcache's way) or by a selector rebuilt {@link
 * ServerSelector#without without} them (libmemcached's). A change of membership or of health makes
 * a new one, swapped in atomically by the {@link Cluster}; lookups read one without locking.
 */
public final class RoutingNodeLocator implements NodeLocator {

    private final ServerSelector selector;
    /** What lookups use when nothing is skipped: {@link #selector}, or it rebuilt without the ejected. */
    private final ServerSelector routed;
    private final Node[] byIndex;
    private final List<Node> nodes;
    private final boolean[] ejected;
    private final IntPredicate isEjected;
    private final boolean skip;

    /** @param nodes one per server, in the order of {@code selector.servers()}; none ejected */
    public RoutingNodeLocator(ServerSelector selector, List<Node> nodes) {
        this(selector, nodes, new boolean[nodes.size()], FailoverPolicy.EJECT_SKIP);
    }

    RoutingNodeLocator(ServerSelector selector, List<Node> nodes, boolean[] ejected, FailoverPolicy policy) {
        if (nodes.size() != selector.servers().size() || ejected.length != nodes.size()) {
            throw new IllegalArgumentException(nodes.size() + " nodes for " + selector.servers().size() + " servers");
        }
        this.selector = selector;
        this.nodes = List.copyOf(nodes);
        this.byIndex = this.nodes.toArray(new Node[0]);
        this.ejected = ejected.clone();
        boolean[] out = this.ejected;
        this.isEjected = i -> out[i];
        boolean any = false;
        for (boolean e : out) {
            any |= e;
        }
        this.skip = any && policy == FailoverPolicy.EJECT_SKIP;
        this.routed = any && policy == FailoverPolicy.EJECT_REBUILD ? selector.without(isEjected) : selector;
    }

    @Override
    public Node locate(byte[] key) {
        int index = indexFor(key);
        return index < 0 ? null : byIndex[index];
    }

    @Override
    public ServerAddress serverFor(byte[] key) {
        int index = indexFor(key);
        return index < 0 ? null : selector.servers().get(index);
    }

    private int indexFor(byte[] key) {
        return skip ? selector.indexFor(key, isEjected) : routed.indexFor(key);
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    /** The server selection this state of the ring answers from. */
    public ServerSelector selector() {
        return selector;
    }

    /** The position of {@code node} among the servers, or -1 if it is not one of them. */
    int indexOf(Node node) {
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] == node) {
                return i;
            }
        }
        return -1;
    }

    boolean isEjected(int index) {
        return ejected[index];
    }

    /** How many servers are ejected. */
    int ejectedCount() {
        int n = 0;
        for (boolean e : ejected) {
            n += e ? 1 : 0;
        }
        return n;
    }

    /** This ring with the server at {@code index} ejected or taken back. */
    RoutingNodeLocator with(int index, boolean out, FailoverPolicy policy) {
        boolean[] next = ejected.clone();
        next[index] = out;
        return new RoutingNodeLocator(selector, nodes, next, policy);
    }

    @Override
    public String toString() {
        return "Ring" + selector.servers() + (skip || routed != selector ? ", ejected " + Arrays.toString(ejected) : "");
    }
}
