package dev.ketch.bench;

import com.spotify.folsom.BinaryMemcacheClient;
import dev.ketch.client.ClientListener;
import dev.ketch.client.MemcacheClient;
import dev.ketch.micrometer.KetchMetrics;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import dev.ketch.client.Protocol;
import dev.ketch.client.transcode.ByteArrayTranscoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;

/**
 * The four clients, each configured as its documentation suggests for a single server: binary
 * protocol, one connection, no compression of 100-byte values, 1 s operation timeout.
 */
final class BenchClients {

    private BenchClients() {
    }

    static BenchClient create(String name, int port) throws Exception {
        switch (name) {
            case "ketch":
                return ketch(port, ClientListener.NONE);
            case "ketch-micrometer":
                // the overhead of metrics: Ketch with KetchMetrics recording into a registry
                return ketch(port, KetchMetrics.builder(new SimpleMeterRegistry()).build());
            case "ketch-observation":
                // ... and with every operation an Observation, timed by Micrometer's meter handler
                ObservationRegistry observations = ObservationRegistry.create();
                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
                return ketch(port, KetchMetrics.builder(meters).observationRegistry(observations).build());
            case "spymemcached":
                return spymemcached(port);
            case "xmemcached":
                return xmemcached(port);
            case "folsom":
                return folsom(port);
            default:
                throw new IllegalArgumentException("unknown client " + name);
        }
    }

    static BenchClient ketch(int port) throws InterruptedException {
        return ketch(port, ClientListener.NONE);
    }

    static BenchClient ketch(int port, ClientListener listener) throws InterruptedException {
        MemcacheClient<byte[]> client = MemcacheClient.builder().servers("127.0.0.1:" + port).protocol(Protocol.BINARY)
                .transcoder(ByteArrayTranscoder.INSTANCE).maxOutstanding(1 << 20).ioThreads(Integer.getInteger("ketch.ioThreads", 1))
                .connectionsPerNode(Integer.getInteger("ketch.connections", 1)).listener(listener).build();
        if (!client.awaitConnected(Duration.ofSeconds(5))) {
            throw new IllegalStateException("ketch did not connect");
        }
        return new BenchClient() {
            @Override
            public String name() {
                return "ketch";
            }

            @Override
            public CompletableFuture<?> get(String key) {
                return client.get(key);
            }

            @Override
            public CompletableFuture<?> set(String key, byte[] value) {
                return client.set(key, 0, value);
            }

            @Override
            public Object getBlocking(String key) {
                return client.blocking().get(key);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    static BenchClient spymemcached(int port) throws Exception {
        MemcachedClient client = new MemcachedClient(new ConnectionFactoryBuilder()
                .setProtocol(ConnectionFactoryBuilder.Protocol.BINARY).setOpTimeout(1000)
                .setOpQueueMaxBlockTime(1000).build(), List.of(new InetSocketAddress("127.0.0.1", port)));
        return new BenchClient() {
            @Override
            public String name() {
                return "spymemcached";
            }

            @Override
            public CompletableFuture<?> get(String key) {
                CompletableFuture<Object> done = new CompletableFuture<>();
                client.asyncGet(key).addListener(f -> {
                    try {
                        done.complete(f.get());
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    }
                });
                return done;
            }

            @Override
            public CompletableFuture<?> set(String key, byte[] value) {
                CompletableFuture<Object> done = new CompletableFuture<>();
                client.set(key, 0, value).addListener(f -> {
                    try {
                        done.complete(f.get());
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    }
                });
                return done;
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

    /** xmemcached has no asynchronous API: its calls block the caller until the reply. */
    static BenchClient xmemcached(int port) throws Exception {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(List.of(new InetSocketAddress("127.0.0.1", port)));
        builder.setCommandFactory(new net.rubyeye.xmemcached.command.BinaryCommandFactory());
        builder.setOpTimeout(1000);
        net.rubyeye.xmemcached.MemcachedClient client = builder.build();
        return new BenchClient() {
            @Override
            public String name() {
                return "xmemcached";
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

    static BenchClient folsom(int port) throws Exception {
        BinaryMemcacheClient<byte[]> client = com.spotify.folsom.MemcacheClientBuilder.newByteArrayClient()
                .withAddress("127.0.0.1", port).withMaxOutstandingRequests(1 << 20).withRequestTimeoutMillis(1000)
                .connectBinary();
        client.awaitConnected(5, TimeUnit.SECONDS);
        return new BenchClient() {
            @Override
            public String name() {
                return "folsom";
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
