package dev.ketch.it;

import static com.spotify.folsom.MemcacheStatus.ITEM_NOT_STORED;
import static com.spotify.folsom.MemcacheStatus.KEY_EXISTS;
import static com.spotify.folsom.MemcacheStatus.KEY_NOT_FOUND;
import static com.spotify.folsom.MemcacheStatus.OK;
import static dev.ketch.it.clients.WireProtocol.BINARY;
import static dev.ketch.it.clients.WireProtocol.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.spotify.folsom.AsciiMemcacheClient;
import com.spotify.folsom.BinaryMemcacheClient;
import com.spotify.folsom.GetResult;
import com.spotify.folsom.MemcacheClient;
import com.spotify.folsom.MemcacheStatus;
import dev.ketch.it.clients.Await;
import dev.ketch.it.clients.ClientHandle;
import dev.ketch.it.clients.ClientTarget;
import dev.ketch.it.clients.ClientTestServers;
import dev.ketch.it.clients.Expiry;
import dev.ketch.it.clients.Folsom;
import dev.ketch.it.clients.Keys;
import dev.ketch.it.clients.NoLeakedClientThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spotify's Folsom 1.21, unmodified, speaking the text (ascii) and the binary protocol to the
 * Ketch server process; every scenario also runs against a real memcached as the control, so that
 * a failure there points at the client set-up rather than at Ketch.
 *
 * <p>Folsom is asynchronous: every result is awaited with a timeout ({@link Await}). Each scenario
 * uses a fresh client, shut down in every path (see {@link NoLeakedClientThreads}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FolsomIT {

    private static final ClientTestServers SERVERS = ClientTestServers.withFlags("-m", "64");
    /** Long enough that an item cannot expire between two requests (memcached's clock ticks once a second). */
    private static final int SHORT_TTL_SECONDS = 2;

    @RegisterExtension
    static final NoLeakedClientThreads THREADS = new NoLeakedClientThreads();

    @AfterAll
    static void stopServers() {
        SERVERS.close();
    }

    static List<ClientTarget> bothProtocols() {
        return ClientTarget.each(TEXT, BINARY);
    }

    static List<ClientTarget> textOnly() {
        return ClientTarget.each(TEXT);
    }

    static List<ClientTarget> binaryOnly() {
        return ClientTarget.each(BINARY);
    }

    private static ClientHandle<? extends MemcacheClient<String>> connect(ClientTarget target) throws Exception {
        int port = SERVERS.port(target.side());
        return target.protocol() == BINARY ? Folsom.connectBinary(port) : Folsom.connectAscii(port);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void setStoresAValueThatGetReturnsAndAMissIsNull(ClientTarget target) throws Exception {
        String key = Keys.unique("set");
        try (ClientHandle<? extends MemcacheClient<String>> handle = connect(target)) {
            MemcacheClient<String> client = handle.client();
            assertEquals(OK, Await.result(client.set(key, "héllo ✓", Expiry.NEVER)));
            assertEquals("héllo ✓", Await.result(client.get(key)));
            assertEquals(OK, Await.result(client.set(key, "hello again", Expiry.NEVER)));
            assertEquals("hello again", Await.result(client.get(key)));
            assertNull(Await.result(client.get(Keys.unique("never-stored"))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void clientFlagsAndLargeValuesRoundTrip(ClientTarget target) throws Exception {
        String key = Keys.unique("flags");
        String large = "0123456789abcdef".repeat(60_000); // 960 KB, close to the 1 MB item limit
        try (ClientHandle<? extends MemcacheClient<String>> handle = connect(target)) {
            MemcacheClient<String> client = handle.client();
            assertEquals(OK, Await.result(client.set(key, "x", Expiry.NEVER, 0xCAFE)));
            assertEquals(0xCAFE, Await.result(client.casGet(key)).getFlags());
            assertEquals(OK, Await.result(client.set(key, large, Expiry.NEVER)));
            assertEquals(large, Await.result(client.get(key)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void aValueOverTheItemSizeLimitIsRefusedByTheServerAndTheConnectionStaysUsable(ClientTarget target)
            throws Exception {
        String key = Keys.unique("too-large");
        String tooLarge = "x".repeat(2 * 1024 * 1024);
        int port = SERVERS.port(target.side());
        // Folsom refuses values over 1 MiB itself; let them through so the server has to refuse.
        var builder = Folsom.builder(port).withMaxSetLength(4 * 1024 * 1024);
        try (ClientHandle<? extends MemcacheClient<String>> handle = target.protocol() == BINARY
                ? Folsom.connected(builder.connectBinary()) : Folsom.connected(builder.connectAscii())) {
            MemcacheClient<String> client = handle.client();
            assertEquals(OK, Await.result(client.set(key, "small", Expiry.NEVER)));
            assertEquals(MemcacheStatus.VALUE_TOO_LARGE, Await.result(client.set(key, tooLarge, Expiry.NEVER)));
            assertNull(Await.result(client.get(key)), "memcached drops the old value when a set is too large");
            assertEquals(OK, Await.result(client.set(key, "after", Expiry.NEVER)));
            assertEquals("after", Await.result(client.get(key)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void casStoresWithTheCurrentUniqueAndReportsConflictsAndMisses(ClientTarget target) throws Exception {
        String key = Keys.unique("cas");
        try (ClientHandle<? extends MemcacheClient<String>> handle = connect(target)) {
            MemcacheClient<String> client = handle.client();
            assertEquals(OK, Await.result(client.set(key, "v1", Expiry.NEVER)));
            GetResult<String> first = Await.result(client.casGet(key));
            assertEquals("v1", first.getValue());

            assertEquals(OK, Await.result(client.set(key, "v2", Expiry.NEVER, first.getCas())));
            GetResult<String> second = Await.result(client.casGet(key));
            assertEquals("v2", second.getValue());
            assertNotEquals(first.getCas(), second.getCas(), "a store must change the cas unique");

            assertEquals(KEY_EXISTS, Await.result(client.set(key, "stale writer", Expiry.NEVER, first.getCas())));
            assertEquals(OK, Await.result(client.set(key, "other writer", Expiry.NEVER)));
            assertEquals(KEY_EXISTS, Await.result(client.set(key, "lost update", Expiry.NEVER, second.getCas())));
            assertEquals("other writer", Await.result(client.get(key)));

            assertEquals(KEY_NOT_FOUND,
                    Await.result(client.set(Keys.unique("cas-missing"), "x", Expiry.NEVER, second.getCas())));
            assertNull(Await.result(client.casGet(Keys.unique("cas-never-stored"))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textOnly")
    void asciiIncrAndDecrCountFromAStoredNumberAndReportMissesAsNull(ClientTarget target) throws Exception {
        String key = Keys.unique("counter");
        try (ClientHandle<AsciiMemcacheClient<String>> handle = Folsom.connectAscii(SERVERS.port(target.side()))) {
            AsciiMemcacheClient<String> client = handle.client();
            assertEquals(OK, Await.result(client.set(key, "10", Expiry.NEVER)));
            assertEquals(15L, Await.result(client.incr(key, 5)));
            assertEquals("15", Await.result(client.get(key)));
            assertEquals(12L, Await.result(client.decr(key, 3)));
            assertEquals(0L, Await.result(client.decr(key, 100)), "decr stops at 0");

            String missing = Keys.unique("counter-missing");
            assertNull(Await.result(client.incr(missing, 1)));
            assertNull(Await.result(client.get(missing)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOnly")
    void binaryIncrAndDecrCreateAMissingCounterWithTheInitialValue(ClientTarget target) throws Exception {
        String key = Keys.unique("counter");
        try (ClientHandle<BinaryMemcacheClient<String>> handle = Folsom.connectBinary(SERVERS.port(target.side()))) {
            BinaryMemcacheClient<String> client = handle.client();
            assertEquals(OK, Await.result(client.set(key, "10", Expiry.NEVER)));
            assertEquals(15L, Await.result(client.incr(key, 5, 0, Expiry.NEVER)));
            assertEquals("15", Await.result(client.get(key)));
            assertEquals(12L, Await.result(client.decr(key, 3, 0, Expiry.NEVER)));
            assertEquals(0L, Await.result(client.decr(key, 100, 0, Expiry.NEVER)), "decr stops at 0");

            String created = Keys.unique("counter-created");
            assertEquals(100L, Await.result(client.incr(created, 1, 100, Expiry.NEVER)), "created with the initial value");
            assertEquals(101L, Await.result(client.incr(created, 1, 100, Expiry.NEVER)));
            assertEquals("101", Await.result(client.get(created)));

        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void deleteRemovesTheItemOnce(ClientTarget target) throws Exception {
        String key = Keys.unique("delete");
        try (ClientHandle<? extends MemcacheClient<String>> handle = connect(target)) {
            MemcacheClient<String> client = handle.client();
            assertEquals(OK, Await.result(client.set(key, "x", Expiry.NEVER)));
            assertEquals(OK, Await.result(client.delete(key)));
            assertNull(Await.result(client.get(key)));
            assertEquals(KEY_NOT_FOUND, Await.result(client.delete(key)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void multiGetAnswersEveryKeyInOrderWithNullForMisses(ClientTarget target) throws Exception {
        String prefix = Keys.unique("bulk");
        List<String> keys = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(prefix + "-" + i);
            expected.add(i % 3 == 0 ? "value " + i : null);
        }
        try (ClientHandle<? extends MemcacheClient<String>> handle = connect(target)) {
            MemcacheClient<String> client = handle.client();
            for (int i = 0; i < keys.size(); i += 3) {
                assertEquals(OK, Await.result(client.set(keys.get(i), "value " + i, Expiry.NEVER)));
            }
            assertEquals(expected, Await.result(client.get(keys)));
            List<GetResult<String>> withCas = Await.result(client.casGet(keys));
            assertEquals(Await.result(client.casGet(keys.get(0))).getCas(), withCas.get(0).getCas());
            assertNull(withCas.get(1));
        }
    }

    /**
     * Folsom sends TTLs only as "seconds from now" (it turns 0 and less into "never", and 30 days or
     * more into an absolute time), so the scenario shows that touch extends a short TTL by waiting
     * past it; get-and-touch (binary client only) is checked the same way.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void touchAndGetAndTouchExtendTheExpiryOfExistingItemsOnly(ClientTarget target) throws Exception {
        String touched = Keys.unique("touch");
        String gat = Keys.unique("gat");
        String missing = Keys.unique("touch-missing");
        try (ClientHandle<? extends MemcacheClient<String>> handle = connect(target)) {
            MemcacheClient<String> client = handle.client();
            assertEquals(OK, Await.result(client.set(touched, "t", SHORT_TTL_SECONDS)));
            assertEquals(OK, Await.result(client.set(gat, "g", SHORT_TTL_SECONDS)));
            assertEquals(OK, Await.result(client.touch(touched, Expiry.TEN_MINUTES)));
            assertEquals(KEY_NOT_FOUND, Await.result(client.touch(missing, Expiry.TEN_MINUTES)));
            if (client instanceof BinaryMemcacheClient<String> binary) {
                assertEquals("g", Await.result(binary.getAndTouch(gat, Expiry.TEN_MINUTES)));
                assertEquals(Await.result(binary.casGet(gat)).getCas(),
                        Await.result(binary.casGetAndTouch(gat, Expiry.TEN_MINUTES)).getCas());
                assertNull(Await.result(binary.getAndTouch(missing, Expiry.TEN_MINUTES)));
            }

            Thread.sleep(TimeUnit.SECONDS.toMillis(SHORT_TTL_SECONDS + 1) + 100);
            assertEquals("t", Await.result(client.get(touched)), "touched to ten minutes, the item outlived its TTL");
            if (client instanceof BinaryMemcacheClient) {
                assertEquals("g", Await.result(client.get(gat)), "get-and-touch extended the TTL too");
            } else {
                assertNull(Await.result(client.get(gat)), "the untouched item expired (the control of the wait)");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void appendAndPrependExtendAnExistingValueOnly(ClientTarget target) throws Exception {
        String key = Keys.unique("append");
        try (ClientHandle<? extends MemcacheClient<String>> handle = connect(target)) {
            MemcacheClient<String> client = handle.client();
            assertEquals(OK, Await.result(client.set(key, "b", Expiry.NEVER)));
            assertEquals(OK, Await.result(client.append(key, "c")));
            assertEquals(OK, Await.result(client.prepend(key, "a")));
            assertEquals("abc", Await.result(client.get(key)));
            assertEquals(ITEM_NOT_STORED, Await.result(client.append(Keys.unique("append-missing"), "x")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothProtocols")
    void addStoresOnlyNewKeysAndReplaceOnlyExistingOnes(ClientTarget target) throws Exception {
        String key = Keys.unique("add");
        try (ClientHandle<? extends MemcacheClient<String>> handle = connect(target)) {
            MemcacheClient<String> client = handle.client();
            // the binary protocol says "not found" where the text protocol says NOT_STORED
            assertEquals(target.protocol() == BINARY ? KEY_NOT_FOUND : ITEM_NOT_STORED,
                    Await.result(client.replace(key, "r", Expiry.NEVER)));
            assertEquals(OK, Await.result(client.add(key, "first", Expiry.NEVER)));
            assertEquals(ITEM_NOT_STORED, Await.result(client.add(key, "second", Expiry.NEVER)));
            assertEquals("first", Await.result(client.get(key)));
            assertEquals(OK, Await.result(client.replace(key, "replaced", Expiry.NEVER)));
            assertEquals("replaced", Await.result(client.get(key)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOnly")
    void noopIsAnswered(ClientTarget target) throws Exception {
        try (ClientHandle<BinaryMemcacheClient<String>> handle = Folsom.connectBinary(SERVERS.port(target.side()))) {
            assertNull(Await.result(handle.client().noop()));
        }
    }
}
