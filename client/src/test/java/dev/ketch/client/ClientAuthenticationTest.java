package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.testing.TestServer;
import dev.ketch.server.MemcachedServer;
import dev.ketch.server.config.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication on every connection: SASL PLAIN (binary) and memcached's -Y (text). */
class ClientAuthenticationTest {

    /**
     * Operation and connect timeouts long enough that a slow moment of a busy machine fails no
     * test that is not about timeouts.
     */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path passwords() throws IOException {
        return Files.writeString(dir.resolve("passwords"), "alice:secret\n");
    }

    private MemcachedServer saslServer() throws IOException {
        ServerSettings settings = new ServerSettings();
        settings.sasl = true;
        settings.saslPasswordFile = passwords().toString();
        settings.bindingProtocol = ServerSettings.Protocol.BINARY;
        return MemcachedServer.builder().listenAddress("127.0.0.1").port(0).settings(settings).start();
    }

    private static void usable(MemcacheClient<String> client) throws Exception {
        assertTrue(client.set("k", 0, "v").get(5, TimeUnit.SECONDS));
        assertEquals("v", client.get("k").get(5, TimeUnit.SECONDS));
    }

    private static void refused(MemcacheClient<String> client) {
        CompletableFuture<String> get = client.get("k");
        Throwable e = assertThrows(CompletionException.class, get::join).getCause();
        assertInstanceOf(MemcacheAuthenticationException.class, e, () -> "the refusal, not " + e);
        assertTrue(e.getMessage().contains("alice"), e.getMessage());
    }

    @Test
    void saslPlainWithTheRightPasswordWorks() throws Exception {
        try (MemcachedServer server = saslServer();
                MemcacheClient<String> client = MemcacheClient.builder().servers("127.0.0.1:" + server.port())
                        .credentials("alice", "secret").operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            usable(client);
        }
    }

    @Test
    void saslWithAWrongPasswordFailsRequestsWithAnAuthenticationError() throws Exception {
        try (MemcachedServer server = saslServer();
                MemcacheClient<String> client = MemcacheClient.builder().servers("127.0.0.1:" + server.port())
                        .credentials("alice", "wrong").operationTimeout(Duration.ofSeconds(10)).build()) {
            long start = System.nanoTime();
            refused(client);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000, "not a timeout");
        }
    }

    @Test
    void withoutCredentialsASaslServerRefusesRequests() throws Exception {
        try (MemcachedServer server = saslServer();
                MemcacheClient<String> client = MemcacheClient.builder().servers("127.0.0.1:" + server.port())
                        .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            Throwable e = assertThrows(CompletionException.class, () -> client.get("k").join()).getCause();
            MemcacheServerException refused = assertInstanceOf(MemcacheServerException.class, e);
            assertEquals(MemcacheStatus.AUTH_ERROR, refused.status());
        }
    }

    @Test
    void textAuthenticationAgainstTheBundledServer() throws Exception {
        ServerSettings settings = new ServerSettings();
        settings.authFile = passwords().toString();
        try (MemcachedServer server = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).settings(settings)
                .start()) {
            try (MemcacheClient<String> client = MemcacheClient.builder().servers("127.0.0.1:" + server.port())
                    .protocol(Protocol.TEXT).credentials("alice", "secret")
                    .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
                usable(client);
            }
            try (MemcacheClient<String> client = MemcacheClient.builder().servers("127.0.0.1:" + server.port())
                    .protocol(Protocol.TEXT).credentials("alice", "wrong")
                    .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
                refused(client);
            }
        }
    }

    @Test
    void textAuthenticationAgainstRealMemcached() throws Exception {
        try (TestServer server = TestServer.memcached("-Y", passwords().toString())) {
            try (MemcacheClient<String> client = MemcacheClient.builder().servers(server.address()).protocol(Protocol.TEXT)
                    .credentials("alice", "secret").operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
                usable(client);
            }
            try (MemcacheClient<String> client = MemcacheClient.builder().servers(server.address()).protocol(Protocol.TEXT)
                    .credentials("alice", "wrong").operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
                refused(client);
            }
        }
    }
}
