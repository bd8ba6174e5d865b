package dev.ketch.server.transport;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.stats.StatsSink;
import dev.ketch.server.storage.Clock;
import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;

/**
 * The connection table: hands out memcached-like connection ids, enforces {@code -c maxconns},
 * keeps {@link ServerStats}' connection counters and renders {@code stats conns}.
 *
 * <p>Ids imitate the file descriptors memcached 1.6.18 uses on Linux with TCP only: its first
 * listening socket gets fd {@code 7 + 4 * threads} (stdio, the event bases and the per-thread
 * notification descriptors come first), further listeners and then clients take the lowest free
 * number. memcached's fast maxconns check rejects a client whose fd is {@code >= maxconns - 1};
 * using the same numbering makes the same client be the first one rejected.
 */
public final class ConnectionRegistry {

    /** memcached's {@code ITEM_UPDATE_INTERVAL}: a listener's "last command" is the server start. */
    private static final int LISTENER_CREATED = 60;

    private final ServerSettings settings;
    private final ServerStats stats;
    private final Clock clock;
    private final int firstId;
    private final BitSet used = new BitSet();
    private final TreeMap<Integer, Connection> connections = new TreeMap<>();

    public ConnectionRegistry(ServerSettings settings, ServerStats stats, Clock clock) {
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.firstId = 7 + 4 * settings.numThreads;
    }

    /** Registers a listening socket bound to {@code bound}. */
    public synchronized Connection addListener(Channel channel, SocketAddress bound) {
        int id = used.nextClearBit(firstId);
        Connection c = new Connection(id, channel, bound, null, ConnectionState.LISTENING, LISTENER_CREATED);
        used.set(id);
        connections.put(id, c);
        stats.connectionOpened();
        return c;
    }

    /**
     * Registers an accepted client, or returns null if memcached's fast maxconns check rejects it
     * (counted in {@code rejected_connections}; the caller answers and closes it).
     */
    public synchronized Connection addClient(Channel channel) {
        int id = used.nextClearBit(firstId);
        if (settings.maxConnsFast && id >= settings.maxConns - 1) {
            stats.rejectedConnections.increment();
            return null;
        }
        Connection c = new Connection(id, channel, channel.remoteAddress(), channel.localAddress(),
                ConnectionState.NEW_CMD, clock.now());
        used.set(id);
        connections.put(id, c);
        stats.connectionOpened();
        return c;
    }

    /** True when no id below maxconns is left: without fast rejection, accepting must pause. */
    public synchronized boolean full() {
        return used.nextClearBit(firstId) >= settings.maxConns;
    }

    /** Removes a connection (idempotent). */
    public synchronized void remove(Connection c) {
        if (connections.remove(c.id(), c)) {
            used.clear(c.id());
            c.state(ConnectionState.CLOSED);
            stats.connectionClosed();
        }
    }

    /** Every live connection, listeners included, by id. */
    public synchronized List<Connection> snapshot() {
        return new ArrayList<>(connections.values());
    }

    /** {@code stats conns}: memcached's {@code process_stats_conns}. */
    public void stats(StatsSink sink) {
        int now = clock.now();
        for (Connection c : snapshot()) {
            String p = c.id() + ":";
            sink.stat(p + "addr", SocketAddresses.format(c.address()));
            if (!c.isListener()) {
                sink.stat(p + "listen_addr", SocketAddresses.format(c.listenAddress()));
            }
            sink.stat(p + "state", c.state().text());
            sink.stat(p + "secs_since_last_cmd", Integer.toString(now - c.lastCommandTime()));
        }
    }
}
