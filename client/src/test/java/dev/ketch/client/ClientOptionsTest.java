package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.node.Transports;
import dev.ketch.client.testing.TestServer;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Builder options: threads, executors, listener, connections, addresses. */
class ClientOptionsTest {

    /**
     * Operation and connect timeouts long enough that a slow moment of a busy machine fails no
     * test that is not about timeouts.
     */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.bundled();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void completionsRunOnTheConfiguredExecutor() throws Exception {
        ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-callbacks"));
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(server.address())
                .completionExecutor(callbacks).operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            AtomicReference<String> thread = new AtomicReference<>();
            client.set("k", 0, "v").thenRun(() -> thread.set(Thread.currentThread().getName())).get(5, TimeUnit.SECONDS);
            assertEquals("app-callbacks", thread.get());
        } finally {
            callbacks.shutdownNow();
        }
    }

    @Test
    void ioThreadsThatSleepAtOnceServeCallsLikeSpinningOnes() throws Exception {
        for (Duration spin : new Duration[] {Duration.ZERO, Duration.ofMillis(1)}) {
            try (MemcacheClient<String> client = MemcacheClient.builder().servers(server.address()).ioSpin(spin)
                    .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
                assertTrue(client.set("spin", 0, spin.toString()).get(5, TimeUnit.SECONDS));
                assertEquals(spin.toString(), client.blocking().get("spin"));
            }
        }
    }

    @Test
    void multiGetsAreAnsweredWithAndWithoutTheirSpin() throws Exception {
        for (Duration spin : new Duration[] {Duration.ZERO, Duration.ofMillis(1)}) {
            try (MemcacheClient<String> client = MemcacheClient.builder().servers(server.address()).multiGetSpin(spin)
                    .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
                Map<String, String> expected = new HashMap<>();
                for (int i = 0; i < 50; i++) {
                    expected.put("mg" + i, spin + "-" + i);
                    assertTrue(client.set("mg" + i, 0, spin + "-" + i).get(5, TimeUnit.SECONDS));
                }
                List<String> keys = new ArrayList<>(expected.keySet());
                keys.add("mg-missing");
                assertEquals(expected, client.getMulti(keys).get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aSharedEventLoopGroupIsUsedAndLeftRunning() throws Exception {
        EventLoopGroup group = Transports.newGroup(1);
        try {
            try (MemcacheClient<String> client = MemcacheClient.builder().servers(server.address()).eventLoopGroup(group)
                    .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
                assertTrue(client.set("k", 0, "v").get(5, TimeUnit.SECONDS));
            }
            assertFalse(group.isShuttingDown(), "the client does not stop threads it does not own");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void theListenerSeesOperationsAndConnections() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ClientListener listener = new ClientListener() {
            @Override
            public void operationFinished(String srv, String command, long latencyNanos, Throwable failure) {
                events.add(command + (failure == null ? "" : " failed") + (latencyNanos > 0 ? "" : " no latency"));
            }

            @Override
            public void connected(String srv) {
                events.add("connected " + srv);
            }
        };
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(server.address()).listener(listener)
                .connectionsPerNode(2).operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
            client.set("k", 0, "v").get(5, TimeUnit.SECONDS);
            client.get("k").get(5, TimeUnit.SECONDS);
            client.getMulti(List.of("k", "j")).get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of("connected " + server.address(), "connected " + server.address(), "set", "get", "multi_get"),
                events);
    }

    @Test
    void theBuilderRefusesNonsense() {
        MemcacheClientBuilder<String> b = MemcacheClient.builder();
        assertThrows(IllegalStateException.class, b::build, "no servers");
        assertThrows(IllegalArgumentException.class, () -> b.operationTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.maxOutstanding(0));
        assertThrows(IllegalArgumentException.class, () -> b.connectionsPerNode(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxItemSize(10));
        assertThrows(IllegalArgumentException.class, () -> b.reconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> b.ioSpin(Duration.ofNanos(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.ioSpin(Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> b.multiGetSpin(Duration.ofNanos(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.multiGetSpin(Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> b.multiGetSpin(null));
    }

    @Test
    void aSmallerItemSizeLimitRejectsValuesEarlier() {
        try (MemcacheClient<byte[]> client = MemcacheClient.builder().servers(server.address()).maxItemSize(2048)
                .transcoder(dev.ketch.client.transcode.ByteArrayTranscoder.INSTANCE)
                        .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            assertThrows(IllegalArgumentException.class, () -> client.set("k", 0, new byte[2000]));
            assertTrue(client.blocking().set("k", 0, new byte[1900]));
        }
    }
}
