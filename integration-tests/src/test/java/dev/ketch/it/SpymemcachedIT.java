package dev.ketch.it;

import static dev.ketch.it.clients.WireProtocol.BINARY;
import static dev.ketch.it.clients.WireProtocol.TEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.it.clients.Await;
import dev.ketch.it.clients.ClientHandle;
import dev.ketch.it.clients.ClientTarget;
import dev.ketch.it.clients.ClientTestServers;
import dev.ketch.it.clients.Expiry;
import dev.ketch.it.clients.Keys;
import dev.ketch.it.clients.NoLeakedClientThreads;
import dev.ketch.it.clients.Spymemcached;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.ops.OperationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spymemcached 2.12.3, unmodified, speaking the text and the binary protocol to the Ketch server
 * process; every scenario also runs against a real memcached as the control, so that a failure
 * there points at the client set-up rather than at Ketch.
 *
 * <p>Each scenario uses a fresh client (shut down in every path, see {@link NoLeakedClientThreads})
 * and keys of its own; every operation is limited to the client's operation timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpymemcachedIT {

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
        return Spymemcached.connect(SERVERS.port(target.side()), target.protocol());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void setStoresAValueThatGetReturnsAndAMissIsNull(ClientTarget target) throws Exception {
        String key = Keys.unique("set");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "hello")));
            assertEquals("hello", client.get(key));
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "hello again")));
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
            assertTrue(Await.result(client.set(prefix + "-int", Expiry.NEVER, 42)));
            assertTrue(Await.result(client.set(prefix + "-long", Expiry.NEVER, 1L << 40)));
            assertTrue(Await.result(client.set(prefix + "-list", Expiry.NEVER, list)));
            assertTrue(Await.result(client.set(prefix + "-bytes", Expiry.NEVER, bytes)));

            assertEquals(42, client.get(prefix + "-int"));
            assertEquals(1L << 40, client.get(prefix + "-long"));
            assertEquals(list, client.get(prefix + "-list"));
            assertArrayEquals(bytes, (byte[]) client.get(prefix + "-bytes"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void largeValuesRoundTripCompressedOrNot(ClientTarget target) throws Exception {
        String compressible = "0123456789abcdef".repeat(20_000); // 320 KB; the client gzips values over 16 KB
        byte[] random = new byte[900_000];
        new Random(7).nextBytes(random); // does not compress: stored as is, close to the 1 MB item limit
        String key = Keys.unique("large");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key + "-text", Expiry.NEVER, compressible)));
            assertTrue(Await.result(client.set(key + "-random", Expiry.NEVER, random)));
            assertEquals(compressible, client.get(key + "-text"));
            assertArrayEquals(random, (byte[]) client.get(key + "-random"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void aValueOverTheItemSizeLimitIsNotStoredAndTheConnectionStaysUsable(ClientTarget target) throws Exception {
        byte[] tooLarge = new byte[2 * 1024 * 1024];
        new Random(11).nextBytes(tooLarge);
        String key = Keys.unique("too-large");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "small")));
            if (target.protocol() == TEXT) {
                OperationException refused = assertThrows(OperationException.class,
                        () -> Await.result(client.set(key, Expiry.NEVER, tooLarge)));
                assertEquals("SERVER_ERROR object too large for cache", refused.getMessage());
            } else {
                assertFalse(Await.result(client.set(key, Expiry.NEVER, tooLarge)), "2 MiB is over -I 1m");
            }
            assertNull(client.get(key), "memcached drops the old value when a set is too large");
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "after")));
            assertEquals("after", client.get(key));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void casStoresWithTheCurrentUniqueAndReportsConflictsAndMisses(ClientTarget target) throws Exception {
        String key = Keys.unique("cas");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "v1")));
            CASValue<Object> first = client.gets(key);
            assertEquals("v1", first.getValue());

            assertEquals(CASResponse.OK, client.cas(key, first.getCas(), "v2"));
            CASValue<Object> second = client.gets(key);
            assertEquals("v2", second.getValue());
            assertNotEquals(first.getCas(), second.getCas(), "a store must change the cas unique");

            assertEquals(CASResponse.EXISTS, client.cas(key, first.getCas(), "stale writer"));
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "other writer")));
            assertEquals(CASResponse.EXISTS, client.cas(key, second.getCas(), "lost update"));
            assertEquals("other writer", client.get(key));

            assertEquals(CASResponse.NOT_FOUND, client.cas(Keys.unique("cas-missing"), second.getCas(), "x"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void incrAndDecrCountFromAStoredNumberAndReportMisses(ClientTarget target) throws Exception {
        String key = Keys.unique("counter");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "10")));
            assertEquals(15, client.incr(key, 5));
            assertEquals("15", client.get(key));
            assertEquals(12, client.decr(key, 3));
            assertEquals(0, client.decr(key, 100), "decr stops at 0");
            assertEquals(Long.MAX_VALUE, client.incr(key, Long.MAX_VALUE));

            String missing = Keys.unique("counter-missing");
            assertEquals(-1, client.incr(missing, 1), "spymemcached reports a missing counter as -1");
            assertEquals(-1, client.decr(missing, 1));
            assertNull(client.get(missing), "incr without a default must not create the counter");

            String created = Keys.unique("counter-default");
            assertEquals(100, client.incr(created, 1, 100), "a missing counter starts at the default");
            assertEquals(101, client.incr(created, 1, 100));
            assertEquals(99, client.decr(created, 2, 5));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void deleteRemovesTheItemOnce(ClientTarget target) throws Exception {
        String key = Keys.unique("delete");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "x")));
            assertTrue(Await.result(client.delete(key)));
            assertNull(client.get(key));
            assertFalse(Await.result(client.delete(key)));
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
                assertTrue(Await.result(client.set(keys.get(i), Expiry.NEVER, "value " + i)));
            }
            Map<String, Object> found = Await.result(client.asyncGetBulk(keys));
            assertEquals(100, found.size(), () -> "hits: " + found.keySet());
            for (int i = 0; i < keys.size(); i += 3) {
                assertEquals("value " + i, found.get(keys.get(i)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void touchSetsTheExpiryOfAnExistingItemOnly(ClientTarget target) throws Exception {
        String key = Keys.unique("touch");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "x")));
            assertTrue(Await.result(client.touch(key, Expiry.TEN_MINUTES)));
            assertEquals("x", client.get(key));
            assertFalse(Await.result(client.touch(Keys.unique("touch-missing"), Expiry.TEN_MINUTES)));

            assertTrue(Await.result(client.touch(key, Expiry.PAST_ABSOLUTE_TIME)));
            assertNull(client.get(key), "touched to a past time, the item is expired");
        }
    }

    /** spymemcached implements get-and-touch for the binary protocol only. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOnly")
    void getAndTouchReturnsTheValueAndSetsTheExpiry(ClientTarget target) throws Exception {
        String key = Keys.unique("gat");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "x")));
            CASValue<Object> touched = client.getAndTouch(key, Expiry.TEN_MINUTES);
            assertEquals("x", touched.getValue());
            assertEquals(client.gets(key).getCas(), touched.getCas(), "get-and-touch returns the item's cas unique");
            assertNull(client.getAndTouch(Keys.unique("gat-missing"), Expiry.TEN_MINUTES));

            assertEquals("x", client.getAndTouch(key, Expiry.PAST_ABSOLUTE_TIME).getValue());
            assertNull(client.get(key), "touched to a past time, the item is expired");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void appendAndPrependExtendAnExistingValueOnly(ClientTarget target) throws Exception {
        String key = Keys.unique("append");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertTrue(Await.result(client.set(key, Expiry.NEVER, "b")));
            assertTrue(Await.result(client.append(key, "c")));
            assertTrue(Await.result(client.prepend(key, "a")));
            assertEquals("abc", client.get(key));
            assertFalse(Await.result(client.append(Keys.unique("append-missing"), "x")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void addStoresOnlyNewKeysAndReplaceOnlyExistingOnes(ClientTarget target) throws Exception {
        String key = Keys.unique("add");
        try (ClientHandle<MemcachedClient> handle = connect(target)) {
            MemcachedClient client = handle.client();
            assertFalse(Await.result(client.replace(key, Expiry.NEVER, "r")));
            assertTrue(Await.result(client.add(key, Expiry.NEVER, "first")));
            assertFalse(Await.result(client.add(key, Expiry.NEVER, "second")));
            assertEquals("first", client.get(key));
            assertTrue(Await.result(client.replace(key, Expiry.NEVER, "replaced")));
            assertEquals("replaced", client.get(key));
        }
    }
}
