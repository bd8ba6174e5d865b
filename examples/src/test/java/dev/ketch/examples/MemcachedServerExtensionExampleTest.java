package dev.ketch.examples;

// tag::junit[]
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.server.junit.MemcachedServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemcachedServerExtensionExampleTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension();   // one server per class

    @Test
    void storesAndReads() throws InterruptedException {
        try (MemcacheClient<String> client = MemcacheClient.builder()
                .servers("127.0.0.1:" + memcached.port())
                .build()) {
            // the first call's timeout should not pay for a cold JVM's connection set-up on a busy CI machine
            assertTrue(client.awaitConnected(Duration.ofSeconds(10)));
            client.blocking().set("greeting", 60, "hello");
            assertEquals("hello", client.blocking().get("greeting"));
        }
    }
}
// end::junit[]
