package dev.ketch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/** One measurement the throughput harness takes of every client. */
abstract class Workload {

    private final String id;

    private Workload(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** Measures {@code client} for {@code seconds}: metric name to value. */
    abstract Map<String, Double> run(BenchClient client, int seconds) throws Exception;

    static final List<Workload> ALL = List.of(
            async("get64", "get, 64 in flight (ops/s)", 1, 64, (c, r) -> c.get(randomKey(r)), one()),
            async("get512", "get, 512 in flight (ops/s)", 1, 512, (c, r) -> c.get(randomKey(r)), one()),
            async("set64", "set, 64 in flight (ops/s)", 1, 64, (c, r) -> c.set(randomKey(r), ClientThroughput.VALUE), one()),
            async("set512", "set, 512 in flight (ops/s)", 1, 512, (c, r) -> c.set(randomKey(r), ClientThroughput.VALUE),
                    one()),
            async("mget10", "multi-get 10 keys, 16 in flight (keys/s)", 16, 1, (c, r) -> c.getMulti(randomKeys(r, 10)),
                    found()),
            async("mget100", "multi-get 100 keys, 16 in flight (keys/s)", 16, 1,
                    (c, r) -> c.getMulti(randomKeys(r, 100)), found()),
            blocking("blocking1", "blocking get, 1 thread", 1),
            blocking("blocking16", "blocking get, 16 threads", 16));

    static List<Workload> select(String ids) {
        if (ids.equals("all")) {
            return ALL;
        }
        List<Workload> chosen = new ArrayList<>();
        for (String id : ClientThroughput.split(ids)) {
            chosen.add(ALL.stream().filter(w -> w.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown workload " + id + "; known: "
                            + ALL.stream().map(Workload::id).toList())));
        }
        return chosen;
    }

    static void warmUp(BenchClient client) throws Exception {
        AsyncLoad.measure(client, 4, 64, 2, (c, r) -> c.get(randomKey(r)), one());
        AsyncLoad.measure(client, 4, 64, 1, (c, r) -> c.set(randomKey(r), ClientThroughput.VALUE), one());
        AsyncLoad.measure(client, 4, 1, 1, (c, r) -> c.getMulti(randomKeys(r, 50)), found());
        BlockingLoad.measure(client, 1, 1);
    }

    static String randomKey(ThreadLocalRandom random) {
        return "key:" + random.nextInt(ClientThroughput.KEYS);
    }

    static List<String> randomKeys(ThreadLocalRandom random, int n) {
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(randomKey(random));
        }
        return keys;
    }

    private static ToLongFunction<Object> one() {
        return result -> 1;
    }

    private static ToLongFunction<Object> found() {
        return result -> ((Map<?, ?>) result).size();
    }

    interface Op {
        CompletableFuture<?> start(BenchClient client, ThreadLocalRandom random);
    }

    private static Workload async(String id, String metric, int threads, int window, Op op, ToLongFunction<Object> units) {
        return new Workload(id) {
            @Override
            Map<String, Double> run(BenchClient client, int seconds) throws Exception {
                return Map.of(metric, AsyncLoad.measure(client, threads, window, seconds, op, units));
            }
        };
    }

    private static Workload blocking(String id, String prefix, int threads) {
        return new Workload(id) {
            @Override
            Map<String, Double> run(BenchClient client, int seconds) throws Exception {
                double[] r = BlockingLoad.measure(client, threads, seconds);
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put(prefix + " (ops/s)", r[0]);
                metrics.put(prefix + ", p50 (µs)", r[1]);
                metrics.put(prefix + ", p99 (µs)", r[2]);
                return metrics;
            }
        };
    }

    /** Callers each keeping a window of requests outstanding. */
    static final class AsyncLoad {
        private AsyncLoad() {
        }

        /** Units (operations, or keys found) per second. */
        static double measure(BenchClient client, int threads, int window, int seconds, Op op, ToLongFunction<Object> units)
                throws InterruptedException {
            LongAdder completed = new LongAdder();
            LongAdder failed = new LongAdder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            CountDownLatch done = new CountDownLatch(threads);
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread caller = new Thread(() -> {
                    Semaphore outstanding = new Semaphore(window);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    try {
                        while (System.nanoTime() < deadline) {
                            outstanding.acquire();
                            op.start(client, random).whenComplete((r, e) -> {
                                if (e == null) {
                                    completed.add(units.applyAsLong(r));
                                } else {
                                    failed.increment();
                                }
                                outstanding.release();
                            });
                        }
                        outstanding.tryAcquire(window, 10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
                caller.start();
            }
            done.await();
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (failed.sum() > 0) {
                System.err.printf(Locale.ROOT, "%s: %d operations failed%n", client.name(), failed.sum());
            }
            return completed.sum() / elapsed;
        }
    }

    /** Threads each making one blocking call after another. */
    static final class BlockingLoad {
        private BlockingLoad() {
        }

        /** Calls per second, p50 and p99 in microseconds. */
        static double[] measure(BenchClient client, int threads, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long[][] samples = new long[threads][];
            int[] counts = new int[threads];
            LongAdder failed = new LongAdder();
            Thread[] callers = new Thread[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int me = t;
                callers[t] = new Thread(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 > deadline) {
                            break;
                        }
                        try {
                            client.getBlocking(randomKey(random));
                        } catch (Exception e) {
                            failed.increment();
                            continue;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                    samples[me] = mine;
                    counts[me] = n;
                });
                callers[t].start();
            }
            for (Thread caller : callers) {
                caller.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int t = 0; t < threads; t++) {
                System.arraycopy(samples[t], 0, all, at, counts[t]);
                at += counts[t];
            }
            Arrays.sort(all);
            if (failed.sum() > 0) {
                System.err.printf(Locale.ROOT, "%s: %d blocking gets failed%n", client.name(), failed.sum());
            }
            if (total == 0) {
                return new double[] {0, Double.NaN, Double.NaN};
            }
            return new double[] {total / elapsed, all[total / 2] / 1e3, all[(int) (total * 0.99)] / 1e3};
        }
    }
}
