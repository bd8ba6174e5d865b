package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.cluster.Failover;
import dev.ketch.client.cluster.FailoverPolicy;
import dev.ketch.client.testing.Await;
import dev.ketch.server.MemcachedServer;
import dev.ketch.server.testing.LeakDetectionExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link MemcacheClient#health()}: what a readiness probe and an operator's log line see. */
@ExtendWith(LeakDetectionExtension.class)
class HealthTest {

    @Test
    void serversUpThenOneEjectedThenNoneUp() throws Exception {
        MemcachedServer a = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start();
        MemcachedServer b = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start();
        String nameA = "127.0.0.1:" + a.port();
        String nameB = "127.0.0.1:" + b.port();
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(nameA, nameB)
                .failover(Failover.of(FailoverPolicy.EJECT_SKIP).retryTimeout(Duration.ofHours(1), Duration.ofHours(1)))
                .operationTimeout(Duration.ofSeconds(10)).build()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(10)));
            // the latency average samples one operation in 16: 2000 leave no server without a sample
            // (the chance of that is below 1e-25)
            List<CompletableFuture<Boolean>> sets = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                sets.add(client.set("k" + i, 0, "v"));
            }
            sets.forEach(CompletableFuture::join);
            ClientHealth up = client.health();
            assertTrue(up.isReady());
            assertEquals(2, up.serversUp());
            assertNull(up.discovery());
            ServerHealth healthyA = up.server(nameA);
            assertEquals(ServerHealth.State.UP, healthyA.state());
            assertEquals(0, healthyA.outstanding());
            assertTrue(healthyA.latency().toNanos() > 0, "a latency average once operations ran");
            assertNull(healthyA.lastError());
            assertNull(healthyA.address(), "an address literal is never resolved");
            assertTrue(up.toString().startsWith("ready: 2 of 2 servers up [" + nameA + " UP "), up.toString());
            assertFalse(up.toString().contains("\n"));

            b.close();
            Await.until("b ejected", () -> client.health().server(nameB).state() == ServerHealth.State.EJECTED,
                    client::health);
            ClientHealth half = client.health();
            assertTrue(half.isReady(), "b's keys go to a: still ready");
            assertEquals(1, half.serversUp());
            assertNotNull(half.server(nameB).lastError());
            assertNotNull(half.server(nameB).lastErrorAt());
            assertTrue(half.toString().contains(nameB + " EJECTED"), half.toString());

            a.close();
            Await.until("a ejected", () -> client.health().server(nameA).state() == ServerHealth.State.EJECTED,
                    client::health);
            assertFalse(client.health().isReady());
            assertTrue(client.health().toString().startsWith("NOT READY: 0 of 2 servers up"));
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aServerNotConnectedYetIsConnecting() {
        try (MemcacheClient<String> client = MemcacheClient.builder().servers("never.invalid:11211")
                .hostResolver(host -> {
                    throw new java.net.UnknownHostException(host);
                }).failover(Failover.of(FailoverPolicy.FAIL_FAST).retryTimeout(Duration.ofHours(1), Duration.ofHours(1))).build()) {
            Await.until("down", () -> client.health().server("never.invalid:11211").state() == ServerHealth.State.DOWN,
                    client::health);
            ServerHealth down = client.health().server("never.invalid:11211");
            assertTrue(down.lastError().contains("never.invalid"), down.lastError());
            assertFalse(client.health().isReady());
        }
    }
}
