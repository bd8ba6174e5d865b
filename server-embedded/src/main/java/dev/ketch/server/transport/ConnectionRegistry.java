package dev.ketch.server.transport;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;
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
 * <p>Ids imitate the file descriptors memcached 1.6.18 uses on Linux: its first listening socket
 * gets fd {@code 7 + 4 * threads} (stdio, the event bases and the per-thread notification
 * descriptors come first); further listeners, then the UDP sockets (one descriptor per worker
 * thread and socket), then clients take the lowest free number. memcached's fast maxconns check
 * rejects a client whose fd is {@code >= maxconns - 1}; using the same numbering makes the same
 * client be the first one rejected.
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
    private final EventLog log;

    public ConnectionRegistry(ServerSettings settings, ServerStats stats, Clock clock) {
        this(settings, stats, clock, new EventLog(settings.loggerWatcherBufSize,
                new dev.ketch.server.logging.Verbose(settings, System.err)));
    }

    /** @param log where clients connecting and leaving are reported ({@code connevents}) */
    public ConnectionRegistry(ServerSettings settings, ServerStats stats, Clock clock, EventLog log) {
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.log = log;
        this.firstId = 7 + 4 * settings.numThreads;
    }

    /** Registers a TCP listening socket bound to {@code bound}. */
    public Connection addListener(Channel channel, SocketAddress bound) {
        return addListener(channel, bound, Transport.TCP);
    }

    /** Registers a listening socket bound to {@code bound}. */
    public synchronized Connection addListener(Channel channel, SocketAddress bound, Transport transport) {
        Connection c = add(transport, channel, bound, null, ConnectionState.LISTENING, LISTENER_CREATED);
        if (log.verbose().at(Verbose.COMMANDS)) {
            log.verbose().line("<" + c.id() + " server listening (" + settings.bindingProtocol.statsName() + ")");
        }
        return c;
    }

    /**
     * Registers one worker's share of a UDP socket bound to {@code bound}: it waits for a request
     * ({@code conn_read}) from the start.
     */
    public synchronized Connection addUdp(Channel socket, SocketAddress bound) {
        Connection c = add(Transport.UDP, socket, null, bound, ConnectionState.READ, LISTENER_CREATED);
        if (log.verbose().at(Verbose.COMMANDS)) {
            log.verbose().line("<" + c.id() + " server listening (udp)");
        }
        return c;
    }

    /** Registers an accepted TCP client (see {@link #addClient(Channel, Transport, SocketAddress, SocketAddress)}). */
    public Connection addClient(Channel channel) {
        return addClient(channel, Transport.TCP, channel.remoteAddress(), channel.localAddress());
    }

    /**
     * Registers an accepted client, or returns null if memcached's fast maxconns check rejects it
     * (counted in {@code rejected_connections}; the caller answers and closes it).
     *
     * @param peer the client's address; null when it has none (unix socket clients)
     * @param listenAddress the address it was accepted on
     */
    public synchronized Connection addClient(Channel channel, Transport transport, SocketAddress peer,
            SocketAddress listenAddress) {
        if (settings.maxConnsFast && used.nextClearBit(firstId) >= settings.maxConns - 1) {
            stats.rejectedConnections.increment();
            return null;
        }
        Connection c = add(transport, channel, peer, listenAddress, ConnectionState.NEW_CMD, clock.now());
        c.unregisterWith(() -> remove(c));
        if (log.verbose().at(Verbose.COMMANDS)) {
            log.verbose().line("<" + c.id() + switch (settings.bindingProtocol) {
                case ASCII -> " new ascii client connection.";
                case BINARY -> " new binary client connection.";
                default -> " new auto-negotiating client connection";
            });
        }
        if (log.wants(EventLog.CONNEVENTS)) {
            log.connectionOpened(SocketAddresses.remoteIp(peer), SocketAddresses.remotePort(peer),
                    transportName(transport), c.id());
        }
        return c;
    }

    /** memcached's {@code transport_map}. */
    private static String transportName(Transport transport) {
        return switch (transport) {
            case TCP -> "tcp";
            case UDP -> "udp";
            default -> "local";
        };
    }

    private Connection add(Transport transport, Channel channel, SocketAddress address, SocketAddress listenAddress,
            ConnectionState state, int lastCommandTime) {
        int id = used.nextClearBit(firstId);
        Connection c = new Connection(id, transport, channel, address, listenAddress, state, lastCommandTime,
                log.verbose());
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
            if (!c.isListener() && !c.isDatagram()) {
                c.state(ConnectionState.CLOSING); // a client's end of stream: memcached's conn_read finds it
                if (log.verbose().at(Verbose.COMMANDS)) {
                    log.verbose().line("<" + c.id() + " connection closed.");
                }
            }
            if (c.isListener() || c.isDatagram()) {
                c.stateQuietly(ConnectionState.CLOSED);
            } else {
                c.state(ConnectionState.CLOSED);
            }
            stats.connectionClosed();
            if (!c.isListener() && !c.isDatagram() && log.wants(EventLog.CONNEVENTS)) {
                log.connectionClosed(SocketAddresses.remoteIp(c.address()), SocketAddresses.remotePort(c.address()),
                        transportName(c.transport()), c.closeReason(), c.id());
            }
        }
    }

    /** Every live connection, listeners and UDP connections included, by id. */
    public synchronized List<Connection> snapshot() {
        return new ArrayList<>(connections.values());
    }

    /**
     * {@code stats conns}: memcached's {@code process_stats_conns}. A UDP connection gets an extra
     * {@code UDP} line; while it waits for a request it shows the socket's own address and no
     * {@code listen_addr}, like a listener; while serving one it shows the sender.
     */
    public void stats(StatsSink sink) {
        int now = clock.now();
        for (Connection c : snapshot()) {
            String p = c.id() + ":";
            if (c.isDatagram()) {
                sink.stat(p + "UDP", "UDP");
            }
            ConnectionState state = c.state();
            boolean idleUdp = c.isDatagram() && state == ConnectionState.READ;
            if (c.isListener() || idleUdp) {
                sink.stat(p + "addr", SocketAddresses.format(c.isListener() ? c.address() : c.listenAddress(),
                        c.transport()));
            } else {
                sink.stat(p + "addr", SocketAddresses.format(c.address(), c.transport()));
                sink.stat(p + "listen_addr", SocketAddresses.format(c.listenAddress(), c.transport()));
            }
            sink.stat(p + "state", state.text());
            sink.stat(p + "secs_since_last_cmd", Integer.toString(now - c.lastCommandTime()));
        }
    }
}
