package dev.ketch.client.node;

import dev.ketch.client.protocol.Operation;

/**
 * What a {@link Node} tells the cluster it belongs to, and asks of it. Implemented by the cluster
 * layer, which owns the ring, the failover policy and the state-change events.
 */
public interface NodeEvents {

    /**
     * {@code node} has failed enough to be declared dead. Returns false if it may not be (the cap
     * on servers dead for soft failures is reached), and then nothing changes. When it returns
     * true the ring no longer sends keys to it (under an ejecting policy).
     *
     * @param soft true for timeouts, false for a hard failure
     */
    boolean goingDown(Node node, Throwable cause, boolean soft);

    /** {@code node}, dead until now, answered a probe. */
    void cameUp(Node node);

    /**
     * Hands {@code op}, which {@code from} cannot run, to the node that owns its key(s) now,
     * keeping its deadline. False if there is none, or if the operation may not be sent again
     * ({@code sent}: it was written on a connection that was then lost, and is not a read that may
     * be retried); {@code from} then fails it.
     */
    boolean reroute(Operation<?> op, Node from, boolean sent);
}
