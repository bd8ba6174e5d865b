package dev.ketch.client.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.ClientHealth;
import dev.ketch.client.HostResolver;
import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheUnavailableException;
import dev.ketch.client.ServerAddress;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.ServerSelector;
import dev.ketch.client.testing.Await;
import dev.ketch.client.testing.GatedEndpoint;
import dev.ketch.server.MemcachedServer;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.testing.LeakDetectionExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Auto-discovery end to end: a bundled server plays the ElastiCache configuration endpoint, four
 * bundled servers are the cache nodes, and the client follows the nodes the endpoint publishes.
 * The nodes are named {@code nodeN.test}, names no resolver knows: the client must connect to the
 * ip the endpoint gives, and the ring hashes the names.
 */
@ExtendWith(LeakDetectionExtension.class)
class DiscoveryEndToEndTest {

    private static final int KEYS = 3000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Fails any lookup: nothing in these tests may need DNS. */
    private static final HostResolver NO_DNS = host -> {
        throw new UnknownHostException("no DNS in this test: " + host);
    };

    private MemcachedServer endpoint;
    private final List<MemcachedServer> nodes = new ArrayList<>();

    @BeforeEach
    void start() {
        ServerSettings settings = new ServerSettings();
        settings.clusterConfigCommand = true;
        endpoint = MemcachedServer.builder().settings(settings).listenAddress("127.0.0.1").port(0).start();
        for (int i = 0; i < 4; i++) {
            nodes.add(MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start());
        }
    }

    @AfterEach
    void stop() {
        nodes.forEach(MemcachedServer::close);
        endpoint.close();
    }

    private String entry(int node) {
        return "node" + node + ".test|127.0.0.1|" + nodes.get(node).port();
    }

    private ServerAddress name(int node) {
        return new ServerAddress("node" + node + ".test", nodes.get(node).port());
    }

    private List<ServerAddress> names(int... indices) {
        List<ServerAddress> list = new ArrayList<>();
        for (int i : indices) {
            list.add(name(i));
        }
        return list;
    }

    private static ServerSelector ketama(List<ServerAddress> servers) {
        return ServerSelector.of(servers, Distribution.LIBMEMCACHED_KETAMA, Distribution.LIBMEMCACHED_KETAMA.defaultHash());
    }

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.UTF_8);
    }

    private void publish(long version, int... indices) {
        List<String> entries = new ArrayList<>();
        for (int i : indices) {
            entries.add(entry(i));
        }
        endpoint.clusterConfig().set(version, entries);
    }

    /** A client that gives up waiting for the endpoint's first answer after 500 ms. */
    private MemcacheClient<String> discovering(String endpointAddress, String... seeds) {
        return discovering(Duration.ofMillis(500), endpointAddress, seeds);
    }

    /**
     * A client whose {@code build()} waits up to {@code discoveryTimeout} for the endpoint's first
     * answer (and whose discovery requests may take that long).
     */
    private MemcacheClient<String> discovering(Duration discoveryTimeout, String endpointAddress, String... seeds) {
        return MemcacheClient.builder().servers(seeds).hostResolver(NO_DNS).operationTimeout(TIMEOUT)
                .discovery(ServerDiscovery.configurationEndpoint(ServerAddress.parse(endpointAddress), NO_DNS))
                .discoveryInterval(Duration.ofMillis(50)).discoveryTimeout(discoveryTimeout).build();
    }

    private static void setAll(MemcacheClient<String> client) {
        List<CompletableFuture<Boolean>> sets = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            sets.add(client.set(key(i), 0, "v" + i));
        }
        sets.forEach(f -> assertTrue(f.join()));
    }

    /** How many keys read back as misses. */
    private static int misses(MemcacheClient<String> client) {
        List<CompletableFuture<String>> gets = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            gets.add(client.get(key(i)));
        }
        int misses = 0;
        for (int i = 0; i < KEYS; i++) {
            String value = gets.get(i).join();
            if (value == null) {
                misses++;
            } else {
                assertEquals("v" + i, value);
            }
        }
        return misses;
    }

    private static void awaitVersion(MemcacheClient<String> client, String version) {
        Await.until("at configuration version " + version,
                () -> version.equals(client.health().discovery().version()), client::health);
    }

    @Test
    void addingAndRemovingNodesMovesOnlyTheKeysKetamaMoves() {
        publish(1, 0, 1, 2);
        // an endpoint that answers: a timeout no loaded machine reaches, so that build() gets the answer
        try (MemcacheClient<String> client = discovering(TIMEOUT, "127.0.0.1:" + endpoint.port())) {
            assertEquals("1", client.health().discovery().version(), "build() waits for the first answer");
            ServerSelector v1 = ketama(names(0, 1, 2));
            for (int i = 0; i < KEYS; i++) {
                assertEquals(v1.serverFor(key(i)), client.serverFor(key(i)));
            }
            setAll(client);
            assertEquals(0, misses(client));

            publish(2, 0, 1, 2, 3);
            awaitVersion(client, "2");
            ServerSelector v2 = ketama(names(0, 1, 2, 3));
            int moved = 0;
            for (int i = 0; i < KEYS; i++) {
                ServerAddress now = v2.serverFor(key(i));
                assertEquals(now, client.serverFor(key(i)));
                if (!now.equals(v1.serverFor(key(i)))) {
                    moved++;
                    assertEquals(name(3), now, "a node added takes keys, it moves none between the others");
                }
            }
            assertTrue(moved > KEYS / 8 && moved < KEYS / 2, "a quarter or so moves: " + moved);
            assertEquals(moved, misses(client), "the keys ketama moved, and only they, are on the new, empty node");
            assertEquals(4, client.health().servers().size());

            setAll(client);
            publish(3, 0, 2, 3);
            awaitVersion(client, "3");
            ServerSelector v3 = ketama(names(0, 2, 3));
            int movedAgain = 0;
            for (int i = 0; i < KEYS; i++) {
                ServerAddress now = v3.serverFor(key(i));
                assertEquals(now, client.serverFor(key(i)));
                if (!now.equals(v2.serverFor(key(i)))) {
                    movedAgain++;
                    assertEquals(name(1), v2.serverFor(key(i)), "only the removed node's keys move");
                }
            }
            assertTrue(movedAgain > 0);
            assertEquals(movedAgain, misses(client), "the removed node's keys are misses on their new nodes");
            assertEquals(List.of("node0.test:" + nodes.get(0).port(), "node2.test:" + nodes.get(2).port(),
                    "node3.test:" + nodes.get(3).port()),
                    client.health().servers().stream().map(s -> s.server()).toList());
        }
    }

    @Test
    void anOlderVersionIsStaleAndIgnored() {
        publish(5, 0, 1);
        // build() gets version 5 first, however slow the machine: 4 is then older than what it has
        try (MemcacheClient<String> client = discovering(TIMEOUT, "127.0.0.1:" + endpoint.port())) {
            publish(4, 0, 1, 2);
            publish(6, 0, 1, 3);
            awaitVersion(client, "6");
            assertEquals(names(0, 1, 3), servers(client));
        }
    }

    private static List<ServerAddress> servers(MemcacheClient<String> client) {
        return client.health().servers().stream().map(s -> ServerAddress.parse(s.server())).toList();
    }

    @Test
    void anEndpointDownAtStartDoesNotStopTheClientWhichStartsWithTheConfiguredServers() throws Exception {
        int refused;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = s.getLocalPort();
        }
        String seed = "127.0.0.1:" + nodes.get(0).port();
        try (MemcacheClient<String> client = discovering("127.0.0.1:" + refused, seed)) {
            ClientHealth health = client.health();
            assertFalse(health.discovery().discovered());
            assertNotNull(health.discovery().lastError(), health.toString());
            assertEquals(List.of(seed), health.servers().stream().map(s -> s.server()).toList());
            assertTrue(client.set("k", 0, "v").join());
            assertEquals("v", client.get("k").join());
            assertTrue(health.toString().contains("has not answered yet"), health.toString());
        }
    }

    @Test
    void aSlowEndpointDoesNotHoldUpStartAndIsFollowedOnceItAnswers() throws Exception {
        publish(1, 1, 2);
        String seed = "127.0.0.1:" + nodes.get(0).port();
        try (GatedEndpoint slow = new GatedEndpoint(endpoint.port());
                MemcacheClient<String> client = discovering(slow.address(), seed)) {
            ClientHealth health = client.health();
            assertFalse(health.discovery().discovered(), "build() gave up waiting: " + health);
            assertEquals(List.of(ServerAddress.parse(seed)), servers(client));
            assertTrue(client.set("k", 0, "v").join(), "serves from the configured server meanwhile");

            slow.relay();
            awaitVersion(client, "1");
            assertEquals(names(1, 2), servers(client));
            assertNull(client.health().discovery().lastError());
            setAll(client);
            assertEquals(0, misses(client));
        }
    }

    @Test
    void withoutConfiguredServersKeysFailFastUntilTheEndpointAnswers() throws Exception {
        publish(1, 0, 1, 2, 3);
        try (GatedEndpoint down = new GatedEndpoint(endpoint.port())) {
            down.closeEveryConnection();
            try (MemcacheClient<String> client = discovering(down.address())) {
                ClientHealth health = client.health();
                assertFalse(health.isReady());
                assertTrue(health.servers().isEmpty());
                CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                        () -> client.get("k").join());
                MemcacheUnavailableException unavailable = assertInstanceOf(MemcacheUnavailableException.class,
                        e.getCause());
                assertTrue(unavailable.getMessage().startsWith("no servers yet: discovery from config endpoint"),
                        unavailable.getMessage());
                assertTrue(health.toString().startsWith("NOT READY: 0 of 0 servers up"), health.toString());
            }
        }
        try (GatedEndpoint up = new GatedEndpoint(endpoint.port());
                MemcacheClient<String> client = discovering(up.address())) {
            assertTrue(client.health().servers().isEmpty(), "the gate holds the first answer");
            up.relay();
            awaitVersion(client, "1");
            Await.until("ready", () -> client.health().isReady(), client::health);
            setAll(client);
            assertEquals(0, misses(client));
        }
    }

    @Test
    void theNodesAreReachedAtTheIpTheEndpointGivesAndAMovedIpMovesNoKey() throws Exception {
        publish(1, 0, 1);
        try (MemcacheClient<String> client = MemcacheClient.builder().hostResolver(NO_DNS).operationTimeout(TIMEOUT)
                .discovery(ServerDiscovery.configurationEndpoint(ServerAddress.parse("127.0.0.1:" + endpoint.port()),
                        NO_DNS))
                .discoveryInterval(Duration.ofMillis(50)).discoveryTimeout(TIMEOUT)
                .dnsRefreshInterval(Duration.ofHours(1)).build()) {
            setAll(client);
            List<ServerAddress> before = servers(client);
            // node 1's name now points at another address, where a fresh server listens on the same port
            try (MemcachedServer replacement = MemcachedServer.builder().listenAddress("127.0.0.2")
                    .port(nodes.get(1).port()).start()) {
                endpoint.clusterConfig().set(2, List.of(entry(0),
                        "node1.test|127.0.0.2|" + nodes.get(1).port()));
                awaitVersion(client, "2");
                Await.until("moved to 127.0.0.2", () -> "127.0.0.2".equals(
                        client.health().server(name(1).toString()).address()), client::health);
                assertEquals(before, servers(client), "same names, same ring");
                int onNode1 = 0;
                for (int i = 0; i < KEYS; i++) {
                    onNode1 += client.serverFor(key(i)).equals(name(1)) ? 1 : 0;
                }
                assertEquals(onNode1, misses(client), "node 1's keys are read from the replacement, which is empty");
                setAll(client);
                assertEquals(onNode1, replacement.cache().storage().currItems(), "and written there");
            }
        }
    }
}
