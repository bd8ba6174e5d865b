package dev.ketch.client;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One configured memcached server: host, port and weight, in libmemcached's {@code
 * host[:port[:weight]]} notation. The port defaults to 11211 and the weight to 1.
 *
 * <p>The host is kept exactly as configured: it is the string ketama hashes (as {@code host-i} on
 * port 11211, {@code host:port-i} otherwise), so {@code localhost} and {@code 127.0.0.1} are
 * different ring members, as they are to libmemcached. Which host string each form gives:
 * <ul>
 *   <li>{@code "cache1:11211:2"}, {@code "10.0.0.1"}: the text before the first colon;</li>
 *   <li>{@code "[::1]:11212:2"}: {@code ::1}, without brackets, as pylibmc, PHP's
 *       {@code addServer('::1', ...)} and OMcache store it;</li>
 *   <li>{@link #of(InetSocketAddress)}: {@link InetSocketAddress#getHostString()}, the host name
 *       or literal the address was created with, never a reverse lookup;</li>
 *   <li>the constructor: the host as given. {@code new ServerAddress("[::1]", 11211, 1)} hashes
 *       the brackets too, as libmemcached's own {@code memcached_servers_parse("[::1]:11211")}
 *       does (and its {@code memc*} tools' {@code --servers}); connections strip them.</li>
 * </ul>
 *
 * @param host host name or address literal, as configured (see above)
 * @param port TCP port
 * @param weight relative share of keys under a weighted distribution (at least 1)
 */
public record ServerAddress(String host, int port, int weight) {

    /** memcached's default port. */
    public static final int DEFAULT_PORT = 11211;

    /**
     * Checks the host (not empty, no whitespace or control characters, brackets balanced), the port
     * (1 to 65535) and the weight (at least 1).
     */
    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        if (host.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("whitespace or control character in host name '" + host + "'");
        }
        if (host.startsWith("[") != host.endsWith("]") || host.startsWith("[") && host.length() < 3) {
            throw new IllegalArgumentException("unbalanced brackets in host name '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, not " + weight);
        }
    }

    /** A server of weight 1 on {@code port}. */
    public ServerAddress(String host, int port) {
        this(host, port, 1);
    }

    /**
     * The server at {@code address}, weight 1; its host is {@link InetSocketAddress#getHostString()}
     * (for an address created from an {@code InetAddress} without a name, Java's text form of the
     * literal, e.g. {@code 0:0:0:0:0:0:0:1}).
     */
    public static ServerAddress of(InetSocketAddress address) {
        return of(address, 1);
    }

    /** {@link #of(InetSocketAddress)} with a weight. */
    public static ServerAddress of(InetSocketAddress address, int weight) {
        Objects.requireNonNull(address, "address");
        return new ServerAddress(address.getHostString(), address.getPort(), weight);
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code host:port:weight} and {@code
     * [v6]:port[:weight]} (the brackets are not part of the host).
     */
    public static ServerAddress parse(String server) {
        Objects.requireNonNull(server, "server");
        String s = server.trim();
        String host;
        String rest;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in server address '" + server + "'");
            }
            host = s.substring(1, close);
            rest = s.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("expected ':' after ']' in server address '" + server + "'");
            }
            rest = rest.isEmpty() ? "" : rest.substring(1);
        } else {
            int colon = s.indexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            rest = colon < 0 ? "" : s.substring(colon + 1);
            if (host.isEmpty() && colon >= 0) {
                throw new IllegalArgumentException("no host in server address '" + server
                        + "' (IPv6 addresses go in brackets: [::1]:11211)");
            }
        }
        if (rest.isEmpty() && s.endsWith(":")) {
            throw new IllegalArgumentException("no port after ':' in server address '" + server + "'");
        }
        int port = DEFAULT_PORT;
        int weight = 1;
        if (!rest.isEmpty()) {
            String[] parts = rest.split(":", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("expected host:port[:weight], got '" + server + "'");
            }
            port = number(parts[0], "port", server);
            if (parts.length == 2) {
                weight = number(parts[1], "weight", server);
            }
        }
        try {
            return new ServerAddress(host, port, weight);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in server address '" + server + "'", e);
        }
    }

    private static int number(String text, String what, String server) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + text + "' in server address '" + server + "'", e);
        }
    }

    /** The host to connect to: {@link #host()} without brackets. */
    public String connectHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** {@code host:port} ({@code [v6]:port}): how results and metrics name this server. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
