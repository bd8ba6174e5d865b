package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.cluster.Failover;
import dev.ketch.client.testing.ScriptedServer;
import dev.ketch.client.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failover seen through the client, in-process and fast: a server that is not there, fail-fast,
 * no server at all, read retries, and servers changed at run time. The fault-injection scenarios
 * under load are in the integration tests ({@code Failover*IT}).
 */
class FailoverClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<TestServer> servers = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private final ClientListener recorder = new ClientListener() {
        @Override
        public void serverDown(String server, Throwable cause) {
            events.add("down " + server);
        }

        @Override
        public void serverEjected(String server, Throwable cause) {
            events.add("ejected " + server);
        }

        @Override
        public void serverUp(String server) {
            events.add("up " + server);
        }

        @Override
        public void serverRejoined(String server) {
            events.add("rejoined " + server);
        }
    };

    @BeforeEach
    void start() {
        for (int i = 0; i < 2; i++) {
            servers.add(TestServer.bundled());
        }
    }

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
    }

    /**
     * A client whose timeouts no loaded machine reaches: every failure these tests expect is a hard
     * one (refused, lost) or fail-fast, so a healthy server that is merely slow must not time out,
     * nor be declared dead by an unanswered silence probe.
     */
    private MemcacheClientBuilder<String> builder(Failover failover, String... addresses) {
        return MemcacheClient.builder().servers(addresses).listener(recorder).ioThreads(1)
                .failover(failover.silenceDetection(Failover.DEFAULT_SILENT_AFTER, Failover.DEFAULT_SILENCE_MULTIPLE, WAIT))
                .operationTimeout(WAIT).connectTimeout(WAIT);
    }

    private static Throwable cause(CompletableFuture<?> future) {
        return assertThrows(CompletionException.class, future::join).getCause();
    }

    /** A key that {@code client} sends to {@code server}. */
    private static String keyOn(MemcacheClient<?> client, String server, String prefix) {
        return keyOn(key -> String.valueOf(client.serverFor(key)), server, prefix);
    }

    /**
     * A key that the ring of {@code addresses}, all of them in, gives to {@code server}; for a server
     * the client may already have ejected.
     */
    private static String keyOnFullRing(String server, String prefix, String... addresses) {
        List<ServerAddress> all = new ArrayList<>();
        for (String address : addresses) {
            all.add(ServerAddress.parse(address));
        }
        dev.ketch.client.routing.ServerSelector ring = dev.ketch.client.routing.Distribution.LIBMEMCACHED_KETAMA
                .selector(all);
        return keyOn(key -> ring.serverFor(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString(), server,
                prefix);
    }

    private static String keyOn(java.util.function.Function<String, String> serverOf, String server, String prefix) {
        for (int i = 0; i < 10_000; i++) {
            if (serverOf.apply(prefix + i).equals(server)) {
                return prefix + i;
            }
        }
        throw new AssertionError("no key for " + server);
    }

    private void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!events.contains(event)) {
            assertTrue(System.nanoTime() < deadline, "no '" + event + "' in " + events);
            Thread.sleep(5);
        }
    }

    @Test
    void aServerThatIsNotThereIsEjectedAndItsKeysGoToTheNextOne() throws Exception {
        String missing = "127.0.0.1:" + TestServer.freePort();
        String live = servers.get(0).address();
        try (MemcacheClient<String> client = builder(Failover.ejectSkip(), live, missing).build()) {
            String key = keyOnFullRing(missing, "k", live, missing);
            awaitEvent("ejected " + missing);
            assertEquals(List.of("down " + missing, "ejected " + missing), events);
            assertEquals(live, client.serverFor(key).toString(), "skipped on the ring");
            assertTrue(client.set(key, 0, "v").get(5, TimeUnit.SECONDS));
            assertEquals("v", client.get(key).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aHostNameThatDoesNotResolveIsAHardFailure() throws Exception {
        String nowhere = "ketch-no-such-host.invalid:11211";
        AtomicReference<Throwable> why = new AtomicReference<>();
        ClientListener listener = new ClientListener() {
            @Override
            public void serverDown(String server, Throwable cause) {
                why.set(cause);
            }
        };
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(servers.get(0).address(), nowhere)
                .listener(listener).build()) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (why.get() == null) {
                assertTrue(System.nanoTime() < deadline, "declared dead");
                Thread.sleep(5);
            }
            assertInstanceOf(java.net.UnknownHostException.class, why.get());
            String key = keyOnFullRing(nowhere, "h", servers.get(0).address(), nowhere);
            assertEquals(servers.get(0).address(), client.serverFor(key).toString(), "ejected");
            assertTrue(client.set(key, 0, "v").get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void failFastFailsTheDeadServersKeysAtOnceAndServesTheRest() throws Exception {
        String missing = "127.0.0.1:" + TestServer.freePort();
        String live = servers.get(0).address();
        try (MemcacheClient<String> client = builder(Failover.failFast(), live, missing).build()) {
            awaitEvent("down " + missing);
            String dead = keyOn(client, missing, "d");
            String alive = keyOn(client, live, "a");
            assertEquals(missing, client.serverFor(dead).toString(), "the ring stays");
            long start = System.nanoTime();
            MemcacheUnavailableException e = assertInstanceOf(MemcacheUnavailableException.class,
                    cause(client.set(dead, 0, "v")));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < WAIT.toMillis() / 2, "long before the 10 s timeout: " + tookMillis + " ms");
            assertEquals(missing, e.server());
            assertTrue(client.set(alive, 0, "v").get(5, TimeUnit.SECONDS));
            assertEquals(Map.of(alive, "v"), client.getMulti(List.of(alive, dead)).get(5, TimeUnit.SECONDS),
                    "a multi-get returns the live part");
            assertInstanceOf(MemcacheUnavailableException.class, cause(client.getMulti(List.of(dead))));
            assertEquals(List.of("down " + missing), events, "nothing ejected");
        }
    }

    @Test
    void withEveryServerDownOperationsFailAtOnceAndTheServerIsTakenBackWhenItReturns() throws Exception {
        int port = TestServer.freePort();
        String address = "127.0.0.1:" + port;
        try (MemcacheClient<String> client = builder(Failover.ejectSkip().retryTimeout(Duration.ofMillis(50)),
                address).build()) {
            awaitEvent("ejected " + address);
            assertNull(client.serverFor("k"));
            MemcacheUnavailableException e = assertInstanceOf(MemcacheUnavailableException.class, cause(client.get("k")));
            assertNull(e.server(), "no server at all");
            assertInstanceOf(MemcacheUnavailableException.class, cause(client.getMulti(List.of("k", "j"))));
            try (dev.ketch.server.MemcachedServer server = dev.ketch.server.MemcachedServer.builder()
                    .listenAddress("127.0.0.1").port(port).start()) {
                awaitEvent("rejoined " + address);
                assertEquals(address, client.serverFor("k").toString());
                assertTrue(client.set("k", 0, "back").get(5, TimeUnit.SECONDS));
                assertEquals(List.of("down " + address, "ejected " + address, "up " + address, "rejoined " + address),
                        events);
            }
        }
    }

    /**
     * A server that answers the handshake and then, on its first request, stops listening and drops
     * the connection: the request was sent and its connection lost, and the reconnect is refused.
     */
    private static ScriptedServer vanishingOnFirstRequest(AtomicReference<ScriptedServer> self) throws IOException {
        ScriptedServer server = new ScriptedServer((n, in, out) -> {
            if (ScriptedServer.answerVersion(in, out)) {
                readRequestHeader(in);
                self.get().close();
            }
        });
        self.set(server);
        return server;
    }

    private static void readRequestHeader(InputStream in) throws IOException {
        in.readNBytes(24);
    }

    @Test
    void aReadLostWithItsConnectionIsAskedOfTheNewOwnerButAMutationFails() throws Exception {
        AtomicReference<ScriptedServer> self = new AtomicReference<>();
        String live = servers.get(0).address();
        try (ScriptedServer vanishing = vanishingOnFirstRequest(self);
                MemcacheClient<String> client = builder(Failover.ejectSkip(), live, vanishing.address()).build()) {
            assertTrue(client.awaitConnected(WAIT));
            String key = keyOn(client, vanishing.address(), "r");
            try (MemcacheClient<String> direct = MemcacheClient.builder().servers(live).build()) {
                assertTrue(direct.set(key, 0, "on the next server").get(5, TimeUnit.SECONDS));
            }
            assertEquals("on the next server", client.get(key).get(5, TimeUnit.SECONDS),
                    "sent, lost, and asked again of the server that owns the key after the ejection");
            assertTrue(events.contains("ejected " + vanishing.address()), events.toString());
        }
        events.clear();
        try (ScriptedServer vanishing = vanishingOnFirstRequest(self);
                MemcacheClient<String> client = builder(Failover.ejectSkip(), live, vanishing.address()).build()) {
            assertTrue(client.awaitConnected(WAIT));
            String key = keyOn(client, vanishing.address(), "m");
            Throwable e = cause(client.set(key, 0, "v"));
            assertInstanceOf(MemcacheConnectionException.class, e, "whether it was stored is unknown: not resent");
            assertTrue(!(e instanceof MemcacheUnavailableException), e.toString());
        }
    }

    @Test
    void readRetriesCanBeTurnedOff() throws Exception {
        AtomicReference<ScriptedServer> self = new AtomicReference<>();
        String live = servers.get(0).address();
        try (ScriptedServer vanishing = vanishingOnFirstRequest(self);
                MemcacheClient<String> client = builder(Failover.ejectSkip().retryReads(false), live,
                        vanishing.address()).build()) {
            assertTrue(client.awaitConnected(WAIT));
            String key = keyOn(client, vanishing.address(), "r");
            assertInstanceOf(MemcacheConnectionException.class, cause(client.get(key)));
        }
    }

    @Test
    void serversAddedAtRunTimeTakeOnlyTheirShareOfKeysAndGiveThemBackWhenRemoved() throws Exception {
        String a = servers.get(0).address();
        String b = servers.get(1).address();
        try (TestServer third = TestServer.bundled();
                MemcacheClient<String> client = builder(Failover.ejectSkip(), a, b).build()) {
            assertTrue(client.awaitConnected(WAIT));
            Map<String, String> before = new HashMap<>();
            for (int i = 0; i < 3000; i++) {
                before.put("u" + i, client.serverFor("u" + i).toString());
            }
            client.updateServers(a, b, third.address());
            int moved = 0;
            for (Map.Entry<String, String> e : before.entrySet()) {
                String now = client.serverFor(e.getKey()).toString();
                if (!now.equals(e.getValue())) {
                    assertEquals(third.address(), now, "keys move only to the new server");
                    moved++;
                }
            }
            assertTrue(moved > 500 && moved < 1700, moved + " of 3000 moved to the third server");
            String onThird = keyOn(client, third.address(), "u");
            assertTrue(client.set(onThird, 0, "3").get(5, TimeUnit.SECONDS), "the new server is connected on demand");
            try (MemcacheClient<String> direct = MemcacheClient.builder().servers(third.address()).build()) {
                assertEquals("3", direct.get(onThird).get(5, TimeUnit.SECONDS));
            }
            CompletableFuture<String> inFlight = client.get(onThird);
            client.updateServers(List.of(ServerAddress.parse(a), ServerAddress.parse(b)));
            assertEquals("3", inFlight.get(5, TimeUnit.SECONDS), "finished on the removed server");
            for (Map.Entry<String, String> e : before.entrySet()) {
                assertEquals(e.getValue(), client.serverFor(e.getKey()).toString(), "back where it was");
            }
            assertNotEquals(third.address(), client.serverFor(onThird).toString());
            assertThrows(IllegalArgumentException.class, () -> client.updateServers(a, a));
            assertThrows(IllegalArgumentException.class, () -> client.updateServers());
        }
    }
}
