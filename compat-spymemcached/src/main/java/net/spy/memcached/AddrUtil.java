package net.spy.memcached;

import java.net.InetSocketAddress;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/** Parses server lists into socket addresses, resolving host names as spymemcached does. */
public final class AddrUtil {

    private AddrUtil() {
    }

    /**
     * Parses {@code "host:port host:port"} (separated by whitespace or commas). The host is
     * everything before the last colon, so {@code ::1:11211} is IPv6 {@code ::1}; names are
     * resolved now (an unresolvable name gives an unresolved address).
     *
     * @throws IllegalArgumentException for an empty list or a server without a port
     */
    public static List<InetSocketAddress> getAddresses(String s) {
        if (s == null) {
            throw new NullPointerException("Null host list");
        }
        if (s.trim().isEmpty()) {
            throw new IllegalArgumentException("No hosts in list:  ``" + s + "''");
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String server : s.split("(?:\\s|,)+")) {
            if (!server.isEmpty()) {
                addresses.add(parse(server, s));
            }
        }
        return addresses;
    }

    /** Parses each {@code host:port}. */
    public static List<InetSocketAddress> getAddresses(List<String> servers) {
        List<InetSocketAddress> addresses = new ArrayList<>(servers.size());
        for (String server : servers) {
            addresses.add(parse(server, server));
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("servers cannot be empty");
        }
        return addresses;
    }

    /** The host and port of each URL. */
    public static List<InetSocketAddress> getAddressesFromURL(List<URL> servers) {
        List<InetSocketAddress> addresses = new ArrayList<>(servers.size());
        for (URL server : servers) {
            addresses.add(new InetSocketAddress(server.getHost(), server.getPort()));
        }
        return addresses;
    }

    private static InetSocketAddress parse(String server, String list) {
        int colon = server.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("Invalid server ``" + server + "'' in list:  " + list);
        }
        return new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
    }
}
