package dev.ketch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.cluster.Failover;
import dev.ketch.testcontainers.MemcachedContainer;
import dev.ketch.testcontainers.testing.TestImages;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/testing.md's MemcachedContainer snippet, run: a real memcached in a container, its
 * {@code servers()} in the client builder. Skipped without a Docker engine. The image is the
 * official {@code memcached:1.6.18} where a registry is reachable; here it is whatever the
 * container tests use ({@code -Dketch.memcached.image}, or a local build of this machine's
 * memcached).
 */
class MemcachedContainerExampleTest {

    private static String image;

    @BeforeAll
    static void imageOrSkip() {
        TestImages.requireImage();
        image = TestImages.image();
    }

    // tag::container[]
    @Test
    void storesAndReadsOnRealMemcached() throws Exception {
        try (MemcachedContainer memcached = new MemcachedContainer(image)   // e.g. "memcached:1.6.18"
                .withMemoryMb(16)) {
            memcached.start();                                              // returns once it answers version
            try (MemcacheClient<String> client = MemcacheClient.builder()
                    .servers(memcached.servers())                           // "127.0.0.1:<published port>"
                    .failover(Failover.failFast())                          // one server: nowhere to fail over to
                    .build()) {
                assertTrue(client.awaitConnected(Duration.ofSeconds(10)));
                client.blocking().set("greeting", 60, "hello");
                assertEquals("hello", client.blocking().get("greeting"));

                memcached.kill();                                           // real faults: pause(), kill(),
                memcached.restart();                                        // restart(), disconnectNetwork()
                assertTrue(client.awaitConnected(Duration.ofSeconds(10)));  // reconnected on its own
                assertNull(client.blocking().get("greeting"));              // back on the same address, empty
            }
        }
    }
    // end::container[]
}
