package dev.ketch.spymemcached.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.transcoders.Transcoder;

/**
 * Operations per second of one client of spymemcached's API, for the drop-in benchmark: {@code
 * window} requests outstanding from one caller thread, each completion (a listener) letting the
 * next one go, for {@code seconds}.
 */
public final class Throughput {

    private static final int KEYS = 10_000;

    private Throughput() {
    }

    /** Get or set ({@code operation}) throughput against {@code server}, in operations per second. */
    public static double measure(InetSocketAddress server, boolean binary, String operation, int window, int seconds)
            throws InterruptedException {
        MemcachedClient client;
        try {
            client = new MemcachedClient(new ConnectionFactoryBuilder()
                    .setProtocol(binary ? ConnectionFactoryBuilder.Protocol.BINARY : ConnectionFactoryBuilder.Protocol.TEXT)
                    .setDaemon(true).build(), List.of(server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            byte[] value = new byte[100];
            Transcoder<Object> tc = client.getTranscoder();
            for (int i = 0; i < KEYS; i++) {
                client.set("bench:" + i, 0, value);
            }
            if (!client.waitForQueues(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("preload did not finish");
            }
            run(client, operation, value, window, 1); // warm-up
            return run(client, operation, value, window, seconds);
        } finally {
            client.shutdown();
        }
    }

    private static double run(MemcachedClient client, String operation, byte[] value, int window, int seconds)
            throws InterruptedException {
        Semaphore permits = new Semaphore(window);
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        int i = 0;
        while (System.nanoTime() < end) {
            permits.acquire();
            String key = "bench:" + (i++ % KEYS);
            if (operation.equals("get")) {
                client.asyncGet(key).addListener(f -> {
                    done.increment();
                    permits.release();
                });
            } else {
                client.set(key, 0, value).addListener(f -> {
                    done.increment();
                    permits.release();
                });
            }
        }
        permits.acquire(window);
        return done.sum() * 1e9 / (System.nanoTime() - start);
    }
}
