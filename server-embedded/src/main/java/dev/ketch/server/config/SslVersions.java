package dev.ketch.server.config;

import java.util.List;

/**
 * The TLS versions of {@code -o ssl_min_version}: 0 to 3 stand for TLS 1.0 to 1.3, named as
 * memcached names them in {@code stats settings} and as the JDK names them in
 * {@code SSLEngine.setEnabledProtocols}.
 */
public final class SslVersions {

    private static final List<String> MEMCACHED_NAMES = List.of("tlsv1.0", "tlsv1.1", "tlsv1.2", "tlsv1.3");
    private static final List<String> JDK_NAMES = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private SslVersions() {
    }

    /** memcached's name of {@code ssl_min_version} {@code version} ({@code tlsv1.2} for 2). */
    public static String name(int version) {
        return version >= 0 && version < MEMCACHED_NAMES.size() ? MEMCACHED_NAMES.get(version) : "unknown";
    }

    /** The JDK's protocol names from {@code minimum} up to TLS 1.3. */
    public static String[] jdkProtocolsFrom(int minimum) {
        return JDK_NAMES.subList(Math.max(0, minimum), JDK_NAMES.size()).toArray(String[]::new);
    }
}
