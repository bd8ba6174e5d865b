package dev.ketch.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Version numbers: the memcached release whose behaviour Ketch reproduces, and Ketch's own version
 * (from the Maven build, via a filtered resource).
 */
public final class Version {

    /** The memcached release this server emulates, flag for flag and byte for byte. */
    public static final String MEMCACHED_VERSION = "1.6.18";

    private static final String RESOURCE = "version.properties";
    private static final String UNKNOWN = "unknown";
    private static final Properties BUILD = load();

    private Version() {
    }

    /** Ketch's version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when not built by Maven. */
    public static String ketch() {
        return filtered("ketch.version");
    }

    /**
     * The memcached version the build was configured to emulate (root pom property
     * {@code memcached.emulated.version}); it should equal {@link #MEMCACHED_VERSION}.
     */
    public static String emulatedByBuild() {
        return filtered("memcached.version");
    }

    /** What {@code -V} and the {@code version} command report, e.g. {@code 1.6.18-ketch-0.1.0-SNAPSHOT}. */
    public static String full() {
        return MEMCACHED_VERSION + "-ketch-" + ketch();
    }

    /** The Netty version in use, reported where memcached reports libevent's. */
    public static String netty() {
        io.netty.util.Version v = io.netty.util.Version.identify().get("netty-common");
        return v == null ? UNKNOWN : v.artifactVersion();
    }

    private static String filtered(String key) {
        String value = BUILD.getProperty(key, UNKNOWN);
        // An unfiltered resource (IDE build without Maven) still holds the ${...} placeholder.
        return value.isBlank() || value.startsWith("${") ? UNKNOWN : value.trim();
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return p;
    }
}
