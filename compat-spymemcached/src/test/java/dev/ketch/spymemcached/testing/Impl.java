package dev.ketch.spymemcached.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;

/** The two implementations of spymemcached's API: spymemcached itself and this module's adapter. */
public enum Impl {
    SPYMEMCACHED("net.spy.memcached"),
    KETCH("dev.ketch.spymemcached");

    private final String pkg;

    Impl(String pkg) {
        this.pkg = pkg;
    }

    /** The package this implementation's classes are in. */
    public String pkg() {
        return pkg;
    }

    /** How a client is configured in a test. */
    public record Settings(boolean binary, long opTimeoutMillis, String failureMode) {

        public static Settings of(boolean binary) {
            return new Settings(binary, 2500, "Redistribute");
        }

        public Settings timeout(long millis) {
            return new Settings(binary, millis, failureMode);
        }

        public Settings failureMode(String mode) {
            return new Settings(binary, opTimeoutMillis, mode);
        }
    }

    /** A client of {@code servers}, built through this implementation's ConnectionFactoryBuilder. */
    public Object client(Settings settings, List<InetSocketAddress> servers) {
        try {
            return switch (this) {
                case SPYMEMCACHED -> new net.spy.memcached.MemcachedClient(new net.spy.memcached.ConnectionFactoryBuilder()
                        .setProtocol(settings.binary() ? net.spy.memcached.ConnectionFactoryBuilder.Protocol.BINARY
                                : net.spy.memcached.ConnectionFactoryBuilder.Protocol.TEXT)
                        .setOpTimeout(settings.opTimeoutMillis())
                        .setFailureMode(net.spy.memcached.FailureMode.valueOf(settings.failureMode()))
                        .setDaemon(true)
                        .build(), servers);
                case KETCH -> new dev.ketch.spymemcached.MemcachedClient(new dev.ketch.spymemcached.ConnectionFactoryBuilder()
                        .setProtocol(settings.binary() ? dev.ketch.spymemcached.ConnectionFactoryBuilder.Protocol.BINARY
                                : dev.ketch.spymemcached.ConnectionFactoryBuilder.Protocol.TEXT)
                        .setOpTimeout(settings.opTimeoutMillis())
                        .setFailureMode(dev.ketch.spymemcached.FailureMode.valueOf(settings.failureMode()))
                        .setDaemon(true)
                        .build(), servers);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new instance of this implementation's class {@code simpleName} (e.g. {@code transcoders.LongTranscoder}). */
    public Object instance(String simpleName) {
        try {
            return Class.forName(pkg + "." + simpleName).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This implementation's class {@code simpleName}. */
    public Class<?> type(String simpleName) {
        try {
            return Class.forName(pkg + "." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
