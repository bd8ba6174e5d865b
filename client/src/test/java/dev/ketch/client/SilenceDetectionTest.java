package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.cluster.Failover;
import dev.ketch.client.testing.ScriptedServer;
import dev.ketch.client.testing.SilenceProxy;
import dev.ketch.client.testing.TestServer;
import dev.ketch.server.testing.LeakDetectionExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server that stops answering without closing anything is suspected from its connection's
 * silence, probed on a fresh connection, and declared dead when the probe is not answered, long
 * before its operations' timeout; one that answers the probe is only slow, and keeps its keys.
 * The operation timeouts here are long on purpose: whatever fails before them was failed by the
 * silence detection.
 */
@ExtendWith(LeakDetectionExtension.class)
class SilenceDetectionTest {

    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ClientListener recorder = new ClientListener() {
        @Override
        public void serverSuspected(String server, Duration silence) {
            events.add("suspected " + server);
        }

        @Override
        public void serverDown(String server, Throwable cause) {
            events.add("down " + server + " " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    };

    private MemcacheClientBuilder<String> builder(Failover failover, String... servers) {
        return MemcacheClient.builder().servers(servers).failover(failover).listener(recorder).ioThreads(1)
                .operationTimeout(LONG_TIMEOUT);
    }

    private void awaitEvent(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.stream().noneMatch(e -> e.startsWith(prefix))) {
            assertTrue(System.nanoTime() - deadline < 0, "no '" + prefix + "' within " + WAIT + ": " + events);
            Thread.sleep(5);
        }
    }

    private static Throwable cause(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(LONG_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("future never completed", e);
        }
    }

    @Test
    void aBlackHoledServerIsDeclaredDeadByItsSilenceNotByTimeouts() throws Exception {
        try (TestServer live = TestServer.bundled(); TestServer behind = TestServer.bundled();
                SilenceProxy proxy = new SilenceProxy(behind.port());
                MemcacheClient<String> client = builder(Failover.ejectSkip(), live.address(), proxy.address())
                        .build()) {
            assertTrue(client.awaitConnected(WAIT));
            // enough traffic for the connection to learn its usual waits
            String silentKey = keyOn(client, proxy.address());
            for (int i = 0; i < 200; i++) {
                assertTrue(client.set(silentKey, 0, "v" + i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            proxy.silence();
            long silenced = System.nanoTime();
            List<CompletableFuture<String>> reads = new ArrayList<>();
            List<CompletableFuture<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                reads.add(client.get(silentKey));
                writes.add(client.set(silentKey, 0, "lost"));
            }
            awaitEvent("down " + proxy.address());
            for (CompletableFuture<Boolean> w : writes) {
                // sent to a server that never answered: not resent, failed when it was declared dead
                assertInstanceOf(MemcacheConnectionException.class, cause(w));
            }
            for (CompletableFuture<String> r : reads) {
                // sent again to the key's new server, which does not have it
                assertEquals(null, r.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            long took = System.nanoTime() - silenced;
            assertTrue(took < LONG_TIMEOUT.toNanos() / 2, "declared dead after " + took / 1_000_000 + " ms");
            assertTrue(events.get(0).startsWith("suspected " + proxy.address()), events.toString());
            String down = events.stream().filter(e -> e.startsWith("down")).findFirst().orElseThrow();
            assertTrue(down.contains("MemcacheTimeoutException") && down.contains("did not answer a probe"), down);
            // its keys are served by the other server now
            assertTrue(client.set(silentKey, 0, "moved").get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals("moved", client.get(silentKey).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void whileSuspectedNewOperationsAreSentAndGoElsewhereWhenItIsDeclaredDead() throws Exception {
        try (TestServer live = TestServer.bundled(); TestServer behind = TestServer.bundled();
                SilenceProxy proxy = new SilenceProxy(behind.port());
                MemcacheClient<String> client = builder(Failover.ejectSkip()
                        .silenceDetection(Duration.ofMillis(100), 10, Duration.ofSeconds(3)), live.address(),
                        proxy.address()).build()) {
            assertTrue(client.awaitConnected(WAIT));
            String key = keyOn(client, proxy.address());
            assertTrue(client.set(key, 0, "v").get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            proxy.silence();
            CompletableFuture<String> first = client.get(key);
            awaitEvent("suspected " + proxy.address());
            CompletableFuture<String> during = client.get(key);
            assertTrue(!during.isDone() && !first.isDone(), "both wait for the probe's verdict");
            awaitEvent("down " + proxy.address());
            assertEquals(null, first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "read again on the new owner");
            assertEquals(null, during.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "read again on the new owner");
        }
    }

    @Test
    void aStallOfTheClientsOwnIoThreadIsNotTakenForSilence() throws Exception {
        // the client's only I/O thread is blocked for 3 s while a get is outstanding, longer than
        // the 1 s of silence that would make the server suspect; the server answers 0.3 s after
        // that: only 0.3 s of the wait were the server's
        ScriptedServer.Script late = (n, in, out) -> {
            ScriptedServer.answerVersion(in, out);
            String line;
            while ((line = ScriptedServer.readLine(in)) != null) {
                if (line.startsWith("get ")) {
                    Thread.sleep(3300);
                    out.write("END\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        };
        io.netty.channel.EventLoopGroup group = new io.netty.channel.nio.NioEventLoopGroup(1);
        try (ScriptedServer server = new ScriptedServer(late);
                MemcacheClient<String> client = builder(Failover.ejectSkip()
                        .silenceDetection(Duration.ofSeconds(1), 10, Duration.ofSeconds(5)), server.address())
                        .protocol(Protocol.TEXT).eventLoopGroup(group).build()) {
            assertTrue(client.awaitConnected(WAIT));
            CompletableFuture<String> get = client.get("k");
            java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
            group.next().execute(() -> {
                blocked.countDown();
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(blocked.await(10, TimeUnit.SECONDS));
            assertNull(get.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(events.isEmpty(), "no suspicion: " + events);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aServerThatAnswersTheProbeIsOnlySlowAndStays() throws Exception {
        // answers every connection's first request (the handshake, and so the probe), then nothing
        try (ScriptedServer stuck = new ScriptedServer(ScriptedServer.silent());
                MemcacheClient<String> client = builder(Failover.ejectSkip(), stuck.address())
                        .operationTimeout(Duration.ofSeconds(2)).build()) {
            assertTrue(client.awaitConnected(WAIT));
            CompletableFuture<String> get = client.get("k");
            awaitEvent("suspected " + stuck.address());
            assertInstanceOf(MemcacheTimeoutException.class, cause(get), "it waited for its own timeout");
            assertTrue(events.stream().noneMatch(e -> e.startsWith("down")), events.toString());
            assertTrue(stuck.connections() >= 2, "probed on a fresh connection");
        }
    }

    @Test
    void aServerThatAnswersTheFirstProbeAndStaysSilentIsProbedAgainAndDeclaredDead() throws Exception {
        // connection 1 (the client's) and 2 (the first probe) are answered their handshake, then
        // nothing; later connections (the next probes) get no answer at all: a server that froze
        // just after it answered the first probe
        ScriptedServer.Script script = (n, in, out) -> {
            if (n <= 2) {
                ScriptedServer.silent().serve(n, in, out);
            } else {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        };
        try (ScriptedServer freezing = new ScriptedServer(script);
                MemcacheClient<String> client = builder(Failover.ejectSkip(), freezing.address()).build()) {
            assertTrue(client.awaitConnected(WAIT));
            CompletableFuture<String> get = client.get("k");
            awaitEvent("down " + freezing.address());
            long suspicions = events.stream().filter(e -> e.startsWith("suspected")).count();
            assertTrue(suspicions >= 2, "suspected again after the answered probe: " + events);
            String down = events.stream().filter(e -> e.startsWith("down")).findFirst().orElseThrow();
            assertTrue(down.contains("did not answer a probe"), down);
            Throwable failure = cause(get);
            assertTrue(!(failure instanceof MemcacheTimeoutException), "failed by the silence, not its timeout: " + failure);
        }
    }

    @Test
    void withoutSilenceDetectionOnlyTimeoutsCount() throws Exception {
        try (TestServer behind = TestServer.bundled(); SilenceProxy proxy = new SilenceProxy(behind.port());
                MemcacheClient<String> client = builder(Failover.ejectSkip().withoutSilenceDetection(),
                        proxy.address()).operationTimeout(Duration.ofSeconds(1)).build()) {
            assertTrue(client.awaitConnected(WAIT));
            proxy.silence();
            CompletableFuture<String> get = client.get("k");
            assertInstanceOf(MemcacheTimeoutException.class, cause(get));
            assertTrue(events.isEmpty(), events.toString());
        }
    }

    private static String keyOn(MemcacheClient<String> client, String server) {
        for (int i = 0; ; i++) {
            String key = "key" + i;
            if (String.valueOf(client.serverFor(key)).equals(server)) {
                return key;
            }
        }
    }

    @SuppressWarnings("unused")
    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
