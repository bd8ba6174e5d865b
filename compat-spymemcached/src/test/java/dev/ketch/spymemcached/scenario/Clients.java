package dev.ketch.spymemcached.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;

/** Clients built as an application builds them; loaded by each implementation's class loader. */
public final class Clients {

    private Clients() {
    }

    /** A daemon client through {@link ConnectionFactoryBuilder}. */
    public static MemcachedClient build(boolean binary, long opTimeoutMillis, String failureMode,
            List<InetSocketAddress> servers) {
        try {
            return new MemcachedClient(new ConnectionFactoryBuilder()
                    .setProtocol(binary ? ConnectionFactoryBuilder.Protocol.BINARY : ConnectionFactoryBuilder.Protocol.TEXT)
                    .setOpTimeout(opTimeoutMillis)
                    .setFailureMode(FailureMode.valueOf(failureMode))
                    .setDaemon(true)
                    .build(), servers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SASL mechanisms the servers list, through a client of the protocol; the client is shut down. */
    public static java.util.Set<String> listSaslMechanisms(boolean binary, List<InetSocketAddress> servers) {
        MemcachedClient client = build(binary, 2500, "Redistribute", servers);
        try {
            return client.listSaslMechanisms();
        } finally {
            client.shutdown();
        }
    }

    /** Stores every entry through a client of the protocol (spymemcached's default settings otherwise). */
    public static void setAll(boolean binary, InetSocketAddress server, java.util.Map<String, Object> entries) {
        MemcachedClient client = build(binary, 2500, "Redistribute", List.of(server));
        try {
            for (java.util.Map.Entry<String, Object> e : entries.entrySet()) {
                if (!client.set(e.getKey(), 0, e.getValue()).get()) {
                    throw new AssertionError("not stored: " + e.getKey());
                }
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            client.shutdown();
        }
    }

    /** Reads every key, one get each, through a client of the protocol. */
    public static java.util.Map<String, Object> getAll(boolean binary, InetSocketAddress server, List<String> keys) {
        MemcachedClient client = build(binary, 2500, "Redistribute", List.of(server));
        try {
            java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
            for (String key : keys) {
                values.put(key, client.get(key));
            }
            return values;
        } finally {
            client.shutdown();
        }
    }
}
