package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MemcacheClient#onServer}: each server's answer on its own, a down server failing only its
 * own future, where {@link MemcacheClient#version()} fails as a whole.
 */
class ServerCommandsTest {

    /**
     * Operation and connect timeouts long enough that a slow moment of a busy machine fails no
     * test that is not about timeouts.
     */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private static String refusedAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void eachServerAnswersOrFailsOnItsOwn(Protocol protocol) throws Exception {
        try (TestServer live = TestServer.bundled();
                MemcacheClient<String> client = MemcacheClient.builder().servers(live.address(), refusedAddress())
                        .protocol(protocol).operationTimeout(Duration.ofSeconds(2)).build()) {
            List<ServerAddress> servers = client.servers();
            assertEquals(List.of(ServerAddress.parse(live.address())), servers.subList(0, 1));
            assertEquals(2, servers.size());
            ServerCommands up = client.onServer(servers.get(0));
            ServerCommands down = client.onServer(servers.get(1));
            assertEquals(servers.get(0), up.server());

            String version = up.version().join();
            assertFalse(version.isBlank());
            Map<String, String> stats = up.stats(null).join();
            assertEquals(version, stats.get("version"));
            assertTrue(up.stats("settings").join().containsKey("maxconns"));
            client.set("k", 0, "v").join();
            up.noop().join();
            up.flushAll(0).join();

            CompletionException failed = assertThrows(CompletionException.class, () -> down.version().join());
            assertInstanceOf(MemcacheException.class, failed.getCause());
            assertThrows(CompletionException.class, () -> client.version().join(), "the whole fails where one server does");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void flushOfOneServerLeavesTheOthers(Protocol protocol) throws Exception {
        try (TestServer a = TestServer.bundled(); TestServer b = TestServer.bundled();
                MemcacheClient<String> client = MemcacheClient.builder().servers(a.address(), b.address())
                        .protocol(protocol).operationTimeout(PATIENT).connectTimeout(PATIENT).build();
                MemcacheClient<String> onA = MemcacheClient.builder().servers(a.address()).protocol(protocol)
                        .operationTimeout(PATIENT).connectTimeout(PATIENT).build();
                MemcacheClient<String> onB = MemcacheClient.builder().servers(b.address()).protocol(protocol)
                        .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            onA.set("k", 0, "a").join();
            onB.set("k", 0, "b").join();
            client.onServer(ServerAddress.parse(a.address())).flushAll(0).join();
            assertEquals(null, onA.get("k").join());
            assertEquals("b", onB.get("k").join());
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void invalidArgumentsFailFast(Protocol protocol) throws Exception {
        try (TestServer live = TestServer.bundled();
                MemcacheClient<String> client = MemcacheClient.builder().servers(live.address()).protocol(protocol)
                        .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> client.onServer(ServerAddress.parse("127.0.0.1:1")));
            assertTrue(unknown.getMessage().contains("127.0.0.1:1"), unknown.getMessage());
            assertThrows(NullPointerException.class, () -> client.onServer(null));
            ServerCommands one = client.onServer(client.servers().get(0));
            assertThrows(IllegalArgumentException.class, () -> one.stats("two words"));
            assertThrows(IllegalArgumentException.class, () -> one.flushAll(-1));
        }
    }
}
