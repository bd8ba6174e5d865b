package dev.ketch.server.junit;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.config.ServerSettings;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one embedded memcached server per test class, on a free port of 127.0.0.1.
 *
 * <pre>{@code
 * class MyCacheTest {
 *     @RegisterExtension
 *     static MemcachedServerExtension memcached = new MemcachedServerExtension();
 *
 *     @Test
 *     void talksToMemcached() {
 *         MyClient client = new MyClient("127.0.0.1", memcached.port());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Register it in a {@code static} field: the server starts before the first test of the class
 * and is closed after the last one. {@link #MemcachedServerExtension(Consumer)} adjusts the
 * settings (memcached's defaults otherwise). JUnit Jupiter is an optional dependency of the
 * server jar: add {@code junit-jupiter-api} to use this class.
 */
public final class MemcachedServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Consumer<ServerSettings> configure;
    private MemcachedServer server;

    /** A server with memcached's default settings. */
    public MemcachedServerExtension() {
        this(settings -> { });
    }

    /**
     * A server with adjusted settings; {@code port} and the listening address are set to a free
     * port on 127.0.0.1 unless {@code configure} changes them.
     */
    public MemcachedServerExtension(Consumer<ServerSettings> configure) {
        this.configure = Objects.requireNonNull(configure);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerSettings settings = new ServerSettings();
        settings.port = 0;
        settings.listenAddresses.add("127.0.0.1");
        configure.accept(settings);
        server = MemcachedServer.start(settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server's port. */
    public int port() {
        return server().port();
    }

    /** The running server. */
    public MemcachedServer server() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while the test class runs (register the extension"
                    + " in a static field)");
        }
        return server;
    }
}
