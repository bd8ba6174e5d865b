package dev.ketch.client.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.Protocol;
import dev.ketch.client.testing.ScriptedServer;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection tells its event loop to spin exactly when a read leaves a multi-get unfinished. The
 * loop's reply budget is an hour, so the loop keeps the signal until more bytes come, and a task
 * run on it can see it.
 */
class MultiGetSpinSignalTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final Duration PATIENT = Duration.ofSeconds(10);

    @Test
    void aMultiGetAnsweredInPartsMakesItsLoopExpectTheRest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EventLoopGroup group = Transports.newGroup(1, 0, HOUR);
        try (ScriptedServer server = new ScriptedServer((n, in, out) -> {
                    if (ScriptedServer.answerVersion(in, out)) {
                        awaitLine(in, "get a b");
                        send(out, "VALUE a 0 1\r\n1\r\n");
                        release.await();
                        send(out, "VALUE b 0 1\r\n2\r\nEND\r\n");
                    }
                });
                MemcacheClient<String> client = client(group, server)) {
            CompletableFuture<Map<String, String>> both = client.getMulti(List.of("a", "b"));
            assertTrue(eventually(group, true), "the first part read, the loop expects the rest");
            release.countDown();
            assertEquals(Map.of("a", "1", "b", "2"), both.get(10, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void singleGetsLeftWaitingDoNotMakeTheLoopSpin() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EventLoopGroup group = Transports.newGroup(1, 0, HOUR);
        try (ScriptedServer server = new ScriptedServer((n, in, out) -> {
                    if (ScriptedServer.answerVersion(in, out)) {
                        awaitLine(in, "get a");
                        send(out, "VALUE a 0 1\r\n1\r\nEND\r\n");
                        awaitLine(in, "get c");
                        release.await();
                        send(out, "END\r\n");
                    }
                });
                MemcacheClient<String> client = client(group, server)) {
            CompletableFuture<String> a = client.get("a");
            CompletableFuture<String> c = client.get("c");
            assertEquals("1", a.get(10, TimeUnit.SECONDS));
            // the read that answered "a" is over; "c" waits at the head of the queue
            assertFalse(group.submit(MultiGetSpinSignalTest::loopExpectsReply).get(10, TimeUnit.SECONDS),
                    "a single get waiting is no reason to spin");
            release.countDown();
            assertEquals(null, c.get(10, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static MemcacheClient<String> client(EventLoopGroup group, ScriptedServer server)
            throws InterruptedException {
        MemcacheClient<String> client = MemcacheClient.builder().servers(server.address()).protocol(Protocol.TEXT)
                .eventLoopGroup(group).operationTimeout(PATIENT).connectTimeout(PATIENT).build();
        assertTrue(client.awaitConnected(PATIENT));
        return client;
    }

    private static boolean loopExpectsReply() {
        SpinThenSelect strategy = SpinThenSelect.ofThisLoop();
        return strategy != null && strategy.expectsReply();
    }

    private static boolean eventually(EventLoopGroup group, boolean expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (group.submit(MultiGetSpinSignalTest::loopExpectsReply).get(10, TimeUnit.SECONDS) == expected) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private static void awaitLine(InputStream in, String expected) throws IOException {
        String line = ScriptedServer.readLine(in);
        if (!expected.equals(line)) {
            throw new IOException("expected '" + expected + "', got '" + line + "'");
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
