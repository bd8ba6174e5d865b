package dev.ketch.examples.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ketch.client.MemcacheClient;
import dev.ketch.server.MemcachedServer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ClassPathXmlApplicationContext;

/**
 * Simple Spring Memcached, built for spymemcached, caching through the drop-in in the bundled
 * server: the second call of a name is answered by memcached, and the item is in the server.
 */
class SpringCacheOnSpymemcachedTest {

    @Test
    void aFrameworkBuiltOnSpymemcachedCachesThroughTheDropIn() throws Exception {
        // the spymemcached classes on this class path are the drop-in's (this class exists only there)
        assertNotNull(Class.forName("net.spy.memcached.OperationBridge"));
        try (MemcachedServer server = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start()) {
            String address = "127.0.0.1:" + server.port();
            System.setProperty("memcached.address", address);
            try (ClassPathXmlApplicationContext context = SpringCacheOnSpymemcached.open();
                    MemcacheClient<String> direct = MemcacheClient.builder().servers(address).build()) {
                GreetingService greetings = context.getBean(GreetingService.class);
                AtomicInteger computed = context.getBean("computedGreetings", AtomicInteger.class);
                assertEquals("Hello, Ada!", greetings.greet("Ada"));
                assertEquals("Hello, Ada!", greetings.greet("Ada"));
                assertEquals("Hello, Alan!", greetings.greet("Alan"));
                assertEquals(2, computed.get(), "the repeated greeting came from the cache");
                Map<String, String> stats = direct.stats(null).join().values().iterator().next();
                assertEquals("2", stats.get("curr_items"), "both greetings are items in memcached");
            } finally {
                System.clearProperty("memcached.address");
            }
        }
    }
}
