package dev.ketch.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions the server reports. {@code version} and {@code stats} print the memcached version
 * whose behaviour Ketch implements followed by Ketch's own ({@code 1.6.18-ketch-0.1.0}), because
 * clients and test tools gate features on the memcached version.
 */
public final class Version {

    private static final Properties PROPERTIES = load();

    /** The memcached release whose behaviour the server reproduces. */
    public static final String MEMCACHED_VERSION = PROPERTIES.getProperty("memcached.version");

    /** Ketch's own version. */
    public static final String KETCH_VERSION = PROPERTIES.getProperty("ketch.version");

    private Version() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties missing from the server jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** {@code <memcached version>-ketch-<ketch version>}, e.g. {@code 1.6.18-ketch-0.1.0}. */
    public static String full() {
        return MEMCACHED_VERSION + "-ketch-" + KETCH_VERSION;
    }

    /** The Netty version in use, reported where memcached reports libevent's. */
    public static String netty() {
        io.netty.util.Version v = io.netty.util.Version.identify().get("netty-common");
        return v == null ? "unknown" : v.artifactVersion();
    }
}
