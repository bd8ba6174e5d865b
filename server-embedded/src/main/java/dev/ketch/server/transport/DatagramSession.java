package dev.ketch.server.transport;

/**
 * What a protocol handler serving UDP requests tells the UDP transport so that a request spread
 * over datagrams is treated as memcached treats it. memcached reads each request datagram into a
 * fresh buffer, so a command line left incomplete at the end of one datagram is forgotten; but a
 * connection waiting for the rest of a data block reads the next datagram whole, header
 * included, and keeps only the bytes the data block still needs.
 *
 * <p>A handler that does not implement it gets every datagram's payload as it comes.
 */
public interface DatagramSession {

    /**
     * Bytes of a data block (a value to store or to throw away) this connection still waits for;
     * 0 when it waits for a command.
     */
    int awaitedBytes();

    /** Forgets input left over from earlier datagrams: a new request begins. */
    void discardInput();
}
