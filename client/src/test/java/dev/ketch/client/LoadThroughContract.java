package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link MemcacheClient#getOrLoad} under many concurrent callers of several clients (as several
 * JVMs would be), against one server in one protocol. Loaders are controlled by the test: each
 * returns a future the test completes when it chooses, so who waits for what never depends on
 * timing; the only clocks are the callers' wait bounds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LoadThroughContract {

    /**
     * Operation and connect timeouts long enough that a slow moment of a busy machine fails no
     * test that is not about timeouts.
     */
    private static final Duration PATIENT_OPERATIONS = Duration.ofSeconds(10);

    static final int CLIENTS = 3;
    static final int CALLERS = 60;
    /** Long enough never to expire during a test: what the tests wait for is completed by them. */
    static final LoadSettings PATIENT = LoadSettings.DEFAULTS.withMaxWait(Duration.ofSeconds(30))
            .withLockTime(Duration.ofSeconds(120));

    private TestServer server;
    final List<MemcacheClient<String>> clients = new ArrayList<>();
    private ExecutorService callers;
    private String prefix;

    abstract TestServer startServer();

    abstract Protocol protocol();

    @BeforeAll
    void start() throws InterruptedException {
        server = startServer();
        for (int i = 0; i < CLIENTS; i++) {
            MemcacheClient<String> client = MemcacheClient.builder().servers(server.address()).protocol(protocol())
                    .operationTimeout(PATIENT_OPERATIONS).connectTimeout(PATIENT_OPERATIONS).build();
            clients.add(client);
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)), "connected");
        }
        callers = Executors.newFixedThreadPool(CALLERS);
    }

    @AfterAll
    void stop() {
        if (callers != null) {
            callers.shutdownNow();
        }
        clients.forEach(MemcacheClient::close);
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void uniqueKeys(TestInfo test) {
        prefix = test.getTestMethod().orElseThrow().getName() + ":" + ThreadLocalRandom.current().nextInt(1_000_000) + ":";
    }

    String key(String name) {
        return prefix + name;
    }

    /** A loader whose calls are counted per key and whose values the test hands out. */
    static final class ControlledLoader {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        final CountDownLatch firstCall;

        ControlledLoader(int expectedCalls) {
            this.firstCall = new CountDownLatch(expectedCalls);
        }

        CompletableFuture<String> load(String key) {
            calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            CompletableFuture<String> value = pending.computeIfAbsent(key, k -> new CompletableFuture<>());
            firstCall.countDown();
            return value;
        }

        int calls(String key) {
            AtomicInteger n = calls.get(key);
            return n == null ? 0 : n.get();
        }

        void answer(String key, String value) {
            pending.computeIfAbsent(key, k -> new CompletableFuture<>()).complete(value);
        }
    }

    /**
     * {@code CALLERS} threads released together by a barrier, each calling getOrLoad on client
     * {@code i % CLIENTS} for key {@code keys[i % keys.length]}; their futures in caller order.
     */
    List<CompletableFuture<String>> stampede(List<String> keys, int ttl, LoadSettings settings, ControlledLoader loader)
            throws Exception {
        CyclicBarrier together = new CyclicBarrier(CALLERS);
        List<java.util.concurrent.Future<CompletableFuture<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            MemcacheClient<String> client = clients.get(i % CLIENTS);
            String key = keys.get(i % keys.size());
            calls.add(callers.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return client.getOrLoad(key, ttl, settings, loader::load);
            }));
        }
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (java.util.concurrent.Future<CompletableFuture<String>> call : calls) {
            futures.add(call.get(30, TimeUnit.SECONDS));
        }
        return futures;
    }

    static String join(CompletableFuture<String> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void amongManyCallersOfSeveralClientsExactlyOneLoadsEachKeyAndAllGetItsValue() throws Exception {
        List<String> keys = List.of(key("a"), key("b"), key("c"), key("d"), key("e"));
        ControlledLoader loader = new ControlledLoader(keys.size());
        List<CompletableFuture<String>> results = stampede(keys, 300, PATIENT, loader);
        assertTrue(loader.firstCall.await(30, TimeUnit.SECONDS), "every key's load started");
        for (String key : keys) {
            loader.answer(key, "value of " + key);
        }
        for (int i = 0; i < results.size(); i++) {
            assertEquals("value of " + keys.get(i % keys.size()), join(results.get(i)), "caller " + i);
        }
        for (String key : keys) {
            assertEquals(1, loader.calls(key), "loads of " + key);
            assertEquals("value of " + key, clients.get(0).blocking().get(key), "written back");
        }
        List<CompletableFuture<String>> again = stampede(keys, 300, PATIENT, loader);
        for (int i = 0; i < again.size(); i++) {
            assertEquals("value of " + keys.get(i % keys.size()), join(again.get(i)));
        }
        keys.forEach(key -> assertEquals(1, loader.calls(key), "cached: no second load of " + key));
    }

    @Test
    void callersWithoutAValueWaitNoLongerThanTheBoundWhileTheWinnerIsStillLoading() throws Exception {
        String key = key("slow");
        Duration bound = Duration.ofMillis(300);
        ControlledLoader loader = new ControlledLoader(1);
        long start = System.nanoTime();
        List<CompletableFuture<String>> results = stampede(List.of(key), 300, PATIENT.withMaxWait(bound), loader);
        assertTrue(loader.firstCall.await(30, TimeUnit.SECONDS));
        CountDownLatch gaveUp = new CountDownLatch(CALLERS - 1);
        List<Long> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (CompletableFuture<String> result : results) {
            result.whenComplete((v, failure) -> {
                assertInstanceOf(MemcacheTimeoutException.class, failure, "nobody has a value while the only load runs");
                waits.add(System.nanoTime() - start);
                gaveUp.countDown();
            });
        }
        assertTrue(gaveUp.await(30, TimeUnit.SECONDS), "every caller but the winner gave up");
        List<CompletableFuture<String>> stillWaiting = results.stream().filter(r -> !r.isDone()).toList();
        assertEquals(1, stillWaiting.size(), "only the winner waits for its own loader");
        CompletableFuture<String> winner = stillWaiting.get(0);
        for (CompletableFuture<String> result : results) {
            if (result != winner) {
                MemcacheTimeoutException timeout = assertInstanceOf(MemcacheTimeoutException.class,
                        assertThrows(CompletionException.class, result::join).getCause());
                assertTrue(timeout.getMessage().contains("for another caller to load"), timeout.getMessage());
            }
        }
        assertTrue(waits.stream().allMatch(w -> w >= bound.toNanos()), "they waited the bound first");
        assertEquals(1, loader.calls(key));
        loader.pending.get(key).completeExceptionally(new IllegalStateException("database down"));
        CompletionException e = assertThrows(CompletionException.class, winner::join);
        assertEquals("database down", e.getCause().getMessage());
    }

    @Test
    void aFailedLoadFailsItsCallerAndTheNextCallerLoadsAtOnce() throws Exception {
        String key = key("flaky");
        MemcacheClient<String> client = clients.get(0);
        IllegalStateException down = new IllegalStateException("database down");
        CompletionException e = assertThrows(CompletionException.class,
                () -> client.getOrLoad(key, 300, PATIENT, k -> CompletableFuture.failedFuture(down)).join());
        assertSame(down, e.getCause());
        assertEquals("second", join(clients.get(1).getOrLoad(key, 300, PATIENT.withMaxWait(Duration.ZERO),
                k -> CompletableFuture.completedFuture("second"))), "no lock left behind to wait for");
        assertThrows(IllegalStateException.class, () -> clients.get(2).blocking().getOrLoad(key("other"), 300, k -> {
            throw down;
        }));
        assertNull(join(client.getOrLoad(key("nothing"), 300, k -> CompletableFuture.completedFuture(null))),
                "null is returned");
        AtomicInteger loads = new AtomicInteger();
        assertEquals("now", clients.get(1).blocking().getOrLoad(key("nothing"), 300, k -> {
            loads.incrementAndGet();
            return "now";
        }));
        assertEquals(1, loads.get(), "null was not cached");
    }

    @Test
    void theBlockingFormRunsTheLoaderOnTheCallingThreadOnce() {
        String key = key("blocking");
        Thread caller = Thread.currentThread();
        AtomicInteger loads = new AtomicInteger();
        for (MemcacheClient<String> client : clients) {
            assertEquals("computed", client.blocking().getOrLoad(key, 300, k -> {
                assertSame(caller, Thread.currentThread());
                loads.incrementAndGet();
                return "computed";
            }));
        }
        assertEquals(1, loads.get());
    }

    @Test
    void invalidArgumentsFailTheCall() {
        MemcacheClient<String> client = clients.get(0);
        assertThrows(NullPointerException.class, () -> client.getOrLoad(key("k"), 0, null));
        assertThrows(NullPointerException.class, () -> client.getOrLoad(key("k"), 0, null, k -> null));
        assertThrows(IllegalArgumentException.class, () -> client.getOrLoad("", 0, k -> null));
        assertThrows(IllegalArgumentException.class, () -> LoadSettings.DEFAULTS.withLockTime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LoadSettings.DEFAULTS.withMaxWait(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> LoadSettings.DEFAULTS.withEarlyRecache(Duration.ofDays(31)));
        assertThrows(IllegalArgumentException.class, () -> client.invalidate(key("k"), Duration.ZERO));
    }
}
