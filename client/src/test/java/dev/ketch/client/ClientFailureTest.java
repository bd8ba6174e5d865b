package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.cluster.Failover;
import dev.ketch.client.testing.ScriptedServer;
import dev.ketch.client.testing.TestServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the client does when a server misbehaves or goes away: every future completes, with an
 * exception that says what happened, and the client recovers when the server does.
 */
class ClientFailureTest {

    private static Throwable cause(CompletableFuture<?> future) {
        return assertThrows(CompletionException.class, future::join).getCause();
    }

    private static MemcacheClientBuilder<String> builder(String server, Protocol protocol) {
        return MemcacheClient.builder().servers(server).protocol(protocol).ioThreads(1);
    }

    @Test
    void aSilentServerTimesOperationsOutAtTheirDeadline() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silent());
                MemcacheClient<String> client = builder(silent.address(), Protocol.BINARY)
                        .operationTimeout(Duration.ofMillis(200)).build()) {
            long start = System.nanoTime();
            List<CompletableFuture<String>> gets = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                gets.add(client.get("k" + i));
            }
            for (CompletableFuture<String> get : gets) {
                Throwable e = cause(get);
                assertInstanceOf(MemcacheTimeoutException.class, e);
                assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis >= 200, "not before the deadline: " + tookMillis);
            assertTrue(tookMillis < 2000, "promptly after it: " + tookMillis);
        }
    }

    @Test
    void aLateReplyGoesToTheTimedOutOperationNotToTheNextOne() throws Exception {
        CountDownLatch timedOut = new CountDownLatch(1);
        CountDownLatch lateReplySent = new CountDownLatch(1);
        ScriptedServer.Script lateFirstGet = (n, in, out) -> {
            ScriptedServer.answerVersion(in, out);
            String line;
            while ((line = ScriptedServer.readLine(in)) != null) {
                if (line.startsWith("get slow")) {
                    timedOut.await();
                    reply(out, "VALUE slow 0 4\r\nlate\r\nEND\r\n");
                    lateReplySent.countDown();
                } else if (line.startsWith("get ")) {
                    reply(out, "VALUE fast 0 4\r\nfast\r\nEND\r\n");
                }
            }
        };
        try (ScriptedServer server = new ScriptedServer(lateFirstGet);
                // counting connections: no probe of the server kept silent
                MemcacheClient<String> client = builder(server.address(), Protocol.TEXT)
                        .failover(Failover.ejectSkip().withoutSilenceDetection())
                        .operationTimeout(Duration.ofSeconds(2)).build()) {
            CompletableFuture<String> slow = client.get("slow");
            assertInstanceOf(MemcacheTimeoutException.class, cause(slow));
            timedOut.countDown();
            assertTrue(lateReplySent.await(10, TimeUnit.SECONDS));
            assertEquals("fast", client.get("fast").get(10, TimeUnit.SECONDS));
            assertEquals(1, server.connections(), "the late reply was read and dropped, not taken for garbage");
        }
    }

    @Test
    void beyondMaxOutstandingCallsFailAtOnceInsteadOfQueueing() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silent());
                MemcacheClient<String> client = builder(silent.address(), Protocol.BINARY).maxOutstanding(5)
                        .operationTimeout(Duration.ofMillis(300)).build()) {
            List<CompletableFuture<String>> pending = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pending.add(client.get("k" + i));
            }
            CompletableFuture<String> sixth = client.get("k5");
            assertTrue(sixth.isDone(), "failed in the call, not later");
            assertInstanceOf(MemcacheOverloadedException.class, cause(sixth));
            for (CompletableFuture<String> p : pending) {
                assertInstanceOf(MemcacheTimeoutException.class, cause(p));
            }
            CompletableFuture<String> afterwards = client.get("k6");
            assertInstanceOf(MemcacheTimeoutException.class, cause(afterwards), "capacity is given back");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aSilentServerHoldsAtMostItsCapWhileTheOtherServersKeepServing(Protocol protocol) throws Exception {
        int cap = 8;
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silent());
                TestServer healthy = TestServer.bundled();
                // no silence detection and a long timeout: the silent server stays on the ring,
                // holding its requests, for the whole test
                MemcacheClient<String> client = MemcacheClient.builder().servers(silent.address(), healthy.address())
                        .protocol(protocol).ioThreads(1).maxOutstanding(cap)
                        .failover(dev.ketch.client.cluster.Failover.ejectSkip().withoutSilenceDetection())
                        .operationTimeout(Duration.ofSeconds(60)).build()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(30)));
            List<String> silentKeys = new ArrayList<>();
            List<String> healthyKeys = new ArrayList<>();
            for (int i = 0; silentKeys.size() <= cap || healthyKeys.size() < cap; i++) {
                assertTrue(i < 100_000, "both servers own keys: " + silentKeys.size() + " / " + healthyKeys.size());
                String key = "cap" + i;
                List<String> owner = client.serverFor(key).toString().equals(silent.address()) ? silentKeys : healthyKeys;
                if (owner.size() < (owner == silentKeys ? cap + 1 : cap)) {
                    owner.add(key);
                }
            }
            List<CompletableFuture<String>> held = new ArrayList<>();
            for (String key : silentKeys.subList(0, cap)) {
                held.add(client.get(key));
            }
            CompletableFuture<String> over = client.get(silentKeys.get(cap));
            assertTrue(over.isDone(), "refused in the call, not queued");
            MemcacheOverloadedException e = assertInstanceOf(MemcacheOverloadedException.class, cause(over));
            assertEquals(silent.address(), e.server(), "names the node");
            assertTrue(e.getMessage().contains(silent.address()) && e.getMessage().contains(Integer.toString(cap)),
                    e.getMessage());

            // the cap is per server: the silent one's being full takes nothing from the other,
            // which serves as many requests outstanding together as its own cap allows
            List<CompletableFuture<Boolean>> sets = new ArrayList<>();
            for (String key : healthyKeys) {
                sets.add(client.set(key, 0, "v-" + key));
            }
            for (CompletableFuture<Boolean> set : sets) {
                assertTrue(set.get(30, TimeUnit.SECONDS));
            }
            for (String key : healthyKeys) {
                assertEquals("v-" + key, client.get(key).get(30, TimeUnit.SECONDS));
            }
            held.forEach(f -> assertTrue(!f.isDone(), "still waiting on the silent server"));
            client.close();
            for (CompletableFuture<String> f : held) {
                assertInstanceOf(MemcacheClosedException.class, cause(f), "and completed when the client closes");
            }
        }
    }

    @Test
    void closeFailsEveryPendingFutureAndLaterCalls() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(ScriptedServer.silent())) {
            MemcacheClient<String> client = builder(silent.address(), Protocol.TEXT)
                    .operationTimeout(Duration.ofSeconds(30)).build();
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                pending.add(client.get("k" + i));
                pending.add(client.set("k" + i, 0, "v"));
            }
            client.close();
            for (CompletableFuture<?> p : pending) {
                assertInstanceOf(MemcacheClosedException.class, cause(p));
            }
            assertInstanceOf(MemcacheClosedException.class, cause(client.get("after")));
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("ketch-client") && t.isAlive()), "own threads stopped");
        }
    }

    @Test
    void aRefusedConnectionFailsFastAndTheClientConnectsWhenTheServerComesUp() throws Exception {
        int port = TestServer.freePort();
        try (MemcacheClient<String> client = builder("127.0.0.1:" + port, Protocol.BINARY)
                .operationTimeout(Duration.ofSeconds(5)).reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100))
                .build()) {
            long start = System.nanoTime();
            Throwable e = cause(client.get("k"));
            assertInstanceOf(MemcacheConnectionException.class, e);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000, "long before the 5 s timeout");
            try (dev.ketch.server.MemcachedServer server = dev.ketch.server.MemcachedServer.builder()
                    .listenAddress("127.0.0.1").port(port).start()) {
                assertTrue(client.awaitConnected(Duration.ofSeconds(5)), "reconnected");
                assertTrue(client.set("k", 0, "v").get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void garbageFromTheServerFailsWhatWaitsAndTheNextConnectionWorks() throws Exception {
        ScriptedServer.Script garbageThenGood = (n, in, out) -> {
            ScriptedServer.answerVersion(in, out);
            String line;
            while ((line = ScriptedServer.readLine(in)) != null) {
                if (line.startsWith("get ")) {
                    reply(out, n == 1 ? "VALUE k zero 1\r\nx\r\nEND\r\n" : "END\r\n");
                }
            }
        };
        try (ScriptedServer server = new ScriptedServer(garbageThenGood);
                // counting connections: no silence probe of a server slow to answer on a loaded machine
                MemcacheClient<String> client = builder(server.address(), Protocol.TEXT)
                        .failover(Failover.ejectSkip().withoutSilenceDetection()).operationTimeout(Duration.ofSeconds(10))
                        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50)).build()) {
            Throwable e = cause(client.get("k"));
            assertInstanceOf(MemcacheConnectionException.class, e);
            assertTrue(e.getMessage().contains("bad reply"), e.getMessage());
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
            assertEquals(null, client.get("k").get(5, TimeUnit.SECONDS));
            assertEquals(2, server.connections());
        }
    }

    @Test
    void aLostConnectionFailsInFlightOperationsAndIsReestablished() throws Exception {
        try (TestServer first = TestServer.bundled()) {
            int port = first.port();
            MemcacheClient<String> client = builder("127.0.0.1:" + port, Protocol.BINARY)
                    .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50)).build();
            try (client) {
                assertTrue(client.set("k", 0, "v").get(5, TimeUnit.SECONDS));
                first.close();
                Throwable e = cause(client.get("k"));
                assertInstanceOf(MemcacheConnectionException.class, e);
                try (dev.ketch.server.MemcachedServer again = dev.ketch.server.MemcachedServer.builder()
                        .listenAddress("127.0.0.1").port(port).start()) {
                    assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
                    assertEquals(null, client.get("k").get(5, TimeUnit.SECONDS), "a new, empty server");
                }
            }
        }
    }

    /**
     * Sixteen text gets queued together go out as one {@code get k0 k1 ... k15}; when the
     * connection carrying it is lost, each get is a read of its own again: sent on the next
     * connection, answered to its own caller.
     */
    @Test
    void textGetsSentTogetherAndLostWithTheirConnectionAreEachSentAgain() throws Exception {
        CountDownLatch queued = new CountDownLatch(1);
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScriptedServer.Script dropFirstThenAnswer = (n, in, out) -> {
            if (n == 1) {
                queued.await(); // the handshake waits until the gets are queued behind it
            }
            ScriptedServer.answerVersion(in, out);
            String line;
            while ((line = ScriptedServer.readLine(in)) != null) {
                requests.add(line);
                if (n == 1) {
                    return; // connection lost with the gets in flight
                }
                StringBuilder answer = new StringBuilder();
                for (String key : line.substring(4).split(" ")) {
                    if (!key.equals("missing")) {
                        answer.append("VALUE ").append(key).append(" 0 ").append(key.length() + 1).append("\r\n")
                                .append(key).append('!').append("\r\n");
                    }
                }
                reply(out, answer.append("END\r\n").toString());
            }
        };
        try (ScriptedServer server = new ScriptedServer(dropFirstThenAnswer);
                MemcacheClient<String> client = builder(server.address(), Protocol.TEXT)
                        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50)).build()) {
            List<CompletableFuture<String>> gets = new ArrayList<>();
            StringBuilder line = new StringBuilder("get");
            for (int i = 0; i < 16; i++) {
                String key = i == 7 ? "missing" : "k" + i;
                gets.add(client.get(key));
                line.append(' ').append(key);
            }
            queued.countDown();
            for (int i = 0; i < 16; i++) {
                assertEquals(i == 7 ? null : "k" + i + "!", gets.get(i).get(5, TimeUnit.SECONDS));
            }
            assertEquals(line.toString(), requests.get(0), "one request for the queued gets");
        }
    }

    /**
     * With the key's server out of reach there is nobody to coordinate loads with: getOrLoad runs
     * the loader for each call without the cache rather than failing.
     */
    @Test
    void getOrLoadLoadsWithoutTheCacheWhenTheKeysServerCannotBeReached() throws Exception {
        String nobody = "127.0.0.1:" + TestServer.freePort();
        for (Protocol protocol : Protocol.values()) {
            for (Failover failover : List.of(Failover.ejectSkip(),
                    Failover.failFast())) {
                try (MemcacheClient<String> client = builder(nobody, protocol).failover(failover)
                        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50)).build()) {
                    java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
                    for (int i = 0; i < 5; i++) {
                        assertEquals("from the database", client.getOrLoad("k", 60, k -> {
                            loads.incrementAndGet();
                            return CompletableFuture.completedFuture("from the database");
                        }).get(5, TimeUnit.SECONDS), protocol + ", " + failover);
                    }
                    assertEquals(5, loads.get(), "each call loads: " + protocol + ", " + failover);
                }
            }
        }
    }

    private static void reply(OutputStream out, String text) throws java.io.IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
