package dev.ketch.spymemcached;

import dev.ketch.client.routing.ServerSelector;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@link NodeLocator} over the configured ring and the registry's connection states. As in
 * spymemcached, {@link #getPrimary} is the key's server on the ring whether or not it is up (the
 * client itself routes around dead servers by its failover policy).
 */
final class LocatorView implements NodeLocator {

    private final ServerSelector ring;
    private final ServerRegistry registry;

    LocatorView(ServerSelector ring, ServerRegistry registry) {
        this.ring = ring;
        this.registry = registry;
    }

    @Override
    public MemcachedNode getPrimary(String k) {
        return node(registry.addressOf(ring.serverFor(k.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public Collection<MemcachedNode> getAll() {
        List<MemcachedNode> all = new ArrayList<>();
        registry.addresses().forEach(a -> all.add(node(a)));
        return all;
    }

    @Override
    public NodeLocator getReadonlyCopy() {
        return this;
    }

    private MemcachedNode node(SocketAddress address) {
        return new MemcachedNode() {
            @Override
            public SocketAddress getSocketAddress() {
                return address;
            }

            @Override
            public boolean isActive() {
                return registry.isActive(address);
            }

            @Override
            public String toString() {
                return String.valueOf(address);
            }
        };
    }
}
