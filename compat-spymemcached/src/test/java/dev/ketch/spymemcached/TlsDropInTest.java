package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.testing.LeakDetectionExtension;
import dev.ketch.server.testing.TestPki;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in over TLS, set as the AWS ElastiCache client's fork of spymemcached sets it
 * ({@code setSSLContext}, {@code setSkipTlsHostnameVerification}, {@code setHostnameForTlsVerification}),
 * against the bundled server serving TLS with a certificate of a test authority.
 */
@ExtendWith(LeakDetectionExtension.class)
class TlsDropInTest {

    @TempDir
    Path dir;

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static MemcachedServer tlsServer(TestPki.Issued certificate) {
        return MemcachedServer.builder().listenAddress("127.0.0.1").port(0)
                .tls(certificate.certificate(), certificate.privateKey()).start();
    }

    /** A set and a get through a client of {@code builder} work. */
    private static boolean storesAndReads(ConnectionFactoryBuilder builder, int port) throws Exception {
        return storesAndReads(builder, port, 10_000);
    }

    /** A set and a get fail (within 2 s each, so a refusal costs the test little). */
    private static boolean refused(ConnectionFactoryBuilder builder, int port) throws Exception {
        return !storesAndReads(builder, port, 2_000);
    }

    private static boolean storesAndReads(ConnectionFactoryBuilder builder, int port, long timeoutMillis)
            throws Exception {
        MemcachedClient client = new MemcachedClient(builder.setDaemon(true).setOpTimeout(timeoutMillis).build(),
                List.of(new InetSocketAddress("127.0.0.1", port)));
        try {
            return client.set("k", 0, "v").get(15, TimeUnit.SECONDS) && "v".equals(client.get("k"));
        } catch (Exception refused) {
            return false;
        } finally {
            client.shutdown();
        }
    }

    @Test
    void talksTlsWhenGivenAContextAndChecksTheHostName() throws Exception {
        TestPki ca = TestPki.create(dir, "Drop-in Test CA");
        SSLContext context = trusting(ca.certificate());
        try (MemcachedServer server = tlsServer(ca.server("127.0.0.1"))) {
            assertTrue(storesAndReads(new ConnectionFactoryBuilder().setSSLContext(context), server.port()));
            assertTrue(storesAndReads(new ConnectionFactoryBuilder().setProtocol(ConnectionFactoryBuilder.Protocol.BINARY)
                    .setSSLContext(context), server.port()));
        }
        try (MemcachedServer misnamed = tlsServer(ca.server("cache.example"))) {
            assertTrue(refused(new ConnectionFactoryBuilder().setSSLContext(context), misnamed.port()),
                    "a certificate for another name is refused");
            assertTrue(storesAndReads(new ConnectionFactoryBuilder().setSSLContext(context)
                    .setHostnameForTlsVerification("cache.example"), misnamed.port()), "unless that name is expected");
            assertTrue(storesAndReads(new ConnectionFactoryBuilder().setSSLContext(context)
                    .setSkipTlsHostnameVerification(true), misnamed.port()), "or the check is skipped");
        }
    }

    @Test
    void withoutAContextAPlaintextClientCannotTalkToATlsServer() throws Exception {
        TestPki ca = TestPki.create(dir, "Drop-in Test CA");
        try (MemcachedServer server = tlsServer(ca.server("127.0.0.1"))) {
            assertTrue(refused(new ConnectionFactoryBuilder(), server.port()));
            assertEquals(null, new ConnectionFactoryBuilder().build().getSSLContext(), "plaintext by default");
        }
    }
}
