package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.testing.TestServer;
import dev.ketch.client.transcode.ByteArrayTranscoder;
import dev.ketch.client.transcode.LongTranscoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * Every client operation against one server in one protocol. Subclasses pick the server (bundled
 * or a real memcached) and the protocol, so each behaviour is checked four ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientContract {

    private TestServer server;
    MemcacheClient<String> client;
    BlockingMemcacheClient<String> blocking;
    private String prefix;

    abstract TestServer startServer();

    abstract Protocol protocol();

    /** More client settings (TLS for the TLS subclasses); none by default. */
    MemcacheClientBuilder<String> configure(MemcacheClientBuilder<String> builder) {
        return builder;
    }

    @BeforeAll
    void start() throws InterruptedException {
        server = startServer();
        // No test here is about timeouts: a long one, so a slow moment of a busy machine fails none.
        client = configure(MemcacheClient.builder()).servers(server.address()).protocol(protocol())
                .operationTimeout(Duration.ofSeconds(10)).build();
        blocking = client.blocking();
        assertTrue(client.awaitConnected(Duration.ofSeconds(30)), "connected");
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
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

    static <T extends Throwable> T failure(Class<T> type, CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        return assertInstanceOf(type, e.getCause());
    }

    @Test
    void setThenGetReturnsTheValueAndAMissIsNull() {
        assertTrue(blocking.set(key("k"), 0, "héllo"));
        assertEquals("héllo", blocking.get(key("k")));
        assertNull(blocking.get(key("absent")));
        assertNull(blocking.gets(key("absent")));
    }

    @Test
    void getsReturnsFlagsAndCasAndCasDetectsChanges() {
        MemcacheClient<byte[]> raw = client.withTranscoder(new FlagsTranscoder(0xfeedbeef));
        assertTrue(raw.blocking().set(key("k"), 0, new byte[] {1, 2, 3}));
        GetResult<byte[]> first = raw.blocking().gets(key("k"));
        assertEquals(0xfeedbeef, first.flags());
        assertNotEquals(0, first.cas());
        assertEquals(CasResult.OK, raw.blocking().cas(key("k"), 0, new byte[] {4}, first.cas()));
        assertEquals(CasResult.EXISTS, raw.blocking().cas(key("k"), 0, new byte[] {5}, first.cas()), "stale CAS");
        assertArrayEquals(new byte[] {4}, raw.blocking().get(key("k")));
        assertEquals(CasResult.NOT_FOUND, raw.blocking().cas(key("gone"), 0, new byte[] {6}, first.cas()));
        assertThrows(IllegalArgumentException.class, () -> blocking.cas(key("k"), 0, "x", 0));
    }

    @Test
    void addAndReplaceAreConditional() {
        assertTrue(blocking.add(key("k"), 0, "one"));
        assertFalse(blocking.add(key("k"), 0, "two"));
        assertEquals("one", blocking.get(key("k")));
        assertFalse(blocking.replace(key("absent"), 0, "x"));
        assertNull(blocking.get(key("absent")));
        assertTrue(blocking.replace(key("k"), 0, "three"));
        assertEquals("three", blocking.get(key("k")));
    }

    @Test
    void appendAndPrependExtendAnExistingValueOnly() {
        assertFalse(blocking.append(key("absent"), "x"));
        assertFalse(blocking.prepend(key("absent"), "x"));
        blocking.set(key("k"), 0, "mid");
        assertTrue(blocking.append(key("k"), ">"));
        assertTrue(blocking.prepend(key("k"), "<"));
        assertEquals("<mid>", blocking.get(key("k")));
    }

    @Test
    void storeGivesTheStatusOfARefusalAndTheNewCasInBinaryAndMeta() {
        boolean text = protocol() == Protocol.TEXT;
        boolean binary = protocol() == Protocol.BINARY;
        StoreReply stored = client.store(StoreCommand.SET, key("k"), 0, "a", 0).join();
        assertTrue(stored.stored());
        long cas = blocking.gets(key("k")).cas();
        assertEquals(text ? 0 : cas, stored.cas(), "the new CAS unique, binary and meta only");
        assertEquals(binary ? MemcacheStatus.KEY_EXISTS : MemcacheStatus.ITEM_NOT_STORED,
                client.store(StoreCommand.ADD, key("k"), 0, "b", 0).join().status());
        assertEquals(binary ? MemcacheStatus.KEY_NOT_FOUND : MemcacheStatus.ITEM_NOT_STORED,
                client.store(StoreCommand.REPLACE, key("absent"), 0, "b", 0).join().status());
        assertEquals(MemcacheStatus.ITEM_NOT_STORED, client.store(StoreCommand.APPEND, key("absent"), 0, "b", 0).join().status());
        assertEquals(MemcacheStatus.KEY_EXISTS, client.store(StoreCommand.SET, key("k"), 0, "c", cas + 1).join().status());
        assertEquals(MemcacheStatus.KEY_NOT_FOUND, client.store(StoreCommand.SET, key("absent"), 0, "c", cas).join().status());
        StoreReply swapped = client.store(StoreCommand.SET, key("k"), 0, "d", cas).join();
        assertEquals(MemcacheStatus.OK, swapped.status());
        assertEquals("d", blocking.get(key("k")));
        if (!text) {
            assertNotEquals(cas, swapped.cas());
            assertEquals(MemcacheStatus.KEY_EXISTS,
                    client.store(StoreCommand.APPEND, key("k"), 0, "!", swapped.cas() + 1).join().status(), "stale CAS");
            StoreReply appended = client.store(StoreCommand.APPEND, key("k"), 0, "!", swapped.cas()).join();
            assertTrue(appended.stored());
            assertEquals(blocking.gets(key("k")).cas(), appended.cas());
            assertEquals("d!", blocking.get(key("k")));
        } else {
            assertThrows(IllegalArgumentException.class, () -> client.store(StoreCommand.APPEND, key("k"), 0, "!", cas));
        }
    }

    @Test
    void deleteReportsWhetherTheKeyExistedAndHonoursCas() {
        assertFalse(blocking.delete(key("absent")));
        blocking.set(key("k"), 0, "v");
        assertTrue(blocking.delete(key("k")));
        assertNull(blocking.get(key("k")));

        blocking.set(key("c"), 0, "v");
        long cas = blocking.gets(key("c")).cas();
        assertEquals(CasResult.EXISTS, blocking.delete(key("c"), cas + 1000));
        assertEquals("v", blocking.get(key("c")));
        assertEquals(CasResult.OK, blocking.delete(key("c"), cas));
        assertEquals(CasResult.NOT_FOUND, blocking.delete(key("c"), cas));
    }

    @Test
    void countersAreUnsigned64BitDecrStopsAtZeroAndMissesAreNull() {
        assertNull(blocking.incr(key("n"), 1));
        assertNull(blocking.decr(key("n"), 1));
        blocking.set(key("n"), 0, "10");
        assertEquals(15L, blocking.incr(key("n"), 5));
        assertEquals(0L, blocking.decr(key("n"), 100));
        blocking.set(key("max"), 0, "18446744073709551615");
        assertEquals(0L, blocking.incr(key("max"), 1), "incr wraps around 2^64");
        assertEquals(Long.MAX_VALUE, blocking.incr(key("max"), Long.MAX_VALUE), "the largest delta");
        blocking.set(key("text"), 0, "abc");
        MemcacheServerException e = assertThrows(MemcacheServerException.class, () -> blocking.incr(key("text"), 1));
        assertEquals(MemcacheStatus.NON_NUMERIC_VALUE, e.status());
    }

    @Test
    void incrWithAnInitialValueCreatesTheCounter() {
        assertEquals(7L, blocking.incr(key("n"), 3, 7, 0));
        assertEquals(10L, blocking.incr(key("n"), 3, 7, 0));
        assertEquals(4L, blocking.decr(key("d"), 1, 4, 0));
        assertEquals(3L, blocking.decr(key("d"), 1, 4, 0));
        assertEquals(3L, client.withTranscoder(LongTranscoder.INSTANCE).blocking().get(key("d")));
    }

    @Test
    void concurrentIncrWithInitialCountsEveryCall() throws Exception {
        int calls = 200;
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            results.add(client.incr(key("n"), 1, 1, 0));
        }
        CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).get();
        assertEquals((long) calls, client.withTranscoder(LongTranscoder.INSTANCE).blocking().get(key("n")));
    }

    @Test
    void touchAndGetAndTouchSetANewExpiry() throws InterruptedException {
        assertFalse(blocking.touch(key("absent"), 10));
        assertNull(blocking.getAndTouch(key("absent"), 10));
        // 3 s, not 1: memcached's clock ticks whole seconds, so a 1 s item may be gone well before a
        // second has passed, before the touch on a loaded machine
        blocking.set(key("k"), 3, "v");
        assertTrue(blocking.touch(key("k"), 100));
        blocking.set(key("g"), 3, "w");
        assertEquals("w", blocking.getAndTouch(key("g"), 100));
        GetResult<String> withCas = blocking.getsAndTouch(key("g"), 100);
        assertEquals("w", withCas.value());
        assertNotEquals(0, withCas.cas());
        Thread.sleep(4100);
        assertEquals("v", blocking.get(key("k")), "touched to 100 s, so still there after its first 3 s");
        assertEquals("w", blocking.get(key("g")));
        blocking.set(key("short"), 1, "x");
        Thread.sleep(2100);
        assertNull(blocking.get(key("short")), "not touched: expired");
    }

    @Test
    void getMultiReturnsOnlyTheKeysFound() {
        List<String> keys = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            keys.add(key("k" + i));
            if (i % 3 == 0) {
                blocking.set(key("k" + i), 0, "v" + i);
                expected.put(key("k" + i), "v" + i);
            }
        }
        keys.add(key("k0"));
        assertEquals(expected, blocking.getMulti(keys));
        Map<String, GetResult<String>> withCas = blocking.getsMulti(List.of(key("k0"), key("k1")));
        assertEquals(1, withCas.size());
        assertEquals("v0", withCas.get(key("k0")).value());
        assertNotEquals(0, withCas.get(key("k0")).cas());
        assertTrue(blocking.getMulti(List.of()).isEmpty());
    }

    @Test
    void oneMegabyteValuesRoundTripAndLargerOnesFailBeforeSending() {
        MemcacheClient<byte[]> raw = client.withTranscoder(ByteArrayTranscoder.INSTANCE);
        String k = key("big");
        byte[] big = new byte[1024 * 1024 - 64 - k.length()];
        ThreadLocalRandom.current().nextBytes(big);
        assertTrue(raw.blocking().set(k, 0, big));
        assertArrayEquals(big, raw.blocking().get(k));
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> raw.set(k, 0, new byte[1024 * 1024]));
        assertTrue(tooLarge.getMessage().contains("too large"), tooLarge.getMessage());
    }

    @Test
    void binaryKeysRoundTrip() {
        MemcacheClient<byte[]> raw = client.withTranscoder(ByteArrayTranscoder.INSTANCE);
        byte[] key = protocol() != Protocol.TEXT
                ? new byte[] {0, 1, ' ', '\r', '\n', (byte) 0xff, (byte) 0x80}
                : new byte[] {'k', (byte) 0xff, (byte) 0x80, (byte) 0xc3, (byte) 0x28};
        assertTrue(raw.blocking().set(key, 0, new byte[] {42}));
        assertArrayEquals(new byte[] {42}, raw.blocking().get(key));
        assertTrue(raw.blocking().delete(key));
    }

    @Test
    void invalidKeysFailTheCallBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> client.get("x".repeat(251)));
        assertThrows(IllegalArgumentException.class, () -> client.set("", 0, "v"));
        assertThrows(NullPointerException.class, () -> client.get((String) null));
        if (protocol() == Protocol.TEXT) {
            assertThrows(IllegalArgumentException.class, () -> client.set("a b", 0, "v"));
            assertThrows(IllegalArgumentException.class, () -> client.get("k\r\nflush_all"));
            assertThrows(IllegalArgumentException.class, () -> client.getMulti(List.of("ok", "not ok")));
        }
        assertEquals("still usable", setAndGet(key("after"), "still usable"));
    }

    private String setAndGet(String k, String v) {
        blocking.set(k, 0, v);
        return blocking.get(k);
    }

    @Test
    void quietMutationsApplyWithoutReplies() {
        QuietMemcacheClient<String> quiet = client.quiet();
        quiet.set(key("q"), 0, "1").join();
        quiet.add(key("q"), 0, "ignored: exists").join();
        quiet.append(key("q"), "0").join();
        quiet.incr(key("q"), 5).join();
        quiet.decr(key("q"), 1).join();
        quiet.prepend(key("absent"), "x").join();
        quiet.touch(key("q"), 100).join();
        assertEquals("14", blocking.get(key("q")), "every quiet request was applied, in order");
        long cas = blocking.gets(key("q")).cas();
        quiet.cas(key("q"), 0, "stale", cas + 1000).join();
        quiet.cas(key("q"), 0, "swapped", cas).join();
        assertEquals("swapped", blocking.get(key("q")));
        quiet.delete(key("q")).join();
        assertNull(blocking.get(key("q")));
        assertNull(blocking.get(key("absent")));
    }

    @Test
    void serverCommandsAnswerPerServer() {
        Map<String, String> versions = blocking.version();
        assertEquals(1, versions.size());
        assertTrue(versions.values().iterator().next().matches("\\d+\\.\\d+\\.\\d+.*"), versions.toString());
        Map<String, String> stats = blocking.stats(null).values().iterator().next();
        assertTrue(stats.containsKey("pid") && stats.containsKey("curr_items"), stats.keySet().toString());
        Map<String, String> settings = blocking.stats("settings").values().iterator().next();
        assertEquals("67108864", settings.get("maxbytes"));
        blocking.noop();
        if (protocol() != Protocol.BINARY) {
            blocking.verbosity(0);
        } else {
            assertThrows(UnsupportedOperationException.class, () -> blocking.verbosity(0));
        }
    }

    @Test
    void flushAllInvalidatesEverything() {
        blocking.set(key("k"), 0, "v");
        blocking.flushAll(0);
        assertNull(blocking.get(key("k")));
        client.quiet().flushAll(0).join();
        blocking.set(key("after"), 0, "v");
        assertEquals("v", blocking.get(key("after")), "items stored after the flush stay");
    }

    @Test
    void manyThreadsShareOneClient() throws Exception {
        int threads = 16;
        int perThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    List<CompletableFuture<Boolean>> sets = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        sets.add(client.set(key(thread + "-" + i), 0, thread + "/" + i));
                    }
                    sets.forEach(f -> assertTrue(f.join()));
                    for (int i = 0; i < perThread; i++) {
                        assertEquals(thread + "/" + i, blocking.get(key(thread + "-" + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blockingCallsRethrowTheCauseUnwrapped() {
        blocking.set(key("text"), 0, "abc");
        MemcacheServerException e = assertThrows(MemcacheServerException.class, () -> blocking.incr(key("text"), 1));
        assertFalse(e.serverMessage().isEmpty() && protocol() == Protocol.TEXT);
        assertTrue(Arrays.asList(MemcacheStatus.values()).contains(e.status()));
    }

    @Test
    void aNegativeTtlExpiresAtOnceInEveryProtocol() {
        // memcached's text protocol reads a negative exptime as "already expired"; the binary
        // protocol would read -1 as an absolute time in 2106: the client sends one meaning to both
        assertTrue(blocking.set(key("neg"), -1, "v"));
        assertNull(blocking.get(key("neg")));
        assertTrue(blocking.add(key("neg"), -1, "v"), "an expired item does not block an add");
        assertNull(blocking.get(key("neg")));
        assertTrue(blocking.set(key("touched"), 0, "v"));
        assertTrue(blocking.touch(key("touched"), -1));
        assertNull(blocking.get(key("touched")));
        assertTrue(blocking.set(key("quiet"), 0, "v"));
        client.quiet().set(key("quiet"), -30, "v").join();
        assertNull(blocking.get(key("quiet")), "quiet sets too");
        assertEquals(5L, blocking.incr(key("counter"), 1, 5, -1));
        assertNull(blocking.get(key("counter")), "a counter created with a negative ttl expires at once");
    }

    @Test
    void negativeDeltasAreRefusedBeforeAnythingIsSent() {
        blocking.set(key("n"), 0, "5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.incr(key("n"), -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.decr(key("n"), -1));
        assertThrows(IllegalArgumentException.class, () -> client.incr(key("n"), -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> client.decr(key("n"), Long.MIN_VALUE, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> client.quiet().incr(key("n"), -2));
        assertThrows(IllegalArgumentException.class, () -> client.quiet().decr(key("n"), -2));
        assertEquals("5", blocking.get(key("n")), "nothing was applied");
    }

    @Test
    void aClosedClientFailsEveryCallAtOnce() throws Exception {
        MemcacheClient<String> closed = configure(MemcacheClient.builder()).servers(server.address())
                .protocol(protocol()).operationTimeout(Duration.ofSeconds(10)).build();
        assertTrue(closed.awaitConnected(Duration.ofSeconds(30)));
        closed.close();
        assertInstanceOf(MemcacheClosedException.class, causeOf(closed.quiet().set(key("q"), 0, "v")));
        assertInstanceOf(MemcacheClosedException.class, causeOf(closed.quiet().delete(key("q"))));
        assertInstanceOf(MemcacheClosedException.class, causeOf(closed.quiet().flushAll(0)));
        assertInstanceOf(MemcacheClosedException.class, causeOf(closed.set(key("q"), 0, "v")));
        long start = System.nanoTime();
        assertThrows(MemcacheClosedException.class, () -> closed.awaitConnected(Duration.ofSeconds(60)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "did not wait for the timeout");
        assertNull(blocking.get(key("q")), "nothing was sent");
    }

    private static Throwable causeOf(CompletableFuture<?> f) {
        CompletionException e = assertThrows(CompletionException.class, () -> f.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
        return e.getCause();
    }

    /** Bytes as they are, with fixed flags: to see that flags survive the round trip. */
    private static final class FlagsTranscoder implements dev.ketch.client.transcode.Transcoder<byte[]> {
        private final int flags;

        FlagsTranscoder(int flags) {
            this.flags = flags;
        }

        @Override
        public dev.ketch.client.transcode.CachedData encode(byte[] value) {
            return new dev.ketch.client.transcode.CachedData(flags, value);
        }

        @Override
        public byte[] decode(dev.ketch.client.transcode.CachedData data) {
            return data.data();
        }
    }
}
