package dev.ketch.client.cluster;

import dev.ketch.client.HostResolver;
import dev.ketch.client.ServerAddress;
import dev.ketch.client.node.ResolverGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ElastiCache's auto-discovery: {@code config get cluster} on a configuration endpoint, over a
 * connection of its own opened for each poll. The reply is
 * {@code CONFIG cluster <flags> <bytes>\r\n<version>\n<host|ip|port> ...\n\r\nEND\r\n}.
 */
final class ConfigurationEndpoint implements ServerDiscovery {

    private static final byte[] REQUEST = "config get cluster\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_CONFIG = 1024 * 1024;

    private final ServerAddress endpoint;
    private final HostResolver resolver;

    ConfigurationEndpoint(ServerAddress endpoint, HostResolver resolver) {
        this.endpoint = endpoint;
        this.resolver = resolver;
    }

    @Override
    public DiscoveredServers discover(Duration timeout) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        InetAddress address = ResolverGroup.resolve(resolver, endpoint.connectHost()).get(0);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, endpoint.port()), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(REQUEST);
            out.flush();
            return parseReply(socket.getInputStream(), endpoint.toString());
        }
    }

    /** Reads one {@code config get cluster} reply. */
    static DiscoveredServers parseReply(InputStream in, String endpoint) throws IOException {
        String header = line(in);
        if (header.equals("END")) {
            throw new IOException(endpoint + " has no cluster configuration (config get cluster answered END)");
        }
        if (!header.startsWith("CONFIG cluster ")) {
            throw new IOException(endpoint + " does not serve config get cluster: it answered '" + header + "'");
        }
        String[] fields = header.split(" ");
        int length;
        try {
            length = fields.length == 4 ? Integer.parseInt(fields[3]) : -1;
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > MAX_CONFIG) {
            throw new IOException(endpoint + " sent a malformed header: '" + header + "'");
        }
        byte[] data = in.readNBytes(length);
        if (data.length < length) {
            throw new IOException(endpoint + " closed the connection within the configuration");
        }
        String end = line(in);
        if (!end.isEmpty() || !line(in).equals("END")) {
            throw new IOException(endpoint + ": configuration not followed by \\r\\nEND\\r\\n");
        }
        return parseConfig(new String(data, StandardCharsets.US_ASCII), endpoint);
    }

    /** Parses {@code <version>\n<host|ip|port> <host|ip|port> ...\n}. */
    static DiscoveredServers parseConfig(String config, String endpoint) throws IOException {
        String[] lines = config.strip().split("\r?\n");
        if (lines.length != 2) {
            throw new IOException(endpoint + ": expected a version line and a node line, got '" + config + "'");
        }
        long version;
        try {
            version = Long.parseLong(lines[0].strip());
        } catch (NumberFormatException e) {
            throw new IOException(endpoint + ": bad configuration version '" + lines[0] + "'", e);
        }
        List<ServerAddress> servers = new ArrayList<>();
        Map<String, InetAddress> addresses = new HashMap<>();
        for (String node : lines[1].strip().split("\\s+")) {
            String[] parts = node.split("\\|", -1);
            if (parts.length != 3 || parts[0].isEmpty()) {
                throw new IOException(endpoint + ": expected host|ip|port, got '" + node + "'");
            }
            ServerAddress server;
            try {
                server = new ServerAddress(parts[0], Integer.parseInt(parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IOException(endpoint + ": bad node '" + node + "': " + e.getMessage(), e);
            }
            if (servers.contains(server)) {
                throw new IOException(endpoint + ": node '" + node + "' listed twice");
            }
            servers.add(server);
            if (!parts[1].isEmpty()) {
                byte[] ip = io.netty.util.NetUtil.createByteArrayFromIpAddressString(parts[1]);
                if (ip == null) {
                    throw new IOException(endpoint + ": bad ip in node '" + node + "'");
                }
                addresses.put(parts[0], InetAddress.getByAddress(parts[0], ip));
            }
        }
        return new DiscoveredServers(version, servers, addresses);
    }

    /** A line ending in {@code \r\n}, without it. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed by the configuration endpoint before its reply ended");
            }
            if (c == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            if (line.size() > 1024) {
                throw new IOException("reply line too long");
            }
            line.write(c);
            previous = c;
        }
    }

    @Override
    public String toString() {
        return "config endpoint " + endpoint;
    }
}
