package dev.ketch.server.transport;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.storage.Clock;
import dev.ketch.server.tls.ServerTls;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Everything the server listens on, started as memcached starts it: with {@code -s} only the unix
 * domain socket (no TCP, no UDP); otherwise TCP on {@code -p} (unless it is off) and then UDP on
 * {@code -U} (when not 0), on every {@code -l} address. Also runs the {@code idle_timeout} sweep.
 */
public final class Transports implements AutoCloseable {

    private final EventLoops loops;
    private final List<StreamTransport> streams = new ArrayList<>();
    private final List<UdpTransport> datagrams = new ArrayList<>();
    private ScheduledFuture<?> idleSweep;
    private boolean closed;

    private Transports(ServerSettings settings) {
        this.loops = new EventLoops(settings.numThreads);
    }

    /**
     * Binds every socket the settings ask for and starts serving.
     *
     * <p>Ports: -1 asks for a free port, as in memcached. A TCP port of 0 also asks for a free
     * port unless {@link ServerSettings#portZeroMeansNoTcp} is set (memcached's {@code -p 0}); a
     * UDP port of 0 means no UDP.
     *
     * @param stream makes the handler of each accepted TCP or unix socket client
     * @param datagram the handlers serving UDP requests
     * @throws IOException if an address cannot be resolved or bound (nothing is left running)
     */
    public static Transports start(ServerSettings settings, ServerStats stats, Clock clock, ConnectionRegistry registry,
            Function<Connection, ChannelHandler> stream, DatagramProtocols datagram) throws IOException {
        return start(settings, stats, clock, registry, stream, datagram, null, () -> { });
    }

    /**
     * Like {@link #start(ServerSettings, ServerStats, Clock, ConnectionRegistry, Function, DatagramProtocols)},
     * with TLS ({@code -Z}) on every TCP listener but those given as {@code notls:} when
     * {@code tls} is not null, and running {@code beforeListening} once the event loops exist and
     * before the first socket is bound: the slow part of a start (loading the transport) overlaps
     * with what the caller waits for there.
     *
     * @throws IOException if an address cannot be resolved or bound (nothing is left running)
     */
    public static Transports start(ServerSettings settings, ServerStats stats, Clock clock, ConnectionRegistry registry,
            Function<Connection, ChannelHandler> stream, DatagramProtocols datagram, ServerTls tls,
            Runnable beforeListening) throws IOException {
        Transports t = new Transports(settings);
        try {
            beforeListening.run();
            if (settings.socketPath != null) {
                StreamTransport.listenUnix(t.loops, settings, stats, registry, stream,
                        new UnixSocketFile(settings.socketPath, settings.access), t.streams);
            } else {
                if (settings.port != 0 || !settings.portZeroMeansNoTcp) {
                    StreamTransport.listenTcp(t.loops, settings, stats, registry, stream,
                            targets(settings, settings.port), tls, t.streams);
                }
                if (settings.udpPort != 0) {
                    UdpTransport.listen(t.loops, settings, stats, registry, datagram,
                            targets(settings, settings.udpPort), t.datagrams);
                }
            }
            if (settings.idleTimeout > 0) {
                IdleConnectionSweeper sweeper = new IdleConnectionSweeper(registry, stats, clock, settings.idleTimeout);
                t.idleSweep = t.loops.acceptor().next().scheduleAtFixedRate(sweeper, 1, 1, TimeUnit.SECONDS);
            }
            return t;
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private static List<ListenAddresses.Target> targets(ServerSettings settings, int port) throws IOException {
        try {
            return ListenAddresses.targets(settings.listenAddresses, port);
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve listen address " + e.getMessage(), e);
        }
    }

    /** Whether this JVM uses Linux's native epoll transport. */
    public static boolean nativeTransport() {
        return EventLoops.nativeTransport();
    }

    /** The bound TCP port (of the first listener when there are several), or 0 without TCP. */
    public int tcpPort() {
        for (ListeningSocket s : listeningSockets()) {
            if (s.transport() == Transport.TCP) {
                return ((java.net.InetSocketAddress) s.address()).getPort();
            }
        }
        return 0;
    }

    /** The bound UDP port (of the first socket when there are several), or 0 without UDP. */
    public int udpPort() {
        return datagrams.isEmpty() ? 0 : datagrams.get(0).port();
    }

    /** Every listening socket, in the order memcached opens them (TCP, then UDP; or the unix socket). */
    public List<ListeningSocket> listeningSockets() {
        List<ListeningSocket> all = new ArrayList<>();
        for (StreamTransport s : streams) {
            all.addAll(s.sockets());
        }
        for (UdpTransport u : datagrams) {
            all.addAll(u.sockets());
        }
        return all;
    }

    /**
     * Stops listening (removing a unix socket's file), closes every connection and stops every
     * thread; idempotent.
     *
     * @throws IllegalStateException if called from one of the server's own threads, which would
     *     wait for itself
     */
    @Override
    public void close() {
        loops.checkNotOnServerThread();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (idleSweep != null) {
            idleSweep.cancel(false);
        }
        for (StreamTransport s : streams) {
            s.stopListening();
        }
        for (UdpTransport u : datagrams) {
            u.close();
        }
        for (StreamTransport s : streams) {
            s.closeClients();
        }
        loops.close();
    }
}
