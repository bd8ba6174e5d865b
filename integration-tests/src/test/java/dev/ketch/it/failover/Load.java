package dev.ketch.it.failover;

import dev.ketch.client.MemcacheClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous load on a client from several threads: in each round a thread issues five gets of
 * random preloaded keys, two sets of keys of its own and one multi-get of ten preloaded keys, all
 * at once, then waits for them. Every call and every outcome is recorded: when it started, how
 * long the call itself took (a call must never block), when its future completed and how.
 */
public final class Load {

    /** What an operation was. */
    public enum Kind { GET, SET, MULTI_GET }

    /**
     * One operation: its keys, when it was called ({@link System#nanoTime()}), how long the call
     * took, when its future completed, and its value or failure ({@link Hung} if it never did).
     */
    public record Outcome(Kind kind, List<String> keys, long startNanos, long callNanos, long endNanos, Object value,
            Throwable failure) {

        public long latencyNanos() {
            return endNanos - startNanos;
        }

        public boolean failed() {
            return failure != null;
        }

        public String key() {
            return keys.get(0);
        }
    }

    /** A future that did not complete within the hang limit. */
    public static final class Hung extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Hung(String message) {
            super(message);
        }
    }

    private static final int GETS = 5;
    private static final int SETS = 2;
    private static final int MULTI_KEYS = 10;

    private final MemcacheClient<String> client;
    private final List<String> readKeys;
    private final String writePrefix;
    private final Duration hangLimit;
    private final List<Thread> threads = new ArrayList<>();
    private final List<List<Outcome>> perThread = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param readKeys preloaded keys to read
     * @param writePrefix the sets write {@code writePrefix + n}
     * @param hangLimit how long a future may take before it counts as hung (much more than the timeout)
     */
    public Load(MemcacheClient<String> client, List<String> readKeys, String writePrefix, Duration hangLimit) {
        this.client = client;
        this.readKeys = List.copyOf(readKeys);
        this.writePrefix = writePrefix;
        this.hangLimit = hangLimit;
    }

    /** Starts {@code n} threads. */
    public Load start(int n) {
        running = true;
        for (int i = 0; i < n; i++) {
            List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
            perThread.add(outcomes);
            Thread t = new Thread(() -> run(outcomes), "load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    private void run(List<Outcome> outcomes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Pending> round = new ArrayList<>(GETS + SETS + 1);
        while (running) {
            round.clear();
            for (int i = 0; i < GETS; i++) {
                String key = readKeys.get(random.nextInt(readKeys.size()));
                long start = System.nanoTime();
                CompletableFuture<?> f = client.get(key);
                round.add(new Pending(Kind.GET, List.of(key), start, System.nanoTime() - start, f));
            }
            for (int i = 0; i < SETS; i++) {
                String key = writePrefix + random.nextInt(2000);
                long start = System.nanoTime();
                CompletableFuture<?> f = client.set(key, 0, "w");
                round.add(new Pending(Kind.SET, List.of(key), start, System.nanoTime() - start, f));
            }
            List<String> keys = new ArrayList<>(MULTI_KEYS);
            for (int i = 0; i < MULTI_KEYS; i++) {
                keys.add(readKeys.get(random.nextInt(readKeys.size())));
            }
            long start = System.nanoTime();
            CompletableFuture<?> f = client.getMulti(keys);
            round.add(new Pending(Kind.MULTI_GET, keys, start, System.nanoTime() - start, f));
            for (Pending p : round) {
                outcomes.add(p.await(hangLimit));
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the threads (each finishes its round) and returns every outcome, in start order. */
    public List<Outcome> stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(hangLimit.toMillis() * 3);
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " is stuck");
            }
        }
        List<Outcome> all = new ArrayList<>();
        for (List<Outcome> outcomes : perThread) {
            all.addAll(outcomes);
        }
        all.sort((a, b) -> Long.compare(a.startNanos, b.startNanos));
        return all;
    }

    private static final class Pending {
        final Kind kind;
        final List<String> keys;
        final long start;
        final long call;
        final CompletableFuture<?> future;
        final AtomicLong end = new AtomicLong();

        Pending(Kind kind, List<String> keys, long start, long call, CompletableFuture<?> future) {
            this.kind = kind;
            this.keys = keys;
            this.start = start;
            this.call = call;
            this.future = future;
            future.whenComplete((v, e) -> end.set(System.nanoTime()));
        }

        Outcome await(Duration limit) {
            Object value = null;
            Throwable failure = null;
            try {
                value = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (TimeoutException e) {
                failure = new Hung(kind + " " + keys + " did not complete within " + limit.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            }
            long ended = end.get();
            return new Outcome(kind, keys, start, call, ended == 0 ? System.nanoTime() : ended, value, failure);
        }
    }
}
