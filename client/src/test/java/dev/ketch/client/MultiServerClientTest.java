package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.HashAlgorithm;
import dev.ketch.client.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client over three bundled servers: every key is stored on the server {@code serverFor}
 * names, and on no other, as single-server clients reading each server directly see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiServerClientTest {

    /**
     * Operation and connect timeouts long enough that a slow moment of a busy machine fails no
     * test that is not about timeouts.
     */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private static final int KEYS = 10_000;
    private static final int[] WEIGHTS = {1, 2, 3};
    /** Generous: 10 000 operations at once, paranoid leak detection, two shared cores. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BATCH = 1000;

    private final List<TestServer> servers = new ArrayList<>();
    private final Map<String, MemcacheClient<String>> direct = new HashMap<>();

    @BeforeAll
    void start() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            TestServer server = TestServer.bundled();
            servers.add(server);
            MemcacheClient<String> client = MemcacheClient.builder().servers(server.address()).operationTimeout(TIMEOUT)
                    .build();
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
            direct.put(server.address(), client);
        }
    }

    @AfterAll
    void stop() {
        direct.values().forEach(MemcacheClient::close);
        servers.forEach(TestServer::close);
    }

    @BeforeEach
    void flush() {
        direct.values().forEach(c -> c.flushAll(0).join());
    }

    @ParameterizedTest
    @EnumSource(Distribution.class)
    void everyKeyIsOnTheServerServerForNames(Distribution distribution) throws InterruptedException {
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            specs.add(servers.get(i).address() + ":" + WEIGHTS[i]);
        }
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(specs.toArray(new String[0]))
                .distribution(distribution).operationTimeout(TIMEOUT).build()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
            String prefix = distribution + ":" + ThreadLocalRandom.current().nextInt(1_000_000) + ":";
            List<String> keys = new ArrayList<>();
            List<CompletableFuture<Boolean>> stores = new ArrayList<>();
            Map<String, Set<String>> expected = new HashMap<>();
            for (int i = 0; i < KEYS; i++) {
                String key = prefix + i;
                keys.add(key);
                stores.add(client.set(key, 0, "v" + i));
                ServerAddress server = client.serverFor(key);
                assertEquals(server, client.serverFor(key.getBytes(StandardCharsets.UTF_8)));
                expected.computeIfAbsent(server.toString(), s -> new HashSet<>()).add(key);
                if (stores.size() == BATCH) {
                    stores.forEach(f -> assertTrue(f.join()));
                    stores.clear();
                }
            }
            stores.forEach(f -> assertTrue(f.join()));

            for (TestServer server : servers) {
                Set<String> found = direct.get(server.address()).getMulti(keys).join().keySet();
                Set<String> named = expected.getOrDefault(server.address(), Set.of());
                assertEquals(named, found, "keys on " + server.address());
                assertTrue(named.size() > KEYS / 10, server.address() + " holds " + named.size() + " keys");
            }

            Map<String, String> all = client.getMulti(keys).join();
            assertEquals(KEYS, all.size(), "a multi-get split over the three servers");
            assertEquals("v1234", all.get(prefix + 1234));
        }
    }

    @Test
    void hashAndDistributionAreConfigurable() throws InterruptedException {
        String[] specs = servers.stream().map(TestServer::address).toArray(String[]::new);
        try (MemcacheClient<String> md5 = MemcacheClient.builder().servers(specs).hash(HashAlgorithm.MD5)
                .operationTimeout(PATIENT).connectTimeout(PATIENT).build();
                MemcacheClient<String> plain = MemcacheClient.builder().servers(specs)
                        .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            int differ = 0;
            for (int i = 0; i < 1000; i++) {
                differ += md5.serverFor("k" + i).equals(plain.serverFor("k" + i)) ? 0 : 1;
            }
            assertTrue(differ > 100, "another key hash places keys elsewhere: " + differ + " of 1000 differ");
            md5.set("hashed-with-md5", 0, "yes").join();
            String server = md5.serverFor("hashed-with-md5").toString();
            assertEquals("yes", direct.get(server).get("hashed-with-md5").join());
        }
    }
}
