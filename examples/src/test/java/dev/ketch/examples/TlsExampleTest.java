package dev.ketch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.server.MemcachedServer;
import dev.ketch.server.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import net.spy.memcached.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsExampleTest {

    @TempDir
    Path dir;

    @Test
    void mutualTlsWithTheBundledServer() throws Exception {
        TestPki ca = TestPki.create(dir, "Example CA");
        TestPki.Issued server = ca.server("127.0.0.1");
        TestPki.Issued client = ca.client("app");
        try (MemcachedServer memcached = MemcachedServer.builder().listenAddress("127.0.0.1").port(0)
                .tls(server.certificate(), server.privateKey()).tlsClientAuthorities(ca.certificate()).start();
             MemcacheClient<String> c = TlsExample.client(ca.certificate(), client.certificate(), client.privateKey(),
                     "127.0.0.1:" + memcached.port())) {
            assertTrue(c.awaitConnected(Duration.ofSeconds(30)));
            c.blocking().set("k", 0, "v");
            assertEquals("v", c.blocking().get("k"));
        }
    }

    @Test
    void theDropInsFactoryCarriesTheTlsSettings() throws Exception {
        SSLContext context = SSLContext.getDefault();
        ConnectionFactory factory = TlsExample.spymemcachedFactory(context);
        assertSame(context, factory.getSSLContext());
        assertEquals("cache.example", factory.getHostnameForTlsVerification());
        assertEquals(false, factory.skipTlsHostnameVerification());
    }
}
