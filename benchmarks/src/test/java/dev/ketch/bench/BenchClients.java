package dev.ketch.bench;

import dev.ketch.client.Protocol;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.BinaryCommandFactory;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;

/**
 * The clients, each in each of its protocols, configured as its documentation suggests for a
 * single server: one connection, no compression of 100-byte values, 1 s operation timeout. Names
 * are {@code library-protocol}: {@code ketch-binary}, {@code ketch-text}, {@code ketch-meta},
 * {@code spymemcached-binary}, {@code spymemcached-text}, {@code xmemcached-binary},
 * {@code xmemcached-text}, {@code folsom-binary}, {@code folsom-ascii}; {@code ketch-binary-spin} etc.
 * for Ketch with {@code ioSpin(50 µs)}; {@code ketch-binary-micrometer},
 * {@code ketch-binary-micrometer-no-percentiles} and {@code ketch-binary-observation} for Ketch
 * with its Micrometer metrics ({@link MetricsListeners});
 * and {@code ketch-binary-before} etc. for an older build of Ketch's client measured in the same
 * run ({@link Baseline}).
 */
final class BenchClients {

    static final List<String> ALL = List.of("ketch-binary", "ketch-text", "ketch-meta", "spymemcached-binary", "spymemcached-text",
            "xmemcached-binary", "xmemcached-text", "folsom-binary", "folsom-ascii");

    /** Suffix of a Ketch client loaded from the baseline build ({@code -Dketch.baseline}). */
    static final String BEFORE = "-before";
    /** Suffix of a Ketch client whose I/O threads poll 50 µs for replies before sleeping ({@code ioSpin}). */
    static final String SPIN = "-spin";

    private BenchClients() {
    }

    static boolean isKetch(String name) {
        return name.startsWith("ketch");
    }

    static boolean isBaseline(String name) {
        return name.endsWith(BEFORE);
    }

    static BenchClient create(String name, int port) throws Exception {
        int dash = name.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("client names are library-protocol, e.g. ketch-text: " + name);
        }
        String library = name.substring(0, dash);
        String protocol = name.substring(dash + 1);
        switch (library) {
            case "ketch":
                if (protocol.endsWith(BEFORE)) {
                    return Baseline.create(port, protocol.substring(0, protocol.length() - BEFORE.length()), name);
                }
                for (MetricsListeners metrics : MetricsListeners.values()) {
                    if (protocol.endsWith(metrics.suffix())) {
                        String bare = protocol.substring(0, protocol.length() - metrics.suffix().length());
                        return KetchBenchClient.create(port, bare, name, metrics.create());
                    }
                }
                return KetchBenchClient.create(port, protocol.replace(SPIN, ""), name);
            case "spymemcached":
                return spymemcached(port, protocol.equals("binary"));
            case "xmemcached":
                return xmemcached(port, protocol.equals("binary"));
            case "folsom":
                return folsom(port, protocol.equals("binary"));
            default:
                throw new IllegalArgumentException("unknown client " + name);
        }
    }

    static BenchClient ketch(int port, Protocol protocol) throws Exception {
        return KetchBenchClient.create(port, protocol.name(), "ketch-" + protocol.name().toLowerCase(Locale.ROOT));
    }

    static BenchClient spymemcached(int port, boolean binary) throws Exception {
        MemcachedClient client = new MemcachedClient(new ConnectionFactoryBuilder()
                .setProtocol(binary ? ConnectionFactoryBuilder.Protocol.BINARY : ConnectionFactoryBuilder.Protocol.TEXT)
                .setOpTimeout(1000).setOpQueueMaxBlockTime(1000).build(), List.of(new InetSocketAddress("127.0.0.1", port)));
        String name = binary ? "spymemcached-binary" : "spymemcached-text";
        return new BenchClient() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<?> get(String key) {
                CompletableFuture<Object> done = new CompletableFuture<>();
                client.asyncGet(key).addListener(f -> complete(done, f));
                return done;
            }

            @Override
            public CompletableFuture<?> set(String key, byte[] value) {
                CompletableFuture<Object> done = new CompletableFuture<>();
                client.set(key, 0, value).addListener(f -> complete(done, f));
                return done;
            }

            @Override
            @SuppressWarnings("unchecked")
            public CompletableFuture<? extends Map<String, ?>> getMulti(List<String> keys) {
                CompletableFuture<Object> done = new CompletableFuture<>();
                client.asyncGetBulk(keys).addListener(f -> complete(done, f));
                return done.thenApply(m -> (Map<String, ?>) m);
            }

            @Override
            public Object getBlocking(String key) {
                return client.get(key);
            }

            @Override
            public void close() {
                client.shutdown(5, TimeUnit.SECONDS);
            }
        };
    }

    private static void complete(CompletableFuture<Object> done, java.util.concurrent.Future<?> f) {
        try {
            done.complete(f.get());
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
    }

    /** xmemcached has no asynchronous API: its calls block the caller until the reply. */
    static BenchClient xmemcached(int port, boolean binary) throws Exception {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(List.of(new InetSocketAddress("127.0.0.1", port)));
        builder.setCommandFactory(binary ? new BinaryCommandFactory() : new TextCommandFactory());
        builder.setOpTimeout(1000);
        net.rubyeye.xmemcached.MemcachedClient client = builder.build();
        String name = binary ? "xmemcached-binary" : "xmemcached-text";
        return new BenchClient() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<?> get(String key) {
                try {
                    return CompletableFuture.completedFuture(client.get(key));
                } catch (Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public CompletableFuture<?> set(String key, byte[] value) {
                try {
                    return CompletableFuture.completedFuture(client.set(key, 0, value));
                } catch (Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public CompletableFuture<? extends Map<String, ?>> getMulti(List<String> keys) {
                try {
                    Map<String, Object> found = client.get(keys);
                    return CompletableFuture.completedFuture(found);
                } catch (Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public Object getBlocking(String key) throws Exception {
                return client.get(key);
            }

            @Override
            public boolean asynchronous() {
                return false;
            }

            @Override
            public void close() throws Exception {
                client.shutdown();
            }
        };
    }

    static BenchClient folsom(int port, boolean binary) throws Exception {
        com.spotify.folsom.MemcacheClientBuilder<byte[]> builder = com.spotify.folsom.MemcacheClientBuilder
                .newByteArrayClient().withAddress("127.0.0.1", port).withMaxOutstandingRequests(1 << 20)
                .withRequestTimeoutMillis(1000);
        com.spotify.folsom.MemcacheClient<byte[]> client = binary ? builder.connectBinary() : builder.connectAscii();
        client.awaitConnected(5, TimeUnit.SECONDS);
        String name = binary ? "folsom-binary" : "folsom-ascii";
        return new BenchClient() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<?> get(String key) {
                return client.get(key).toCompletableFuture();
            }

            @Override
            public CompletableFuture<?> set(String key, byte[] value) {
                return client.set(key, value, 0).toCompletableFuture();
            }

            @Override
            public CompletableFuture<? extends Map<String, ?>> getMulti(List<String> keys) {
                CompletionStage<List<byte[]>> values = client.get(keys);
                return values.toCompletableFuture().thenApply(list -> {
                    Map<String, byte[]> found = new HashMap<>();
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) != null) {
                            found.put(keys.get(i), list.get(i));
                        }
                    }
                    return found;
                });
            }

            @Override
            public Object getBlocking(String key) throws Exception {
                return client.get(key).toCompletableFuture().get(1, TimeUnit.SECONDS);
            }

            @Override
            public void close() throws Exception {
                client.shutdown();
                client.awaitFullyDisconnected(5, TimeUnit.SECONDS);
            }
        };
    }
}
