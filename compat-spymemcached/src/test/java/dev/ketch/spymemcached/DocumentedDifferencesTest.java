package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.spymemcached.internal.GetFuture;
import dev.ketch.spymemcached.ops.StatusCode;
import dev.ketch.spymemcached.testing.BlackHole;
import dev.ketch.spymemcached.testing.Bundled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each place where the adapter deliberately behaves differently from spymemcached 2.12.3 (the
 * README's "Migrating from spymemcached" lists them), shown on both: if spymemcached's behaviour or
 * the adapter's changed, the list would be wrong, and this fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedDifferencesTest {

    private Bundled server;
    private BlackHole hole;

    @BeforeAll
    void start() throws IOException {
        server = new Bundled();
        hole = new BlackHole();
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        hole.close();
    }

    private static net.spy.memcached.MemcachedClient spy(boolean binary, long timeout, InetSocketAddress... servers)
            throws IOException {
        return new net.spy.memcached.MemcachedClient(new net.spy.memcached.ConnectionFactoryBuilder()
                .setProtocol(binary ? net.spy.memcached.ConnectionFactoryBuilder.Protocol.BINARY
                        : net.spy.memcached.ConnectionFactoryBuilder.Protocol.TEXT)
                .setOpTimeout(timeout).setDaemon(true).build(), List.of(servers));
    }

    private static MemcachedClient ketch(boolean binary, long timeout, InetSocketAddress... servers) throws IOException {
        return new MemcachedClient(new ConnectionFactoryBuilder()
                .setProtocol(binary ? ConnectionFactoryBuilder.Protocol.BINARY : ConnectionFactoryBuilder.Protocol.TEXT)
                .setOpTimeout(timeout).setDaemon(true).build(), List.of(servers));
    }

    @Test
    void getAndTouchAndDeleteWithCasWorkInTheTextProtocolToo() throws Exception {
        net.spy.memcached.MemcachedClient spy = spy(false, 2500, server.address());
        MemcachedClient ketch = ketch(false, 2500, server.address());
        try {
            assertThrows(UnsupportedOperationException.class, () -> spy.getAndTouch("gat", 10));
            assertThrows(UnsupportedOperationException.class, () -> spy.delete("gat", 5L));
            ketch.set("gat", 0, "v").get();
            assertEquals("v", ketch.getAndTouch("gat", 10).getValue());
            long cas = ketch.gets("gat").getCas();
            assertFalse(ketch.delete("gat", cas + 1).get());
            assertTrue(ketch.delete("gat", cas).get());
        } finally {
            spy.shutdown();
            ketch.shutdown();
        }
    }

    @Test
    void saslMechanismsOfAServerWithoutSaslAreNoneNotTheWordsOfItsRefusal() throws Exception {
        net.spy.memcached.MemcachedClient spy = spy(true, 2500, server.address());
        MemcachedClient ketch = ketch(true, 2500, server.address());
        try {
            assertEquals(Set.of("Unknown", "command"), spy.listSaslMechanisms());
            assertEquals(Set.of(), ketch.listSaslMechanisms());
        } finally {
            spy.shutdown();
            ketch.shutdown();
        }
    }

    @Test
    void aTextErrorReplyKeepsTheConnection() throws Exception {
        net.spy.memcached.MemcachedClient spy = spy(false, 2500, server.address());
        MemcachedClient ketch = ketch(false, 2500, server.address());
        try {
            spy.set("text-counter", 0, "abc").get();
            net.spy.memcached.internal.OperationFuture<Long> theirs = spy.asyncIncr("text-counter", 1);
            ExecutionException e = assertThrows(ExecutionException.class, theirs::get);
            assertEquals("OperationException", e.getCause().getClass().getSimpleName());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (theirs.getStatus().getStatusCode() != net.spy.memcached.ops.StatusCode.CANCELLED
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(net.spy.memcached.ops.StatusCode.CANCELLED, theirs.getStatus().getStatusCode(),
                    "spymemcached closes and reopens the connection, cancelling the operation after the fact");

            List<String> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
            ketch.addObserver(new ConnectionObserver() {
                @Override
                public void connectionEstablished(java.net.SocketAddress sa, int reconnectCount) {
                }

                @Override
                public void connectionLost(java.net.SocketAddress sa) {
                    lost.add(String.valueOf(sa));
                }
            });
            var ours = ketch.asyncIncr("text-counter", 1);
            e = assertThrows(ExecutionException.class, ours::get);
            assertEquals("CLIENT_ERROR cannot increment or decrement non-numeric value", e.getCause().getMessage());
            assertEquals("abc", ketch.get("text-counter"), "the connection is still in step");
            Thread.sleep(100);
            assertEquals(StatusCode.ERR_INTERNAL, ours.getStatus().getStatusCode());
            assertEquals(List.of(), lost, "and was never dropped");
        } finally {
            spy.shutdown();
            ketch.shutdown();
        }
    }

    @Test
    void cancelReportsWhetherItCancelledAndLeavesACompletedFutureAlone() throws Exception {
        net.spy.memcached.MemcachedClient spyLive = spy(true, 2500, server.address());
        net.spy.memcached.MemcachedClient spyHole = spy(true, 2500, hole.address());
        MemcachedClient ketchLive = ketch(true, 2500, server.address());
        MemcachedClient ketchHole = ketch(true, 2500, hole.address());
        try {
            Future<Object> theirs = spyHole.asyncGet("k");
            Thread.sleep(100); // written, waiting for the reply
            assertFalse(theirs.cancel(true), "spymemcached: false once the request was written");
            assertTrue(theirs.isCancelled());
            GetFuture<Object> ours = ketchHole.asyncGet("k");
            Thread.sleep(100);
            assertTrue(ours.cancel(true), "the adapter: true, it was cancelled");
            assertTrue(ours.isCancelled());

            spyLive.set("c", 0, "v").get();
            Future<Object> theirDone = spyLive.asyncGet("c");
            assertEquals("v", theirDone.get());
            assertFalse(theirDone.cancel(true));
            assertTrue(theirDone.isCancelled(), "spymemcached cancels even a completed future");
            assertInstanceOf(CancellationException.class, assertThrows(ExecutionException.class, theirDone::get).getCause());
            GetFuture<Object> ourDone = ketchLive.asyncGet("c");
            assertEquals("v", ourDone.get());
            assertFalse(ourDone.cancel(true));
            assertFalse(ourDone.isCancelled(), "a completed future stays completed");
            assertEquals("v", ourDone.get());
        } finally {
            spyLive.shutdown();
            spyHole.shutdown();
            ketchLive.shutdown();
            ketchHole.shutdown();
        }
    }

    @Test
    void futuresNobodyWaitsOnCompleteByTheirDeadlineAndCallTheirListeners() throws Exception {
        net.spy.memcached.MemcachedClient spy = spy(true, 200, hole.address());
        MemcachedClient ketch = ketch(true, 200, hole.address());
        try {
            CountDownLatch theirListener = new CountDownLatch(1);
            net.spy.memcached.internal.OperationFuture<Boolean> theirs = spy.set("k", 0, "v");
            theirs.addListener(f -> theirListener.countDown());
            net.spy.memcached.internal.BulkFuture<Map<String, Object>> theirBulk = spy.asyncGetBulk("a", "b");
            CountDownLatch ourListener = new CountDownLatch(1);
            var ours = ketch.set("k", 0, "v");
            ours.addListener(f -> ourListener.countDown());
            var ourBulk = ketch.asyncGetBulk("a", "b");

            assertTrue(ourListener.await(2, TimeUnit.SECONDS), "the adapter's listener runs at the deadline");
            assertTrue(ours.isDone());
            assertEquals(StatusCode.TIMEDOUT, ours.getStatus().getStatusCode());
            Thread.sleep(300);
            assertTrue(ourBulk.isDone());
            assertFalse(theirListener.await(0, TimeUnit.MILLISECONDS), "spymemcached's listener waits for a get");
            assertFalse(theirs.isDone());
            assertFalse(theirBulk.isDone(), "and spymemcached's bulk future never completes on its own");
        } finally {
            spy.shutdown();
            ketch.shutdown();
        }
    }

    @Test
    void getStatusOfATimedOutOperationReportsItInsteadOfThrowing() throws Exception {
        net.spy.memcached.MemcachedClient spy = spy(true, 200, hole.address());
        MemcachedClient ketch = ketch(true, 200, hole.address());
        try {
            RuntimeException e = assertThrows(RuntimeException.class, () -> spy.delete("k").getStatus());
            assertEquals("Timed out waiting for operation", e.getMessage());
            assertEquals(StatusCode.TIMEDOUT, ketch.delete("k").getStatus().getStatusCode());
        } finally {
            spy.shutdown();
            ketch.shutdown();
        }
    }

    @Test
    void textKeysWithControlCharactersOtherThanSpymemcachedsFourAreRefused() throws Exception {
        net.spy.memcached.MemcachedClient spy = spy(false, 2500, server.address());
        MemcachedClient ketch = ketch(false, 2500, server.address());
        try {
            assertTrue(spy.set("tab\tkey", 0, "v").get());
            assertThrows(IllegalArgumentException.class, () -> ketch.set("tab\tkey", 0, "v"));
        } finally {
            spy.shutdown();
            ketch.shutdown();
        }
    }

    @Test
    void versionsAndStatsWhenOneServerDoesNotAnswer() throws Exception {
        net.spy.memcached.MemcachedClient spy = spy(true, 1000, server.address(), hole.address());
        MemcachedClient ketch = ketch(true, 1000, server.address(), hole.address());
        try {
            assertEquals(Set.of(server.address()), spy.getVersions().keySet(), "spymemcached: the servers that answered");
            assertEquals(Map.of(), ketch.getVersions(), "Ketch's version() fails as a whole");
            assertFalse(spy.getStats().get(server.address()).isEmpty());
            assertTrue(ketch.getStats().get(server.address()).isEmpty());
        } finally {
            spy.shutdown();
            ketch.shutdown();
        }
    }

    @Test
    void anUnreachableServerFailsAtOnceInsteadOfAtTheTimeout() throws Exception {
        InetSocketAddress refused;
        try (ServerSocket socket = new ServerSocket(0)) {
            refused = new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }
        net.spy.memcached.MemcachedClient spy = spy(true, 1500, refused);
        MemcachedClient ketch = ketch(true, 1500, refused);
        try {
            long start = System.nanoTime();
            assertThrows(net.spy.memcached.OperationTimeoutException.class, () -> spy.get("k"));
            long theirs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            start = System.nanoTime();
            OperationTimeoutException e = assertThrows(OperationTimeoutException.class, () -> ketch.get("k"));
            long ours = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(theirs >= 1400, "spymemcached waits for the timeout: " + theirs + " ms");
            assertTrue(ours < 1000, "the adapter fails at once: " + ours + " ms");
            assertNotNull(e.getCause().getCause(), "why, as the timeout's cause: " + e.getCause());
        } finally {
            spy.shutdown();
            ketch.shutdown();
        }
    }
}
