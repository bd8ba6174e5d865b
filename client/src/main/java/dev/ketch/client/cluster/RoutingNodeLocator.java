package dev.ketch.client.cluster;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.node.Node;
import dev.ketch.client.routing.ServerSelector;
import java.util.List;

/**
 * Maps the server index a {@link ServerSelector} picks to that server's {@link Node}. Routing
 * itself stays in the selector; failover (a later layer) will skip dead servers through {@link
 * ServerSelector#indexFor(byte[], java.util.function.IntPredicate)} or swap in a selector rebuilt
 * {@link ServerSelector#without without} them.
 */
public final class RoutingNodeLocator implements NodeLocator {

    private final ServerSelector selector;
    private final Node[] byIndex;
    private final List<Node> nodes;

    /** @param nodes one per server, in the order of {@code selector.servers()} */
    public RoutingNodeLocator(ServerSelector selector, List<Node> nodes) {
        if (nodes.size() != selector.servers().size()) {
            throw new IllegalArgumentException(nodes.size() + " nodes for " + selector.servers().size() + " servers");
        }
        this.selector = selector;
        this.nodes = List.copyOf(nodes);
        this.byIndex = this.nodes.toArray(new Node[0]);
    }

    @Override
    public Node locate(byte[] key) {
        return byIndex[selector.indexFor(key)];
    }

    @Override
    public ServerAddress serverFor(byte[] key) {
        return selector.servers().get(selector.indexFor(key));
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    public ServerSelector selector() {
        return selector;
    }
}
