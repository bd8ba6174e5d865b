package dev.ketch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.client.MemcacheClient;
import dev.ketch.server.junit.MemcachedServerExtension;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StampedeProtectionTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension();

    @Test
    void thePageIsRenderedOnceThenServedFromTheCacheAndRerenderedAfterInvalidation() throws Exception {
        AtomicInteger renders = new AtomicInteger();
        ExecutorService appExecutor = Executors.newSingleThreadExecutor();
        try (MemcacheClient<String> client = StampedeProtection.client("127.0.0.1:" + memcached.port())) {
            client.awaitConnected(Duration.ofSeconds(30));
            String first = StampedeProtection.page(client, key -> key + " v" + renders.incrementAndGet(), appExecutor)
                    .get();
            assertEquals("page:42 v1", first);
            assertEquals("page:42 v1", StampedeProtection.pageBlocking(client, key -> key + " v" + renders.incrementAndGet()));
            assertEquals(1, renders.get(), "the second call found the page");
            StampedeProtection.pageChanged(client);
            assertEquals("page:42 v2", StampedeProtection.pageBlocking(client,
                    key -> key + " v" + renders.incrementAndGet()), "the first reader after the change re-renders");
        } finally {
            appExecutor.shutdownNow();
        }
    }
}
