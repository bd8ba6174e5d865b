package dev.ketch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.server.MemcachedServer;
import dev.ketch.server.config.ServerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The production page's snippets against bundled servers. */
class ProductionSetupTest {

    private static MemcachedServer start(boolean configEndpoint) {
        ServerSettings settings = new ServerSettings();
        settings.clusterConfigCommand = configEndpoint;
        return MemcachedServer.builder().listenAddress("127.0.0.1").port(0).settings(settings).start();
    }

    @Test
    void aDiscoveringClientUsesTheNodesTheEndpointLists() throws Exception {
        try (MemcachedServer endpoint = start(true); MemcachedServer node = start(false)) {
            endpoint.clusterConfig().publish(List.of("node1.local|127.0.0.1|" + node.port()));
            try (MemcacheClient<String> client = ProductionSetup.discovering("127.0.0.1:" + endpoint.port())) {
                assertTrue(client.awaitConnected(Duration.ofSeconds(30)));
                assertEquals("node1.local", client.serverFor("k").host(), "the ring holds the listed name");
                client.blocking().set("k", 0, "v");
            }
            try (MemcacheClient<String> direct = MemcacheClient.builder().servers("127.0.0.1:" + node.port()).build()) {
                assertEquals("v", direct.blocking().get("k"), "the value went to the listed node");
            }
        }
    }

    @Test
    void metricsHealthAndACarefulClose() throws Exception {
        try (MemcachedServer node = start(false)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MemcacheClient<String> client = ProductionSetup.measured("127.0.0.1:" + node.port(), registry);
            assertTrue(client.awaitConnected(Duration.ofSeconds(30)));
            assertTrue(ProductionSetup.checkReadiness(client));
            CompletableFuture<Boolean> set = client.set("k", 0, "v");
            CompletableFuture<String> get = set.thenCompose(stored -> client.get("k"));
            ProductionSetup.closeAfter(client, List.of(set, get));
            assertEquals("v", get.join(), "what was pending when close was asked for completed first");
            assertNotNull(registry.find("ketch.operation").tag("client", "sessions").timer(), "operations are timed");
            assertFalse(ProductionSetup.checkReadiness(client), "a closed client is not ready");
        }
    }
}
