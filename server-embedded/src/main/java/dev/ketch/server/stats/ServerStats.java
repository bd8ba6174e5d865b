package dev.ketch.server.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters kept outside the engine: connections and bytes on the wire, and the commands the
 * engine never sees (a refused {@code flush_all}, authentication, meta commands). Lock-free; any
 * thread may update them.
 *
 * <p>As in memcached, listening sockets count as connections: the transport calls
 * {@link #connectionOpened()} for each listener as well as for each client, and
 * {@code curr_connections} reports the count minus one.
 */
public final class ServerStats {

    public final AtomicLong currConnections = new AtomicLong();
    public final LongAdder totalConnections = new LongAdder();
    public final LongAdder rejectedConnections = new LongAdder();
    /** Connection structures ever in use at once, as memcached counts {@code conn_structs}. */
    public final AtomicLong connectionStructures = new AtomicLong();
    public final LongAdder bytesRead = new LongAdder();
    public final LongAdder bytesWritten = new LongAdder();
    public final LongAdder flushCmds = new LongAdder();
    public final LongAdder metaCmds = new LongAdder();
    public final LongAdder authCmds = new LongAdder();
    public final LongAdder authErrors = new LongAdder();
    public final LongAdder idleKicks = new LongAdder();
    public final LongAdder connYields = new LongAdder();
    public final LongAdder listenDisabledNum = new LongAdder();
    public final LongAdder timeInListenDisabledUs = new LongAdder();
    public volatile boolean acceptingConnections = true;
    /** TLS handshakes that failed ({@code ssl_handshake_errors}). */
    public final LongAdder sslHandshakeErrors = new LongAdder();
    /** TLS sessions made rather than resumed, with {@code ssl_session_cache} ({@code ssl_new_sessions}). */
    public final LongAdder sslNewSessions = new LongAdder();
    /** Server time of the last certificate load ({@code time_since_server_cert_refresh}). */
    public volatile int sslLastCertRefreshTime;

    /** Records a new connection and keeps {@link #connectionStructures} at its high-water mark. */
    public void connectionOpened() {
        long now = currConnections.incrementAndGet();
        totalConnections.increment();
        connectionStructures.accumulateAndGet(now, Math::max);
    }

    public void connectionClosed() {
        currConnections.decrementAndGet();
    }

    /** {@code stats reset}: zeroes the cumulative counters (not the current connection count). */
    public void reset() {
        for (LongAdder a : new LongAdder[] {totalConnections, rejectedConnections, bytesRead, bytesWritten,
                flushCmds, metaCmds, authCmds, authErrors, idleKicks, connYields, listenDisabledNum,
                timeInListenDisabledUs, sslHandshakeErrors, sslNewSessions}) {
            a.reset();
        }
    }
}
