package dev.ketch.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.cluster.Failover;
import dev.ketch.server.testing.LeakDetectionExtension;
import dev.ketch.testcontainers.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link MemcachedContainer} is a real memcached a client reaches on 127.0.0.1, and its faults
 * are the real ones: a paused server accepts and never answers, a killed one refuses, a restarted
 * one is back empty on the same address, a disconnected one is unreachable and keeps its data.
 */
@ExtendWith(LeakDetectionExtension.class)
class MemcachedContainerTest {

    private static final long WAIT_SECONDS = 30;

    @AfterAll
    static void noContainerOutlivesTheTests() {
        var left = TestImages.leftovers();
        TestImages.remove(left);
        assertTrue(left.isEmpty(), "containers left behind (removed now): " + left);
    }

    private static MemcacheClient<String> client(MemcachedContainer memcached) {
        return MemcacheClient.builder().servers(memcached.servers()).operationTimeout(Duration.ofSeconds(5))
                .failover(Failover.failFast()).ioThreads(1).build();
    }

    @Test
    void serversPlugIntoTheClientBuilder() throws Exception {
        try (MemcachedContainer memcached = TestImages.memcached().withMemoryMb(16)) {
            memcached.start();
            assertTrue(memcached.address().startsWith("127.0.0.1:"), memcached.address());
            try (MemcacheClient<String> client = client(memcached)) {
                assertTrue(client.set("k", 0, "v").get(WAIT_SECONDS, TimeUnit.SECONDS));
                assertEquals("v", client.get("k").get(WAIT_SECONDS, TimeUnit.SECONDS));
                assertTrue(client.version().get(WAIT_SECONDS, TimeUnit.SECONDS).get(memcached.address())
                        .startsWith("1.6"));
                String limit = client.stats("settings").get(WAIT_SECONDS, TimeUnit.SECONDS).get(memcached.address())
                        .get("maxbytes");
                assertEquals(Long.toString(16L << 20), limit, "-m reached memcached");
            }
        }
    }

    @Test
    void aPausedServerAcceptsAndNeverAnswersUntilUnpaused() throws Exception {
        try (MemcachedContainer memcached = TestImages.memcached()) {
            memcached.start();
            // 5 s: long enough for a healthy answer through Docker's port proxy on a loaded machine
            // (over a second has been seen), and the paused get still times out
            try (MemcacheClient<String> client = MemcacheClient.builder().servers(memcached.servers())
                    .operationTimeout(Duration.ofSeconds(5)).failover(Failover.failFast().withoutSilenceDetection())
                    .ioThreads(1).build()) {
                assertTrue(client.set("k", 0, "v").get(WAIT_SECONDS, TimeUnit.SECONDS));
                memcached.pause();
                try {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", memcached.port()), 5000);
                        s.setSoTimeout(500);
                        s.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
                        InputStream in = s.getInputStream();
                        assertThrows(java.net.SocketTimeoutException.class, in::read, "accepted, never answered");
                    }
                    ExecutionException e = assertThrows(ExecutionException.class,
                            () -> client.get("k").get(WAIT_SECONDS, TimeUnit.SECONDS));
                    assertInstanceOf(MemcacheTimeoutException.class, e.getCause());
                } finally {
                    memcached.unpause();
                }
                assertEquals("v", client.get("k").get(WAIT_SECONDS, TimeUnit.SECONDS), "it kept its data");
            }
        }
    }

    @Test
    void aKilledServerRefusesAndRestartsEmptyOnTheSameAddress() throws Exception {
        try (MemcachedContainer memcached = TestImages.memcached()) {
            memcached.start();
            String address = memcached.address();
            try (MemcacheClient<String> client = client(memcached)) {
                assertTrue(client.set("k", 0, "v").get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            memcached.kill();
            assertThrows(ConnectException.class, () -> connect(memcached.port()));
            memcached.restart();
            assertEquals(address, memcached.address());
            try (MemcacheClient<String> client = client(memcached)) {
                assertNull(client.get("k").get(WAIT_SECONDS, TimeUnit.SECONDS), "a new, empty memcached");
            }
        }
    }

    @Test
    void aDisconnectedServerIsUnreachableAndKeepsItsData() throws Exception {
        try (MemcachedContainer memcached = TestImages.memcached()) {
            memcached.start();
            try (MemcacheClient<String> client = client(memcached)) {
                assertTrue(client.set("k", 0, "v").get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            memcached.disconnectNetwork();
            try {
                assertThrows(IOException.class, () -> connect(memcached.port()));
            } finally {
                memcached.reconnectNetwork();
            }
            try (MemcacheClient<String> client = client(memcached)) {
                assertEquals("v", client.get("k").get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new MemcachedContainer().withMemoryMb(0));
        assertThrows(IllegalStateException.class, () -> new MemcachedContainer().port());
    }

    /** Connects and asks for the version; fails if that cannot be done. */
    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(2000);
            s.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            if (s.getInputStream().read() < 0) {
                throw new IOException("closed without an answer");
            }
        }
    }
}
