package net.spy.memcached;

import dev.ketch.client.ClientListener;
import dev.ketch.client.ServerAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers as the application gave them ({@link InetSocketAddress}es) beside the Ketch client's
 * names for them, which of them are connected (learnt from the Ketch client's connection events),
 * and the {@link ConnectionObserver}s told about changes.
 */
final class ServerRegistry implements ClientListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRegistry.class);

    private final List<InetSocketAddress> addresses;
    private final Map<ServerAddress, InetSocketAddress> byServer = new HashMap<>();
    private final Map<String, InetSocketAddress> byName = new HashMap<>();
    private final Set<InetSocketAddress> active = ConcurrentHashMap.newKeySet();
    private final Map<InetSocketAddress, AtomicInteger> failedAttempts = new ConcurrentHashMap<>();
    private final List<ConnectionObserver> observers = new CopyOnWriteArrayList<>();
    private final java.util.Queue<Runnable> waitingForChange = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final Map<InetSocketAddress, Long> lastAnswer = new ConcurrentHashMap<>();
    private final Set<InetSocketAddress> attempted = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.CountDownLatch firstAttempts;

    ServerRegistry(List<InetSocketAddress> addresses) {
        this.addresses = List.copyOf(addresses);
        this.firstAttempts = new java.util.concurrent.CountDownLatch(addresses.size());
        for (InetSocketAddress address : addresses) {
            failedAttempts.putIfAbsent(address, new AtomicInteger());
            lastAnswer.put(address, System.nanoTime());
        }
    }

    /** Names the Ketch client's server of each address (the same order), once the ring is known. */
    void bind(List<ServerAddress> servers) {
        for (int i = 0; i < addresses.size(); i++) {
            byServer.putIfAbsent(servers.get(i), addresses.get(i));
            byName.putIfAbsent(servers.get(i).toString(), addresses.get(i));
        }
    }

    /**
     * Waits up to {@code millis} for the first connection attempt to every server to end, connected
     * or failed. spymemcached's first connects to reachable servers have ended by the time its
     * constructor returns; without this wait, the first operations of a freshly made client would
     * find its servers not yet active (and, failure mode Cancel, be cancelled).
     */
    void awaitFirstAttempts(long millis) {
        try {
            firstAttempts.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void attempted(InetSocketAddress address) {
        if (attempted.add(address)) {
            firstAttempts.countDown();
        }
    }

    /** Milliseconds since {@code address} last answered an operation (or since the client started). */
    long lastAnswerDelta(SocketAddress address) {
        Long at = lastAnswer.get(address);
        return at == null ? 0 : java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at);
    }

    @Override
    public void operationFinished(String server, String command, long latencyNanos, Throwable failure) {
        InetSocketAddress address = byName.get(server);
        if (address != null && failure == null) {
            lastAnswer.put(address, System.nanoTime());
        }
    }

    /** The address the application gave for {@code server}. */
    InetSocketAddress addressOf(ServerAddress server) {
        return byServer.get(server);
    }

    /** The Ketch client's server for the address the application gave. */
    ServerAddress serverOf(SocketAddress address) {
        for (Map.Entry<ServerAddress, InetSocketAddress> e : byServer.entrySet()) {
            if (e.getValue().equals(address)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("not a server of this client: " + address);
    }

    /** The address for the Ketch client's name of a server ({@code host:port}). */
    InetSocketAddress addressOf(String server) {
        return byName.get(server);
    }

    List<InetSocketAddress> addresses() {
        return addresses;
    }

    /**
     * Runs {@code action} once, at the next change of the servers' availability: a server connected,
     * came back, or was ejected from the ring (so that its keys go elsewhere).
     */
    void whenServersChange(Runnable action) {
        waitingForChange.add(action);
    }

    private void serversChanged() {
        for (int n = waitingForChange.size(); n > 0; n--) {
            Runnable action = waitingForChange.poll();
            if (action == null) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("resending a waiting operation failed", e);
            }
        }
    }

    @Override
    public void serverEjected(String server, Throwable cause) {
        serversChanged();
    }

    @Override
    public void serverUp(String server) {
        serversChanged();
    }

    @Override
    public void serverRejoined(String server) {
        serversChanged();
    }

    /** Connection attempts to {@code address} that failed since it was last connected. */
    int reconnectCount(SocketAddress address) {
        AtomicInteger failed = failedAttempts.get(address);
        return failed == null ? 0 : failed.get();
    }

    boolean isActive(SocketAddress address) {
        return active.contains(address);
    }

    Collection<SocketAddress> available() {
        List<SocketAddress> up = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            if (active.contains(a)) {
                up.add(a);
            }
        }
        return up;
    }

    Collection<SocketAddress> unavailable() {
        List<SocketAddress> down = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            if (!active.contains(a)) {
                down.add(a);
            }
        }
        return down;
    }

    /** Registers {@code observer} and tells it about every connected server (reconnect count -1). */
    boolean addObserver(ConnectionObserver observer) {
        boolean added = observers.add(observer);
        for (InetSocketAddress a : addresses) {
            if (active.contains(a)) {
                observer.connectionEstablished(a, -1);
            }
        }
        return added;
    }

    boolean removeObserver(ConnectionObserver observer) {
        return observers.remove(observer);
    }

    /** For timeout messages: each server and whether it is connected. */
    String status() {
        StringBuilder text = new StringBuilder();
        for (InetSocketAddress a : addresses) {
            text.append('{').append(a).append(" active: ").append(active.contains(a)).append("} ");
        }
        return text.toString().trim();
    }

    @Override
    public void connected(String server) {
        InetSocketAddress address = byName.get(server);
        if (address == null) {
            return;
        }
        active.add(address);
        attempted(address);
        int attempts = failedAttempts.get(address).getAndSet(0);
        for (ConnectionObserver observer : observers) {
            try {
                observer.connectionEstablished(address, attempts);
            } catch (RuntimeException e) {
                LOG.warn("connection observer {} failed", observer, e);
            }
        }
        serversChanged();
    }

    @Override
    public void connectFailed(String server, Throwable cause) {
        InetSocketAddress address = byName.get(server);
        if (address != null) {
            active.remove(address);
            failedAttempts.get(address).incrementAndGet();
            attempted(address);
        }
    }

    @Override
    public void disconnected(String server, Throwable cause) {
        InetSocketAddress address = byName.get(server);
        if (address == null || !active.remove(address)) {
            return;
        }
        for (ConnectionObserver observer : observers) {
            try {
                observer.connectionLost(address);
            } catch (RuntimeException e) {
                LOG.warn("connection observer {} failed", observer, e);
            }
        }
    }
}
