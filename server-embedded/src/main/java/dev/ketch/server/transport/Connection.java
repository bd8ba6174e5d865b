package dev.ketch.server.transport;

import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;
import io.netty.channel.Channel;
import java.net.SocketAddress;

/**
 * One entry of the connection table: a listening socket, a client connection or a worker's share
 * of a UDP socket, with the small integer id memcached would show as its file descriptor. The
 * protocol handler keeps {@link #state(ConnectionState)} and {@link #commandReceived(int)}
 * current; {@code stats conns} and the idle-timeout sweep read them from other threads.
 */
public final class Connection {

    private final int id;
    private final Transport transport;
    private final Channel channel;
    private volatile SocketAddress address;
    private final SocketAddress listenAddress;
    private volatile ConnectionState state;
    private volatile int lastCommandTime;
    /** Why the server closes the connection; null until it decides to (a client's EOF is NORMAL). */
    private volatile EventLog.CloseReason closeReason;

    /** {@code -vvv} traces the state changes; null: never. */
    private final Verbose verbose;

    Connection(int id, Transport transport, Channel channel, SocketAddress address, SocketAddress listenAddress,
            ConnectionState state, int lastCommandTime, Verbose verbose) {
        this.verbose = verbose;
        this.id = id;
        this.transport = transport;
        this.channel = channel;
        this.address = address;
        this.listenAddress = listenAddress;
        this.state = state;
        this.lastCommandTime = lastCommandTime;
    }

    /** The id {@code stats conns} prints (memcached's fd). */
    public int id() {
        return id;
    }

    public Transport transport() {
        return transport;
    }

    /**
     * True for a worker's share of a UDP socket: every request and reply is a datagram, replies
     * are written one memcached response per buffer (see {@link DatagramProtocols}).
     */
    public boolean isDatagram() {
        return transport == Transport.UDP;
    }

    /** The channel: the client's socket, the listening socket, or the shared UDP socket. */
    public Channel channel() {
        return channel;
    }

    public boolean isListener() {
        return listenAddress == null;
    }

    /**
     * The peer's address (null when it has none, as for unix socket clients); for a listener the
     * address it is bound to; for a UDP connection the sender of the request being served.
     */
    public SocketAddress address() {
        return address;
    }

    /** A UDP connection serves a request from {@code sender}. */
    void requestFrom(SocketAddress sender) {
        this.address = sender;
    }

    /** For a client: the local address it was accepted on; for a UDP connection the socket's address; null for a listener. */
    public SocketAddress listenAddress() {
        return listenAddress;
    }

    public ConnectionState state() {
        return state;
    }

    /** Takes the connection out of the table; set by the table. */
    private volatile Runnable unregister = () -> { };

    void unregisterWith(Runnable action) {
        this.unregister = action;
    }

    /**
     * The server is about to close the connection: its entry (and its number) is freed now, as
     * memcached frees a descriptor when it closes it, so that the next client gets that number
     * even if it connects before the channel's close has been processed.
     */
    public void unregister() {
        unregister.run();
    }

    /** Moves to {@code next} without a trace (memcached's listeners never change state). */
    void stateQuietly(ConnectionState next) {
        state = next;
    }

    /** Moves to {@code next} (memcached's {@code conn_set_state}, traced at {@code -vvv}). */
    public void state(ConnectionState next) {
        ConnectionState current = state;
        if (next != current) {
            if (verbose != null && verbose.at(Verbose.INTERNALS)) {
                verbose.line(id + ": going from " + current.text() + " to " + next.text());
            }
            state = next;
        }
    }

    /** Server clock time ({@code Clock.now()}) of the last command, or of the connect. */
    public int lastCommandTime() {
        return lastCommandTime;
    }

    /** Why the connection ended, as {@code connevents} reports it: normal unless the server said otherwise. */
    public EventLog.CloseReason closeReason() {
        EventLog.CloseReason r = closeReason;
        return r != null ? r : EventLog.CloseReason.NORMAL;
    }

    /** The server is closing the connection for {@code reason} (the first reason given stands). */
    public void closing(EventLog.CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    /** Records that a command line was read at server time {@code now} (idle timeout, stats). */
    public void commandReceived(int now) {
        this.lastCommandTime = now;
    }
}
