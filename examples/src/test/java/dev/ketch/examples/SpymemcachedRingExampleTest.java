package dev.ketch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.server.junit.MemcachedServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SpymemcachedRingExampleTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension();

    @Test
    void storesAllowedClassesAndRefusesToReadOthers() throws Exception {
        try (MemcacheClient<Object> client = SpymemcachedRingExample.client("127.0.0.1:" + memcached.port())) {
            client.awaitConnected(Duration.ofSeconds(30));
            List<String> list = new ArrayList<>(List.of("a", "b"));
            client.blocking().set("list", 0, list);
            assertEquals(list, client.blocking().get("list"), "java.util.* is allowed");
            client.blocking().set("sb", 0, new java.lang.StringBuilder("x"));   // java.lang.* is allowed
            client.blocking().set("date", 0, new java.text.SimpleDateFormat("yyyy"));
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> client.blocking().get("date"), "a class outside the allow-list is not deserialized");
            assertTrue(refused.getMessage().contains("allow-list"), refused.getMessage());
        }
    }
}
