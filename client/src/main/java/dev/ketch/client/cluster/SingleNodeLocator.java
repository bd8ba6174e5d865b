package dev.ketch.client.cluster;

import dev.ketch.client.node.Node;
import java.util.List;

/** One server: every key goes to it, without hashing. */
public final class SingleNodeLocator implements NodeLocator {

    private final Node node;
    private final List<Node> nodes;

    public SingleNodeLocator(Node node) {
        this.node = node;
        this.nodes = List.of(node);
    }

    @Override
    public Node locate(byte[] key) {
        return node;
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }
}
