package dev.ketch.client.cluster;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.node.Node;
import java.util.List;

/**
 * Decides which server a key goes to. Pure: no I/O, so it can be checked against other clients'
 * choices key by key.
 */
public interface NodeLocator {

    /** The node for {@code key} (the key's bytes as sent); null if every server is ejected. */
    Node locate(byte[] key);

    /** The configured server {@link #locate} picks for {@code key}; null if every server is ejected. */
    ServerAddress serverFor(byte[] key);

    /** Every node, in configuration order. */
    List<Node> nodes();
}
