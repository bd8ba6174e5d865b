package dev.ketch.bench;

import dev.ketch.client.ClientListener;
import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheClientBuilder;
import dev.ketch.client.Protocol;
import dev.ketch.client.transcode.ByteArrayTranscoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Ketch's client as the harness drives it. Kept apart from the peers' adapters so that {@link
 * Baseline} can load it a second time against an older build of the client. System properties
 * {@code ketch.connections}, {@code ketch.ioThreads}, {@code ketch.ioSpinMicros} and
 * {@code ketch.multiGetSpinMicros} vary its set-up (the spins are ignored by builds older than
 * them).
 */
public final class KetchBenchClient implements BenchClient {

    private final MemcacheClient<byte[]> client;
    private final String name;

    private KetchBenchClient(MemcacheClient<byte[]> client, String name) {
        this.client = client;
        this.name = name;
    }

    /**
     * A connected client of {@code 127.0.0.1:port} speaking {@code protocol} (a {@link Protocol}
     * name); with I/O threads that poll 50 µs for replies if {@code name} contains {@code -spin}.
     */
    public static BenchClient create(int port, String protocol, String name) throws InterruptedException {
        return create(port, protocol, name, null);
    }

    /** Like {@link #create(int, String, String)}, with {@code listener} (if not null) told of every operation. */
    public static BenchClient create(int port, String protocol, String name, ClientListener listener)
            throws InterruptedException {
        MemcacheClientBuilder<String> builder = MemcacheClient.builder();
        if (listener != null) {
            builder.listener(listener);
        }
        String spin = name.contains(BenchClients.SPIN) ? "50" : System.getProperty("ketch.ioSpinMicros");
        if (spin != null) {
            try {
                builder.ioSpin(Duration.ofNanos(Long.parseLong(spin) * 1000));
            } catch (NoSuchMethodError olderBuild) {
                // a baseline from before the spin: it sleeps at once anyway
            }
        }
        String multiGetSpin = System.getProperty("ketch.multiGetSpinMicros");
        if (multiGetSpin != null) {
            try {
                builder.multiGetSpin(Duration.ofNanos(Long.parseLong(multiGetSpin) * 1000));
            } catch (NoSuchMethodError olderBuild) {
                // a baseline from before the multi-get spin: it sleeps at once
            }
        }
        MemcacheClient<byte[]> client = builder.servers("127.0.0.1:" + port)
                .protocol(Protocol.valueOf(protocol.toUpperCase(java.util.Locale.ROOT)))
                .transcoder(ByteArrayTranscoder.INSTANCE).maxOutstanding(1 << 20)
                .ioThreads(Integer.getInteger("ketch.ioThreads", 1))
                .connectionsPerNode(Integer.getInteger("ketch.connections", 1)).build();
        if (!client.awaitConnected(Duration.ofSeconds(5))) {
            client.close();
            throw new IllegalStateException(name + " did not connect");
        }
        return new KetchBenchClient(client, name);
    }

    @Override
    public String name() {
        return name;
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
    public CompletableFuture<? extends Map<String, ?>> getMulti(List<String> keys) {
        return client.getMulti(keys);
    }

    @Override
    public Object getBlocking(String key) {
        return client.blocking().get(key);
    }

    @Override
    public void close() {
        client.close();
    }
}
