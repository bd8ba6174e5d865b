package dev.ketch.server.engine;

import static dev.ketch.server.engine.CacheFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Operations on one key are atomic: concurrent clients never lose an update. */
class CacheConcurrencyTest {

    private static final int THREADS = 8;
    private final CacheFixture f = new CacheFixture();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        f.close();
    }

    private void runAll(Runnable task) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(task));
        }
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void concurrentIncrementsAreAllCounted() throws Exception {
        f.set("counter", "0");
        int perThread = 20_000;
        runAll(() -> {
            ArithmeticResult r = new ArithmeticResult();
            for (int i = 0; i < perThread; i++) {
                f.cache.arithmetic(bytes("counter"), true, 1, 0, r);
            }
        });
        assertEquals(Integer.toString(THREADS * perThread), f.get("counter").trim());
    }

    @Test
    void casRetryLoopsNeverLoseAnAppend() throws Exception {
        f.set("list", "");
        int perThread = 300;
        runAll(() -> {
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    String[] current = new String[1];
                    long[] cas = new long[1];
                    f.cache.get(bytes("list"), item -> {
                        current[0] = CacheFixture.value(item);
                        cas[0] = item.cas();
                    });
                    if (f.store(StoreMode.CAS, "list", current[0] + "x", 0, 0, cas[0]) == StoreResult.STORED) {
                        break;
                    }
                }
            }
        });
        assertEquals(THREADS * perThread, f.get("list").length());
    }

    @Test
    void concurrentAppendsAreAllKept() throws Exception {
        f.set("log", "");
        int perThread = 2_000;
        runAll(() -> {
            for (int i = 0; i < perThread; i++) {
                f.store(StoreMode.APPEND, "log", "ab", 0, 0, 0);
            }
        });
        assertEquals(THREADS * perThread * 2, f.get("log").length());
    }

    @Test
    void mixedLoadUnderEvictionKeepsTheCacheConsistent() throws Exception {
        int perThread = 50_000;
        runAll(() -> {
            ArithmeticResult r = new ArithmeticResult();
            java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
            for (int i = 0; i < perThread; i++) {
                String key = "k" + rnd.nextInt(5_000);
                switch (rnd.nextInt(6)) {
                    case 0:
                        f.set(key, "x".repeat(rnd.nextInt(1, 20_000)));
                        break;
                    case 1:
                        f.store(StoreMode.APPEND, key, "tail", 0, 0, 0);
                        break;
                    case 2:
                        f.cache.delete(bytes(key), 0);
                        break;
                    case 3:
                        f.set(key, Integer.toString(rnd.nextInt(1000)));
                        f.cache.arithmetic(bytes(key), rnd.nextBoolean(), 3, 0, r);
                        break;
                    default:
                        f.get(key);
                }
            }
        });
        // Every remaining item is readable and the accounting adds up.
        long[] counted = {0};
        for (int i = 0; i < 5_000; i++) {
            if (f.get("k" + i) != null) {
                counted[0]++;
            }
        }
        f.cache.lock().lock();
        try {
            assertEquals(counted[0], f.cache.storage().currItems());
        } finally {
            f.cache.lock().unlock();
        }
    }
}
