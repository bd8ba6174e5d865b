package dev.ketch.server.transport;

import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.storage.Clock;

/**
 * {@code -o idle_timeout}: once a second, closes clients that have sent no command for more than
 * the timeout while waiting for one (memcached's {@code conn_timeout_thread} and
 * {@code conn_close_idle}: a connection in the middle of a value or of writing is left alone, and
 * only TCP clients are considered: memcached never closes unix socket clients or UDP connections).
 * The decision is re-checked on the connection's own event loop, where its state changes.
 */
final class IdleConnectionSweeper implements Runnable {

    private final ConnectionRegistry registry;
    private final ServerStats stats;
    private final Clock clock;
    private final int idleTimeout;

    IdleConnectionSweeper(ConnectionRegistry registry, ServerStats stats, Clock clock, int idleTimeout) {
        this.registry = registry;
        this.stats = stats;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void run() {
        for (Connection c : registry.snapshot()) {
            if (!c.isListener() && c.transport() == Transport.TCP && isIdle(c)) {
                c.channel().eventLoop().execute(() -> kickIfIdle(c));
            }
        }
    }

    private boolean isIdle(Connection c) {
        ConnectionState s = c.state();
        return (s == ConnectionState.NEW_CMD || s == ConnectionState.READ)
                && clock.now() - c.lastCommandTime() > idleTimeout;
    }

    private void kickIfIdle(Connection c) {
        if (c.channel().isActive() && isIdle(c)) {
            stats.idleKicks.increment();
            c.closing(dev.ketch.server.logging.EventLog.CloseReason.IDLE_TIMEOUT);
            c.state(ConnectionState.CLOSING);
            c.channel().close();
        }
    }
}
