package dev.ketch.it.failover;

import dev.ketch.client.MemcacheClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One caller keeping a fixed number of requests in flight (a new one as soon as one completes)
 * over a set of preloaded keys, four gets to one set, recording when each completed and how: the
 * workload of the black-hole throughput figure.
 */
public final class ClosedLoop {

    /** One completed request. */
    public record Done(long startNanos, long endNanos, String key, Throwable failure) {
    }

    private final MemcacheClient<String> client;
    private final List<String> keys;
    private final int inFlight;
    private final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private Thread thread;
    private Semaphore slots;

    public ClosedLoop(MemcacheClient<String> client, List<String> keys, int inFlight) {
        this.client = client;
        this.keys = List.copyOf(keys);
        this.inFlight = inFlight;
    }

    public ClosedLoop start() {
        running = true;
        slots = new Semaphore(inFlight);
        thread = new Thread(this::run, "closed-loop");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            try {
                if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            String key = keys.get(random.nextInt(keys.size()));
            long start = System.nanoTime();
            var future = random.nextInt(5) == 0 ? client.set(key, 0, Clients.valueOf(key)) : client.get(key);
            future.whenComplete((v, e) -> {
                done.add(new Done(start, System.nanoTime(), key, e));
                slots.release();
            });
        }
    }

    /** Stops issuing, waits up to {@code maxMillis} for what is in flight, and returns every completion. */
    public List<Done> stop(long maxMillis) throws InterruptedException {
        running = false;
        thread.join(maxMillis);
        slots.tryAcquire(inFlight, maxMillis, TimeUnit.MILLISECONDS);
        return new ArrayList<>(done);
    }

    /** Successful completions per second in {@code [from, to)}. */
    public static double rate(List<Done> all, long from, long to) {
        long n = all.stream().filter(d -> d.failure() == null && d.endNanos() >= from && d.endNanos() < to).count();
        return n / ((to - from) / 1e9);
    }

    /** Successful completions per second in consecutive buckets of {@code bucketMillis} from {@code from}. */
    public static List<Double> buckets(List<Done> all, long from, int count, long bucketMillis) {
        List<Double> rates = new ArrayList<>();
        long width = TimeUnit.MILLISECONDS.toNanos(bucketMillis);
        for (int i = 0; i < count; i++) {
            rates.add(rate(all, from + i * width, from + (i + 1) * width));
        }
        return rates;
    }

    /** The median of {@code values}. */
    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The 99th percentile of the latencies (ms) of the requests completed in {@code [from, to)}; 0 if none. */
    public static double p99Millis(List<Done> all, long from, long to) {
        long[] latencies = all.stream().filter(d -> d.endNanos() >= from && d.endNanos() < to)
                .mapToLong(d -> d.endNanos() - d.startNanos()).sorted().toArray();
        return latencies.length == 0 ? 0 : latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6;
    }

    /** Failures among completions in {@code [from, to)} whose key is not in {@code allowed}. */
    public static List<Done> failuresOutside(List<Done> all, Set<String> allowed, long from, long to) {
        return all.stream().filter(d -> d.failure() != null && d.endNanos() >= from && d.endNanos() < to
                && !allowed.contains(d.key())).toList();
    }

    /** Failures among completions in {@code [from, to)}. */
    public static long failures(List<Done> all, long from, long to) {
        return all.stream().filter(d -> d.failure() != null && d.endNanos() >= from && d.endNanos() < to).count();
    }
}
