package dev.ketch.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import java.util.function.BiFunction;

/**
 * Throughput and latency of Ketch, spymemcached, xmemcached and Folsom against one real memcached
 * started here: async get and set of 100-byte values with many requests outstanding (1 and 16
 * caller threads), and blocking get latency (p50, p99) from one thread. Clients take turns, round
 * after round, so noise on a shared machine hits all of them; each figure is the median over the
 * rounds, and ratios compare Ketch with the best peer.
 *
 * <p>Options: {@code --seconds N} per measurement (default 5), {@code --rounds N} (3),
 * {@code --window N} outstanding requests per caller thread (256), {@code --threads 1,16},
 * {@code --clients ketch,spymemcached,xmemcached,folsom}, {@code --memcached-threads N} (2).
 * System properties {@code ketch.connections} and {@code ketch.ioThreads} (both 1) vary Ketch's
 * set-up.
 */
public final class ClientThroughput {

    private static final int KEYS = 10_000;
    private static final byte[] VALUE = new byte[100];

    private ClientThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "5"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int window = Integer.parseInt(options.getOrDefault("window", "256"));
        int[] threadCounts = Arrays.stream(options.getOrDefault("threads", "1,16").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        List<String> clients = List.of(options.getOrDefault("clients", "ketch,spymemcached,xmemcached,folsom").split(","));
        String memcachedThreads = options.getOrDefault("memcached-threads", "2");

        int port = freePort();
        Process memcached = startMemcached(port, memcachedThreads);
        try {
            preload(port);
            Map<String, List<Double>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                List<String> order = new ArrayList<>(clients);
                Collections.rotate(order, round);
                for (String name : order) {
                    try (BenchClient client = BenchClients.create(name, port)) {
                        warmUp(client);
                        for (int threads : threadCounts) {
                            record(results, name, "get " + threads + "t ops/s",
                                    throughput(client, threads, window, seconds, (c, k) -> c.get(k)));
                            record(results, name, "set " + threads + "t ops/s",
                                    throughput(client, threads, window, seconds, (c, k) -> c.set(k, VALUE)));
                        }
                        double[] latency = latency(client, seconds);
                        record(results, name, "blocking get p50 µs", latency[0]);
                        record(results, name, "blocking get p99 µs", latency[1]);
                    }
                    System.err.printf(Locale.ROOT, "round %d: %s done%n", round, name);
                }
            }
            print(results, clients);
        } finally {
            memcached.destroy();
            memcached.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static void record(Map<String, List<Double>> results, String client, String metric, double value) {
        results.computeIfAbsent(client + "|" + metric, k -> new ArrayList<>()).add(value);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void print(Map<String, List<Double>> results, List<String> clients) {
        List<String> metrics = new ArrayList<>();
        for (String key : results.keySet()) {
            String metric = key.substring(key.indexOf('|') + 1);
            if (!metrics.contains(metric)) {
                metrics.add(metric);
            }
        }
        StringBuilder header = new StringBuilder("| metric |");
        clients.forEach(c -> header.append(' ').append(c).append(" |"));
        header.append(" ketch / best peer |");
        System.out.println(header);
        System.out.println("|---".repeat(clients.size() + 2) + "|");
        for (String metric : metrics) {
            boolean lowerIsBetter = metric.contains("µs");
            StringBuilder row = new StringBuilder("| " + metric + " |");
            double ketch = Double.NaN;
            double best = Double.NaN;
            for (String client : clients) {
                double m = median(results.get(client + "|" + metric));
                row.append(String.format(Locale.ROOT, lowerIsBetter ? " %.1f |" : " %,.0f |", m));
                if (client.equals("ketch")) {
                    ketch = m;
                } else if (Double.isNaN(best) || (lowerIsBetter ? m < best : m > best)) {
                    best = m;
                }
            }
            double ratio = lowerIsBetter ? best / ketch : ketch / best;
            row.append(String.format(Locale.ROOT, " %.2f |", ratio));
            System.out.println(row);
        }
    }

    static void warmUp(BenchClient client) throws Exception {
        throughput(client, 4, 64, 2, (c, k) -> c.get(k));
        throughput(client, 4, 64, 1, (c, k) -> c.set(k, VALUE));
        latency(client, 1);
    }

    /** Operations per second with {@code threads} callers, each keeping {@code window} requests outstanding. */
    static double throughput(BenchClient client, int threads, int window, int seconds,
            BiFunction<BenchClient, String, CompletableFuture<?>> op) throws InterruptedException {
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
                        op.apply(client, "key:" + random.nextInt(KEYS)).whenComplete((r, e) -> {
                            if (e == null) {
                                completed.increment();
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
        if (failed.sum() > completed.sum() / 1000) {
            System.err.printf(Locale.ROOT, "%s: %d of %d operations failed%n", client.name(), failed.sum(),
                    failed.sum() + completed.sum());
        }
        return completed.sum() / elapsed;
    }

    /** p50 and p99 in microseconds of blocking gets from one thread. */
    static double[] latency(BenchClient client, int seconds) throws Exception {
        long[] samples = new long[4_000_000];
        int n = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (n < samples.length) {
            long t0 = System.nanoTime();
            if (t0 > deadline) {
                break;
            }
            client.getBlocking("key:" + random.nextInt(KEYS));
            samples[n++] = System.nanoTime() - t0;
        }
        long[] taken = Arrays.copyOf(samples, n);
        Arrays.sort(taken);
        return new double[] {taken[n / 2] / 1e3, taken[(int) (n * 0.99)] / 1e3};
    }

    static void preload(int port) throws Exception {
        try (BenchClient ketch = BenchClients.ketch(port)) {
            List<CompletableFuture<?>> sets = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                sets.add(ketch.set("key:" + i, VALUE));
            }
            CompletableFuture.allOf(sets.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process startMemcached(int port, String threads) throws IOException, InterruptedException {
        String binary = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, "memcached").canExecute()) {
                binary = new File(dir, "memcached").getPath();
                break;
            }
        }
        if (binary == null) {
            throw new IllegalStateException("memcached not on PATH: apt-get install memcached");
        }
        List<String> command = new ArrayList<>(List.of(binary, "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0",
                "-t", threads, "-c", "4096"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        Process p = new ProcessBuilder(command).inheritIO().start();
        for (int i = 0; i < 250; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("memcached did not start");
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
