package dev.ketch.it;

import static dev.ketch.it.clients.WireProtocol.BINARY;
import static dev.ketch.it.clients.WireProtocol.TEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.it.clients.ClientHandle;
import dev.ketch.it.clients.ClientTarget;
import dev.ketch.it.clients.ClientTestServers;
import dev.ketch.it.clients.Expiry;
import dev.ketch.it.clients.Keys;
import dev.ketch.it.clients.NoLeakedClientThreads;
import dev.ketch.it.clients.Xmemcached;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.MemcachedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * xmemcached 2.4, unmodified, speaking the text and the binary protocol to the Ketch server
 * process; every scenario also runs against a real memcached as the control, so that a failure
 * there points at the client set-up rather than at Ketch.
 *
 * <p>xmemcached's calls are synchronous and limited by its operation timeout; each scenario uses a
 * fresh client, shut down in every path (see {@link NoLeakedClientThreads}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XmemcachedIT {

    private static final ClientTestServers SERVERS = ClientTestServers.withFlags("-m", "64");

    @RegisterExtension
    static final NoLeakedClientThreads THREADS = new NoLeakedClientThreads();

    @AfterAll
    static void stopServers() {
        SERVERS.close();
    }

    static List<ClientTarget> bothProtocols() {
        return ClientTarget.each(TEXT, BINARY);
    }

    static List<ClientTarget> binaryOnly() {
        return ClientTarget.each(BINARY);
    }

    private static ClientHandle<MemcachedClient> connect(ClientTarget target) {
        return Xmemcached.connect(SERVERS.port(target.side()), target.protocol());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void setStoresAValueThatGetReturnsAndAMissIsNull(ClientTarget target) throws Exception {
        String key = Keys.unique("set");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(client.set(key, Expiry.NEVER, "hello"));
            assertEquals("hello", client.get(key));
            assertTrue(client.set(key, Expiry.NEVER, "hello again"));
            assertEquals("hello again", client.get(key));
            assertNull(client.get(Keys.unique("never-stored")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void valuesKeepTheirJavaTypeThroughTheClientFlags(ClientTarget target) throws Exception {
        String prefix = Keys.unique("typed");
        ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
        byte[] bytes = {0, 1, 2, (byte) 0xff, '\r', '\n'};
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(client.set(prefix + "-int", Expiry.NEVER, 42));
            assertTrue(client.set(prefix + "-long", Expiry.NEVER, 1L << 40));
            assertTrue(client.set(prefix + "-list", Expiry.NEVER, list));
            assertTrue(client.set(prefix + "-bytes", Expiry.NEVER, bytes));

            assertEquals(Integer.valueOf(42), client.get(prefix + "-int"));
            assertEquals(Long.valueOf(1L << 40), client.get(prefix + "-long"));
            assertEquals(list, client.get(prefix + "-list"));
            assertArrayEquals(bytes, client.<byte[]>get(prefix + "-bytes"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void largeValuesRoundTripCompressedOrNot(ClientTarget target) throws Exception {
        String compressible = "0123456789abcdef".repeat(20_000); // 320 KB; the client compresses values over 16 KB
        byte[] random = new byte[900_000];
        new Random(7).nextBytes(random);
        String key = Keys.unique("large");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(client.set(key + "-text", Expiry.NEVER, compressible));
            assertTrue(client.set(key + "-random", Expiry.NEVER, random));
            assertEquals(compressible, client.get(key + "-text"));
            assertArrayEquals(random, client.<byte[]>get(key + "-random"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void casStoresWithTheCurrentUniqueAndReportsConflictsAndMisses(ClientTarget target) throws Exception {
        String key = Keys.unique("cas");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(client.set(key, Expiry.NEVER, "v1"));
            GetsResponse<String> first = client.gets(key);
            assertEquals("v1", first.getValue());

            assertTrue(client.cas(key, Expiry.NEVER, "v2", first.getCas()));
            GetsResponse<String> second = client.gets(key);
            assertEquals("v2", second.getValue());
            assertNotEquals(first.getCas(), second.getCas(), "a store must change the cas unique");

            assertFalse(client.cas(key, Expiry.NEVER, "stale writer", first.getCas()));
            assertTrue(client.set(key, Expiry.NEVER, "other writer"));
            assertFalse(client.cas(key, Expiry.NEVER, "lost update", second.getCas()));
            assertEquals("other writer", client.get(key));

            assertFalse(client.cas(Keys.unique("cas-missing"), Expiry.NEVER, "x", second.getCas()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void incrAndDecrCountFromAStoredNumberAndCreateMissingCounters(ClientTarget target) throws Exception {
        String key = Keys.unique("counter");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(client.set(key, Expiry.NEVER, "10"));
            assertEquals(15, client.incr(key, 5));
            assertEquals("15", client.get(key));
            assertEquals(12, client.decr(key, 3));
            assertEquals(0, client.decr(key, 100), "decr stops at 0");

            // xmemcached creates a missing counter: with 0 unless an initial value is given
            String missing = Keys.unique("counter-missing");
            assertEquals(0, client.incr(missing, 5));
            assertEquals("0", client.get(missing));
            assertEquals(5, client.incr(missing, 5));
            String seeded = Keys.unique("counter-seeded");
            assertEquals(100, client.incr(seeded, 1, 100));
            assertEquals(101, client.incr(seeded, 1, 100));
            assertEquals(7, client.decr(Keys.unique("counter-seeded-decr"), 1, 7));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void deleteRemovesTheItemOnce(ClientTarget target) throws Exception {
        String key = Keys.unique("delete");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(client.set(key, Expiry.NEVER, "x"));
            assertTrue(client.delete(key));
            assertNull(client.get(key));
            assertFalse(client.delete(key));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void multiGetReturnsEveryHitAndLeavesOutTheMisses(ClientTarget target) throws Exception {
        String prefix = Keys.unique("bulk");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(prefix + "-" + i);
        }
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            for (int i = 0; i < keys.size(); i += 3) {
                assertTrue(client.set(keys.get(i), Expiry.NEVER, "value " + i));
            }
            Map<String, String> found = client.get(keys);
            assertEquals(100, found.size(), () -> "hits: " + found.keySet());
            for (int i = 0; i < keys.size(); i += 3) {
                assertEquals("value " + i, found.get(keys.get(i)));
            }
            Map<String, GetsResponse<String>> withCas = client.gets(keys);
            assertEquals(found.keySet(), withCas.keySet());
            assertEquals(client.gets(keys.get(0)).getCas(), withCas.get(keys.get(0)).getCas());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void touchSetsTheExpiryOfAnExistingItemOnly(ClientTarget target) throws Exception {
        String key = Keys.unique("touch");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(client.set(key, Expiry.NEVER, "x"));
            assertTrue(client.touch(key, Expiry.TEN_MINUTES));
            assertEquals("x", client.get(key));
            assertFalse(client.touch(Keys.unique("touch-missing"), Expiry.TEN_MINUTES));

            assertTrue(client.touch(key, Expiry.PAST_ABSOLUTE_TIME));
            assertNull(client.get(key), "touched to a past time, the item is expired");
        }
    }

    /** xmemcached implements get-and-touch for the binary protocol only. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOnly")
    void getAndTouchReturnsTheValueAndSetsTheExpiry(ClientTarget target) throws Exception {
        String key = Keys.unique("gat");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(client.set(key, Expiry.NEVER, "x"));
            assertEquals("x", client.getAndTouch(key, Expiry.TEN_MINUTES));
            assertNull(client.getAndTouch(Keys.unique("gat-missing"), Expiry.TEN_MINUTES));

            assertEquals("x", client.getAndTouch(key, Expiry.PAST_ABSOLUTE_TIME));
            assertNull(client.get(key), "touched to a past time, the item is expired");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void appendAndPrependExtendAnExistingValueOnly(ClientTarget target) throws Exception {
        String key = Keys.unique("append");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(client.set(key, Expiry.NEVER, "b"));
            assertTrue(client.append(key, "c"));
            assertTrue(client.prepend(key, "a"));
            assertEquals("abc", client.get(key));
            assertFalse(client.append(Keys.unique("append-missing"), "x"));
            assertFalse(client.prepend(Keys.unique("prepend-missing"), "x"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void addStoresOnlyNewKeysAndReplaceOnlyExistingOnes(ClientTarget target) throws Exception {
        String key = Keys.unique("add");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertFalse(client.replace(key, Expiry.NEVER, "r"));
            assertTrue(client.add(key, Expiry.NEVER, "first"));
            assertFalse(client.add(key, Expiry.NEVER, "second"));
            assertEquals("first", client.get(key));
            assertTrue(client.replace(key, Expiry.NEVER, "replaced"));
            assertEquals("replaced", client.get(key));
        }
    }
}
