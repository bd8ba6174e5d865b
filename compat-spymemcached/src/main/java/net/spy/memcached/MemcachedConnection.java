package net.spy.memcached;

import java.util.List;
import net.spy.memcached.compat.SpyThread;

/**
 * The connections of a {@link MemcachedClient} to its servers: here a view of the Ketch client
 * underneath, which connects, reconnects, queues and writes on Netty's threads. It knows the
 * servers ({@link #getLocator()}), their states ({@link #connectionsStatus()}) and the {@link
 * ConnectionObserver}s.
 */
public class MemcachedConnection extends SpyThread {

    private final NodeLocator locator;
    private final ServerRegistry registry;
    private final List<ServerNode> nodes;
    private volatile boolean shutDown;

    MemcachedConnection(NodeLocator locator, ServerRegistry registry, List<ServerNode> nodes) {
        super("Memcached IO over Ketch");
        this.locator = locator;
        this.registry = registry;
        this.nodes = nodes;
        for (ServerNode node : nodes) {
            node.setConnection(this);
        }
    }

    /** The locator the client routes with. */
    public NodeLocator getLocator() {
        return locator;
    }

    /** Registers an observer of connection changes; it is told at once about servers already connected. */
    public boolean addObserver(ConnectionObserver obs) {
        return registry.addObserver(obs);
    }

    /** Unregisters an observer. */
    public boolean removeObserver(ConnectionObserver obs) {
        return registry.removeObserver(obs);
    }

    /** True once the client shut down. */
    public boolean isShutDown() {
        return shutDown;
    }

    void shutDown() {
        shutDown = true;
    }

    /** Each server and whether it is connected, one per line. */
    public String connectionsStatus() {
        StringBuilder status = new StringBuilder("Connection Status {");
        for (ServerNode node : nodes) {
            status.append(" ").append(node.getSocketAddress()).append(" active: ").append(node.isActive())
                    .append(", authed: ").append(node.isAuthenticated())
                    .append(", last read: ").append("n/a").append(" ms ago");
        }
        return status.append(" }").toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{MemcachedConnection to");
        for (ServerNode node : nodes) {
            text.append(" ").append(node.getSocketAddress());
        }
        return text.append("}").toString();
    }
}
