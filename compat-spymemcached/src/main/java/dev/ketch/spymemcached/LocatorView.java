package dev.ketch.spymemcached;

import dev.ketch.client.MemcacheClient;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link NodeLocator} over the Ketch client's {@code serverFor} and the registry's connection states. */
final class LocatorView implements NodeLocator {

    private final MemcacheClient<?> client;
    private final ServerRegistry registry;

    LocatorView(MemcacheClient<?> client, ServerRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    @Override
    public MemcachedNode getPrimary(String k) {
        return node(registry.addressOf(client.serverFor(k)));
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
