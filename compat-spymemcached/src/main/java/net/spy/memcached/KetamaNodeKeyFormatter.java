package net.spy.memcached;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How ketama names a server's points: {@code <server name>-<repetition>}. */
public class KetamaNodeKeyFormatter {

    /** The naming schemes. */
    public enum Format {
        /** The server's socket address as Java prints it, without the leading {@code '/'}. */
        SPYMEMCACHED,
        /** libmemcached's: the host name, with {@code :port} unless the port is 11211. */
        LIBMEMCACHED
    }

    private final Format format;
    private final Map<MemcachedNode, String> names = new ConcurrentHashMap<>();

    /** The {@link Format#SPYMEMCACHED} naming. */
    public KetamaNodeKeyFormatter() {
        this(Format.SPYMEMCACHED);
    }

    /** The naming {@code format}. */
    public KetamaNodeKeyFormatter(Format format) {
        this.format = format;
    }

    /** This formatter's naming scheme. */
    public Format getFormat() {
        return format;
    }

    /** The name of point {@code repetition} of {@code node}. */
    public String getKeyForNode(MemcachedNode node, int repetition) {
        return names.computeIfAbsent(node, this::name) + "-" + repetition;
    }

    private String name(MemcachedNode node) {
        if (format == Format.LIBMEMCACHED) {
            InetSocketAddress address = (InetSocketAddress) node.getSocketAddress();
            return address.getPort() == 11211 ? address.getHostName() : address.getHostName() + ":" + address.getPort();
        }
        String printed = String.valueOf(node.getSocketAddress());
        return printed.startsWith("/") ? printed.substring(1) : printed;
    }
}
