package dev.ketch.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The cluster configuration a server serves as an ElastiCache-style configuration endpoint, when
 * started with {@code --enable-cluster-config} ({@link dev.ketch.server.config.ServerSettings#clusterConfigCommand}).
 * Clients read it with {@code config get cluster}; it is set with {@code config set cluster} or,
 * embedded, with {@link #publish} and {@link #set}.
 *
 * <p>The value is kept as the bytes it was set with. Its format, which auto-discovering clients
 * expect, is two lines: the configuration's version number, then the nodes separated by spaces,
 * each as {@code host|ip|port} (the ip may be empty), both ending in {@code \n}:
 * <pre>
 * 3\n
 * cache1.example|10.0.0.1|11211 cache2.example|10.0.0.2|11211\n
 * </pre>
 * Thread-safe.
 */
public final class ClusterConfig {

    /**
     * One stored value.
     *
     * @param flags the client flags it was set with (0 from {@link #set})
     * @param data the value's bytes, as served by {@code config get cluster}
     */
    public record Value(int flags, byte[] data) {
        /** Copies {@code data}. */
        public Value {
            data = data.clone();
        }

        /** The value's bytes (a copy). */
        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The number on the value's first line, or -1 if it does not start with one. */
        public long version() {
            String text = new String(data, StandardCharsets.US_ASCII);
            int nl = text.indexOf('\n');
            try {
                return Long.parseLong((nl < 0 ? text : text.substring(0, nl)).trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    private volatile Value value;

    /** What {@code config get cluster} serves, or null while nothing was set. */
    public Value value() {
        return value;
    }

    /** Stores a value as {@code config set cluster} does: as given, whatever its format. */
    public void store(int flags, byte[] data) {
        value = new Value(flags, Objects.requireNonNull(data, "data"));
    }

    /** Forgets the value, as {@code config delete cluster} does. */
    public void clear() {
        value = null;
    }

    /**
     * Sets version {@code version} with {@code nodes}, each {@code host|ip|port}.
     *
     * @throws IllegalArgumentException if a node is not {@code host|ip|port} with a port from 1 to 65535
     */
    public void set(long version, List<String> nodes) {
        if (version < 0) {
            throw new IllegalArgumentException("negative configuration version: " + version);
        }
        for (String node : nodes) {
            checkNode(node);
        }
        store(0, (version + "\n" + String.join(" ", nodes) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Sets {@code nodes} as the next version: one more than the current one (1 if there is none).
     * Returns the new version.
     */
    public synchronized long publish(List<String> nodes) {
        Value current = value;
        long next = current == null ? 1 : Math.max(current.version(), 0) + 1;
        set(next, nodes);
        return next;
    }

    private static void checkNode(String node) {
        String[] parts = node.split("\\|", -1);
        if (parts.length != 3 || parts[0].isEmpty() || node.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("expected host|ip|port, got '" + node + "'");
        }
        int port;
        try {
            port = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + node + "'", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + node + "'");
        }
    }
}
