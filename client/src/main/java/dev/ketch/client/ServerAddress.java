package dev.ketch.client;

import java.util.Objects;

/**
 * One configured memcached server: {@code host:port[:weight]}, the form libmemcached's
 * {@code --server} option and this client's builder take. IPv6 hosts go in brackets
 * ({@code [::1]:11211}). The port defaults to 11211 and the weight to 1.
 *
 * @param host host name or address literal (without brackets)
 * @param port TCP port
 * @param weight relative share of keys under a weighted distribution (at least 1)
 */
public record ServerAddress(String host, int port, int weight) {

    /** memcached's default port. */
    public static final int DEFAULT_PORT = 11211;

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, not " + weight);
        }
    }

    /** Parses {@code host}, {@code host:port}, {@code host:port:weight}, {@code [v6]:port[:weight]}. */
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
        return new ServerAddress(host, port, weight);
    }

    private static int number(String text, String what, String server) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + text + "' in server address '" + server + "'", e);
        }
    }

    /** {@code host:port} ({@code [v6]:port}): how results and metrics name this server. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
