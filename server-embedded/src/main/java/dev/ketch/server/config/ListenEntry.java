package dev.ketch.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One address of {@code -l}, read as memcached 1.6.18 reads it when binding: optional
 * {@code notls:} (see {@link #isNotls}), {@code proto[ascii|binary|negotiating]:} and {@code tag[name]:} prefixes, then {@code host},
 * {@code host:port}, {@code [ipv6]}, {@code [ipv6]:port} or a bare IPv6 address; {@code *} means
 * every interface.
 *
 * @param host the host to resolve, or null for every interface ({@code *})
 * @param port the port given with the address, or null to use {@code -p}/{@code -U}
 * @param protocol the protocol forced for this listener, or null to use {@code -B}
 * @param tag the listener tag (1 to 8 characters), or null
 */
public record ListenEntry(String host, Integer port, ServerSettings.Protocol protocol, String tag) {

    private static final String NOTLS = "notls";
    private static final String PROTO = "proto";
    private static final String TAG = "tag";
    private static final int MAX_TAG_LENGTH = 8;

    /**
     * The entries of a {@code -l} setting: memcached splits its listen string at every ',' and ';'
     * and ignores empty pieces.
     */
    public static List<String> entries(List<String> listenAddresses) {
        List<String> out = new ArrayList<>();
        for (String piece : String.join(",", listenAddresses).split("[,;]")) {
            if (!piece.isEmpty()) {
                out.add(piece);
            }
        }
        return out;
    }

    /**
     * Reads one entry.
     *
     * @throws IllegalArgumentException with memcached's message when the entry is malformed
     */
    public static ListenEntry parse(String entry) {
        String p = isNotls(entry) ? entry.substring(Math.min(entry.length(), NOTLS.length() + 1)) : entry;
        ServerSettings.Protocol protocol = null;
        if (p.startsWith(PROTO)) {
            p = p.substring(PROTO.length());
            if (p.startsWith("[")) {
                Bracketed b = bracketed(p, "Invalid protocol spec: \"" + p + "\"");
                protocol = protocolNamed(b.inside);
                p = skipAssumedColon(b.after);
            }
        }
        String tag = null;
        if (p.startsWith(TAG)) {
            p = p.substring(TAG.length());
            if (p.startsWith("[")) {
                Bracketed b = bracketed(p, "Invalid tag in socket config: \"" + p + "\"");
                if (b.inside.isEmpty() || b.inside.length() > MAX_TAG_LENGTH) {
                    throw new IllegalArgumentException(
                            "Listener tags must be between 1 and 8 characters: \"" + b.inside + "\"");
                }
                tag = b.inside;
                p = skipAssumedColon(b.after);
            }
        }
        String bracketedHost = null;
        if (p.startsWith("[")) {
            Bracketed b = bracketed(p, "Invalid IPV6 address: \"" + p + "\"");
            bracketedHost = b.inside;
            p = b.after;
        }
        Integer port = null;
        int colon = p.indexOf(':');
        // Several colons without brackets: a bare IPv6 address, no port.
        if (colon >= 0 && (p.indexOf(':', colon + 1) < 0 || bracketedHost != null)) {
            String portText = p.substring(colon + 1);
            port = CNumbers.safeStrtol(portText);
            if (port == null) {
                throw new IllegalArgumentException("Invalid port number: \"" + portText + "\"");
            }
            p = p.substring(0, colon);
        }
        String host = bracketedHost != null ? bracketedHost : p;
        return new ListenEntry(host.equals("*") ? null : host, port, protocol, tag);
    }

    /**
     * Whether the entry starts with memcached's {@code notls} prefix ({@code notls:127.0.0.1:11212}):
     * plain TCP among TLS listeners, valid only with {@code -Z}. {@link #parse} skips it.
     */
    public static boolean isNotls(String entry) {
        return entry.startsWith(NOTLS);
    }

    private record Bracketed(String inside, String after) {
    }

    private static Bracketed bracketed(String p, String error) {
        int close = p.indexOf(']');
        if (close < 0) {
            throw new IllegalArgumentException(error);
        }
        return new Bracketed(p.substring(1, close), p.substring(close + 1));
    }

    private static String skipAssumedColon(String p) {
        return p.isEmpty() ? p : p.substring(1);
    }

    /** memcached compares only as many characters as were given, so {@code proto[bin]} is binary. */
    private static ServerSettings.Protocol protocolNamed(String name) {
        if ("ascii".startsWith(name)) {
            return ServerSettings.Protocol.ASCII;
        }
        if ("binary".startsWith(name)) {
            return ServerSettings.Protocol.BINARY;
        }
        if ("negotiating".startsWith(name)) {
            return ServerSettings.Protocol.AUTO;
        }
        if ("proxy".startsWith(name)) {
            throw new IllegalArgumentException("Server not built with proxy: \"" + name + "\"");
        }
        return null;
    }
}
