package dev.ketch.server.transport;

import java.net.SocketAddress;

/**
 * A socket the server listens on, one entry per socket memcached would open: a wildcard TCP
 * listener is {@code 0.0.0.0} and {@code [::]}, and a UDP socket is listed once however many
 * worker threads serve it.
 *
 * @param transport TCP, UDP or UNIX
 * @param address the bound address ({@link java.net.InetSocketAddress} with the chosen port, or
 *     a unix socket address)
 */
public record ListeningSocket(Transport transport, SocketAddress address) {
}
