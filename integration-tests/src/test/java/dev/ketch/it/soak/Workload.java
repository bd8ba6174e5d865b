package dev.ketch.it.soak;

import dev.ketch.client.MemcacheClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One thread's share of the soak: keeps up to {@code depth} operations outstanding on one client,
 * a mix of gets, sets (values checksummed with their key and version, 40 bytes to 64 KiB), ten-key
 * multi-gets and deletes, and accounts for every one of them: completed, failed (inside or outside
 * a fault), wrong values, and futures still pending.
 */
final class Workload implements Runnable {

    /** Counters shared by every workload of a run. */
    static final class Tally {
        final LongAdder ok = new LongAdder();
        final LongAdder failedInFault = new LongAdder();
        final LongAdder failedOutside = new LongAdder();
        final LongAdder wrongValues = new LongAdder();
        final Map<String, LongAdder> failureTypes = new ConcurrentHashMap<>();
        final List<String> outsideSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> wrongSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Operations not completed yet, with when they started. */
        final Set<Pending> pending = ConcurrentHashMap.newKeySet();
    }

    record Pending(String what, long startNanos) {
    }

    private static final AtomicLong VERSIONS = new AtomicLong();

    private final MemcacheClient<String> client;
    private final String name;
    private final List<String> keys;
    private final int depth;
    private final FaultSchedule faults;
    private final Tally tally;
    private final long endNanos;
    private final long runStartNanos = System.nanoTime();

    Workload(MemcacheClient<String> client, String name, List<String> keys, int depth, FaultSchedule faults,
            Tally tally, long endNanos) {
        this.client = client;
        this.name = name;
        this.keys = keys;
        this.depth = depth;
        this.faults = faults;
        this.tally = tally;
        this.endNanos = endNanos;
    }

    @Override
    public void run() {
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(depth);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < endNanos) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            int dice = random.nextInt(100);
            String key = keys.get(random.nextInt(keys.size()));
            long start = System.nanoTime();
            CompletableFuture<?> f;
            String what;
            try {
                if (dice < 50) {
                    what = "get " + key;
                    f = client.get(key).thenAccept(v -> checkValue(key, v));
                } else if (dice < 80) {
                    int size = random.nextInt(100) < 95 ? 40 + random.nextInt(400) : 1024 + random.nextInt(64 * 1024);
                    what = "set " + key;
                    f = client.set(key, 0, Values.of(key, VERSIONS.incrementAndGet(), size));
                } else if (dice < 95) {
                    List<String> multi = new ArrayList<>(10);
                    for (int i = 0; i < 10; i++) {
                        multi.add(keys.get(random.nextInt(keys.size())));
                    }
                    what = "getMulti " + multi.get(0) + "...";
                    f = client.getMulti(multi).thenAccept(found -> found.forEach(this::checkValue));
                } else {
                    what = "delete " + key;
                    f = client.delete(key);
                }
            } catch (RuntimeException e) {
                slots.release();
                account(name + " call", start, e);
                continue;
            }
            Pending p = new Pending(name + " " + what, start);
            tally.pending.add(p);
            f.whenComplete((v, e) -> {
                tally.pending.remove(p);
                slots.release();
                if (e == null) {
                    tally.ok.increment();
                } else {
                    account(p.what(), start, e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e);
                }
            });
        }
    }

    private void checkValue(String key, String value) {
        if (value == null) {
            return; // a miss: deleted, evicted, or on a server that restarted empty
        }
        String wrong = Values.check(key, value);
        if (wrong != null) {
            tally.wrongValues.increment();
            if (tally.wrongSamples.size() < 20) {
                tally.wrongSamples.add(key + ": " + wrong);
            }
        }
    }

    private void account(String what, long start, Throwable failure) {
        long end = System.nanoTime();
        tally.failureTypes.computeIfAbsent(failure.getClass().getSimpleName(), k -> new LongAdder()).increment();
        if (faults.inFault(start, end)) {
            tally.failedInFault.increment();
        } else {
            tally.failedOutside.increment();
            if (tally.outsideSamples.size() < 20) {
                tally.outsideSamples.add(String.format("%.1f s after the start, after %d ms: %s: %s",
                        (start - runStartNanos) / 1e9, (end - start) / 1_000_000, what, failure));
            }
        }
    }
}
