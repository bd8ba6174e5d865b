package dev.ketch.server.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads memcached's {@code -l} list: entries separated by {@code ,} or {@code ;}, each an address
 * or host name with an optional port ({@code 127.0.0.1:11212}, {@code [::1]:11212}), {@code *}
 * for all interfaces, optionally prefixed by {@code proto[...]:} or {@code tag[...]:} (accepted
 * and ignored: Ketch speaks only the text protocol so far). A host name stands for every address
 * it resolves to, as with memcached's {@code getaddrinfo}.
 */
final class ListenAddresses {

    /**
     * One address to bind; {@code address == null} means all interfaces. {@code notls} marks an
     * entry given as {@code notls:...}: plain TCP even when TLS is on.
     */
    record Target(InetAddress address, int port, boolean notls) {
    }

    /** memcached's prefix for a plain listener among TLS ones ({@code -l notls:127.0.0.1:11212}). */
    static final String NOTLS = "notls";

    private ListenAddresses() {
    }

    static List<Target> parse(List<String> entries, int defaultPort) throws UnknownHostException {
        Set<Target> targets = new LinkedHashSet<>();
        for (String entry : entries) {
            for (String part : entry.split("[;,]")) {
                if (!part.isEmpty()) {
                    targets.addAll(parseOne(part, defaultPort));
                }
            }
        }
        return new ArrayList<>(targets);
    }

    private static List<Target> parseOne(String p, int defaultPort) throws UnknownHostException {
        boolean notls = p.startsWith(NOTLS);
        if (notls) {
            p = p.substring(Math.min(p.length(), NOTLS.length() + 1)); // memcached skips an assumed ':'
        }
        p = stripBracketedPrefix(p, "proto");
        p = stripBracketedPrefix(p, "tag");
        String host = null;
        if (p.startsWith("[")) {
            int close = p.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid IPV6 address: \"" + p + "\"");
            }
            host = p.substring(1, close);
            p = p.substring(close + 1);
        }
        int port = defaultPort;
        int colon = p.indexOf(':');
        if (colon >= 0 && (p.indexOf(':', colon + 1) < 0 || host != null)) {
            String portText = p.substring(colon + 1);
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid port number: \"" + portText + "\"");
            }
            p = p.substring(0, colon);
        }
        if (host == null) {
            host = p;
        }
        List<Target> out = new ArrayList<>();
        if (host.equals("*") || host.isEmpty()) {
            out.add(new Target(null, port, notls));
            return out;
        }
        for (InetAddress a : InetAddress.getAllByName(host)) {
            out.add(new Target(a, port, notls));
        }
        return out;
    }

    private static String stripBracketedPrefix(String p, String name) {
        if (p.startsWith(name + "[")) {
            int close = p.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid " + name + " spec: \"" + p + "\"");
            }
            // memcached skips an assumed ':' after the ']'
            return p.substring(Math.min(p.length(), close + 2));
        }
        return p;
    }

    /**
     * The targets for {@code -l} (all interfaces without it) with {@code port} as the default
     * port, which an entry's own {@code :port} overrides for TCP and UDP alike, as in memcached.
     */
    static List<Target> targets(List<String> listenAddresses, int port) throws UnknownHostException {
        return listenAddresses.isEmpty() ? List.of(new Target(null, port, false)) : parse(listenAddresses, port);
    }

    /** The port to bind: memcached's {@code -p -1} / {@code -U -1} ask for a free one, as 0 does. */
    static int bindPort(int port) {
        return port == -1 ? 0 : port;
    }

    /** {@code host:port} or {@code [v6]:port}, for messages. */
    static String describe(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
