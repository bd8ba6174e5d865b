package net.spy.memcached.auth;

import java.util.HashMap;
import java.util.Map;
import net.spy.memcached.MemcachedConnection;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.OperationFactory;
import net.spy.memcached.compat.SpyObject;

/**
 * spymemcached's one authentication thread per node. On the drop-in Ketch authenticates every
 * connection before using it (SASL PLAIN in the binary protocol), so there is no thread to start:
 * {@link #authConnection} records nothing and returns.
 */
public class AuthThreadMonitor extends SpyObject {

    private final Map<Object, AuthThread> nodeMap = new HashMap<>();

    /** A monitor. */
    public AuthThreadMonitor() {
    }

    /** Nothing to do: Ketch authenticates the connection to {@code node} itself. */
    public synchronized void authConnection(MemcachedConnection conn, OperationFactory opFact, AuthDescriptor authDescriptor,
            MemcachedNode node) {
        getLogger().debug("Ketch authenticates the connection to %s", node);
    }

    /** Nothing to interrupt. */
    public synchronized void interruptAllPendingAuth() {
        nodeMap.clear();
    }

    /** The authentication threads by node: none. */
    protected Map<Object, AuthThread> getNodeMap() {
        return nodeMap;
    }
}
