package dev.ketch.server.transport;

/**
 * How a connection reached the server: memcached's {@code enum network_transport}. It decides how
 * {@code stats conns} names addresses ({@code tcp:}, {@code udp:}, {@code unix:}), which
 * connections the idle timeout may close (only TCP ones, as in memcached) and whether replies are
 * framed into datagrams.
 */
public enum Transport {
    /** A TCP listener or client. */
    TCP,
    /**
     * One worker's share of a UDP socket: memcached serves each UDP socket from several worker
     * threads and lists each of them as a connection.
     */
    UDP,
    /** A unix domain socket listener or client (memcached's {@code local_transport}). */
    UNIX
}
