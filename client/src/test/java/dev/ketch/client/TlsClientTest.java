package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheTlsException.Reason;
import dev.ketch.client.testing.TestServer;
import dev.ketch.client.testing.TlsFixtures;
import dev.ketch.server.MemcachedServer;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.testing.LeakDetectionExtension;
import dev.ketch.server.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS set-ups that must fail, each fast (the operation fails with the handshake's reason, long
 * before its 30 s timeout could) and with its own message; mutual TLS; SASL over TLS;
 * certificates reloaded on reconnect; settings refused at build time.
 */
@ExtendWith(LeakDetectionExtension.class)
class TlsClientTest {

    /** Far longer than any handshake: a failure seen before it is a fast failure, not a timeout. */
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final TlsFixtures PKI = TlsFixtures.get();

    private static MemcacheClient<String> client(MemcachedServer server, TlsSettings tls) {
        return client("127.0.0.1:" + server.port(), tls);
    }

    private static MemcacheClient<String> client(String address, TlsSettings tls) {
        MemcacheClientBuilder<String> b = MemcacheClient.builder().servers(address)
                .operationTimeout(LONG).connectTimeout(Duration.ofSeconds(20))
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200));
        if (tls != null) {
            b.tls(tls);
        }
        return b.build();
    }

    private static MemcachedServer tlsServer(TestPki.Issued certificate) {
        return MemcachedServer.builder().listenAddress("127.0.0.1").port(0).threads(1)
                .tls(certificate.certificate(), certificate.privateKey()).start();
    }

    /**
     * The TLS failure an operation failed with: the waiting operation gets it directly, or, once
     * failover has marked the server down, as the cause of {@link MemcacheUnavailableException}.
     */
    private static MemcacheTlsException refusal(MemcacheClient<String> client) {
        CompletionException e = assertThrows(CompletionException.class, () -> client.get("k").join());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof MemcacheTlsException tls) {
                return tls;
            }
        }
        throw new AssertionError("not a TLS refusal: " + e.getCause(), e.getCause());
    }

    @ParameterizedTest
    @EnumSource(value = TlsSettings.Provider.class, names = {"JDK", "OPENSSL"})
    void aCertificateForAnotherHostIsRefused(TlsSettings.Provider provider) {
        try (MemcachedServer server = tlsServer(PKI.ca().server("cache.other.example"));
             MemcacheClient<String> client = client(server, PKI.trusting().provider(provider).build())) {
            MemcacheTlsException e = refusal(client);
            assertEquals(Reason.HOSTNAME_MISMATCH, e.reason());
            assertEquals("TLS handshake with 127.0.0.1:" + server.port() + " failed: the server's certificate does not"
                    + " name the host \"127.0.0.1\" (host name verification)", e.getMessage());
        }
    }

    @Test
    void hostNameVerificationCanBeTurnedOff() {
        try (MemcachedServer server = tlsServer(PKI.ca().server("cache.other.example"));
             MemcacheClient<String> client = client(server, PKI.trusting().hostnameVerification(false).build())) {
            assertTrue(client.set("k", 0, "v").join());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsSettings.Provider.class, names = {"JDK", "OPENSSL"})
    void oneVerifiedHostNameForServersListedByAddress(TlsSettings.Provider provider) {
        try (MemcachedServer server = tlsServer(PKI.ca().server("cache.other.example"));
             MemcacheClient<String> client = client(server, PKI.trusting().verifiedHostName("cache.other.example")
                     .provider(provider).build())) {
            assertTrue(client.set("k", 0, "v").join());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsSettings.Provider.class, names = {"JDK", "OPENSSL"})
    void anExpiredCertificateIsRefused(TlsSettings.Provider provider) {
        try (MemcachedServer server = tlsServer(PKI.ca().expiredServer("127.0.0.1"));
             MemcacheClient<String> client = client(server, PKI.trusting().provider(provider).build())) {
            MemcacheTlsException e = refusal(client);
            assertEquals(Reason.CERTIFICATE_EXPIRED, e.reason());
            assertTrue(e.getMessage().startsWith("TLS handshake with 127.0.0.1:" + server.port()
                    + " failed: the server's certificate has expired"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsSettings.Provider.class, names = {"JDK", "OPENSSL"})
    void aCertificateFromAnUnknownAuthorityIsRefused(TlsSettings.Provider provider) {
        TestPki stranger = TestPki.create(PKI.dir("stranger-" + provider), "Stranger CA");
        try (MemcachedServer server = tlsServer(stranger.server("127.0.0.1"));
             MemcacheClient<String> client = client(server, PKI.trusting().provider(provider).build())) {
            MemcacheTlsException e = refusal(client);
            assertEquals(Reason.UNTRUSTED_CERTIFICATE, e.reason());
            assertEquals("TLS handshake with 127.0.0.1:" + server.port() + " failed: the server's certificate is not"
                    + " issued by a trusted authority (unknown CA)", e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsSettings.Provider.class, names = {"JDK", "OPENSSL"})
    void mutualTlsIsAcceptedWithTheClientCertificateAndRefusedWithout(TlsSettings.Provider provider) {
        try (MemcachedServer server = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).threads(1)
                .tls(PKI.server().certificate(), PKI.server().privateKey())
                .tlsClientAuthorities(PKI.ca().certificate()).start()) {
            try (MemcacheClient<String> client = client(server, PKI.mutual().provider(provider).build())) {
                assertTrue(client.set("k", 0, "v").join());
                assertEquals("v", client.get("k").join());
            }
            // TLS 1.2 refuses within the handshake (TLS 1.3 only after the client's side of it ended)
            try (MemcacheClient<String> client = client(server, PKI.trusting().protocols("TLSv1.2")
                    .provider(provider).build())) {
                MemcacheTlsException e = refusal(client);
                assertEquals(Reason.CLIENT_CERTIFICATE_REFUSED, e.reason(), e::getMessage);
                assertTrue(e.getMessage().contains("the server refused the client certificate"), e.getMessage());
            }
            TestPki stranger = TestPki.create(PKI.dir("intruder-" + provider), "Intruder CA");
            TestPki.Issued intruder = stranger.client("intruder");
            try (MemcacheClient<String> client = client(server, PKI.trusting().protocols("TLSv1.2")
                    .clientCertificate(intruder.certificate(), intruder.privateKey()).provider(provider).build())) {
                assertEquals(Reason.CLIENT_CERTIFICATE_REFUSED, refusal(client).reason());
            }
            // TLS 1.3: still a connection failure, never a hang until the timeout
            try (MemcacheClient<String> client = client(server, PKI.trusting().protocols("TLSv1.3")
                    .provider(provider).build())) {
                CompletionException e = assertThrows(CompletionException.class, () -> client.get("k").join());
                assertInstanceOf(MemcacheConnectionException.class, e.getCause());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsSettings.Provider.class, names = {"JDK", "OPENSSL"})
    void versionsAndCipherSuitesAreTheConfiguredOnes(TlsSettings.Provider provider) {
        String suite = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        try (MemcachedServer server = tlsServer(PKI.server());
             MemcacheClient<String> client = client(server, PKI.trusting().protocols("TLSv1.2").ciphers(suite)
                     .provider(provider).build())) {
            assertTrue(client.set("k", 0, "v").join());
        }
        ServerSettings tls13Only = new ServerSettings();
        tls13Only.sslMinVersion = 3;
        try (MemcachedServer server = MemcachedServer.builder().settings(tls13Only).listenAddress("127.0.0.1").port(0)
                .threads(1).tls(PKI.server().certificate(), PKI.server().privateKey()).start();
             MemcacheClient<String> client = client(server, PKI.trusting().protocols("TLSv1.2")
                     .provider(provider).build())) {
            MemcacheTlsException e = refusal(client);
            assertEquals(Reason.NO_COMMON_PROTOCOL, e.reason(), e::getMessage);
        }
    }

    @Test
    void aPlaintextClientOnATlsPortFailsFastSayingSo() {
        try (MemcachedServer server = tlsServer(PKI.server());
             MemcacheClient<String> client = client(server, null)) {
            CompletionException e = assertThrows(CompletionException.class, () -> client.get("k").join());
            MemcacheConnectionException failure = assertInstanceOf(MemcacheConnectionException.class, e.getCause());
            assertTrue(failure.getMessage().contains("before it answered (a TLS port? configure tls on the client)"),
                    failure.getMessage());
        }
    }

    @Test
    void saslAuthenticatesOverTls(@TempDir Path dir) throws Exception {
        ServerSettings settings = new ServerSettings();
        settings.sasl = true;
        settings.bindingProtocol = ServerSettings.Protocol.BINARY;
        settings.saslPasswordFile = Files.writeString(dir.resolve("passwords"), "alice:secret\n").toString();
        try (MemcachedServer server = MemcachedServer.builder().settings(settings).listenAddress("127.0.0.1").port(0)
                .threads(1).tls(PKI.server().certificate(), PKI.server().privateKey()).start();
             MemcacheClient<String> client = MemcacheClient.builder().servers("127.0.0.1:" + server.port())
                     .protocol(Protocol.BINARY).credentials("alice", "secret").operationTimeout(LONG)
                     .tls(PKI.trusting().build()).build()) {
            assertTrue(client.set("k", 0, "v").join());
            assertEquals("v", client.get("k").join());
        }
    }

    @Test
    void trustedCertificatesChangedOnDiskAreReadOnTheNextConnection(@TempDir Path dir) throws Exception {
        TestPki renewedCa = TestPki.create(PKI.dir("renewed"), "Renewed CA");
        Path trust = Files.copy(PKI.ca().certificate(), dir.resolve("trust.pem"));
        try (MemcachedServer server = tlsServer(renewedCa.server("127.0.0.1"));
             MemcacheClient<String> client = client(server, TlsSettings.builder().trustedCertificates(trust).build())) {
            assertEquals(Reason.UNTRUSTED_CERTIFICATE, refusal(client).reason());
            Files.copy(renewedCa.certificate(), trust, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(trust, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            assertTrue(client.awaitConnected(LONG), "reconnected with the renewed trust");
            assertTrue(client.set("k", 0, "v").join());
        }
    }

    @Test
    void anSslContextSupplierIsAskedOnEveryNewConnection() throws Exception {
        TestPki renewedCa = TestPki.create(PKI.dir("supplied"), "Supplied CA");
        AtomicReference<SSLContext> current = new AtomicReference<>(contextTrusting(PKI.ca().certificate()));
        try (MemcachedServer server = tlsServer(renewedCa.server("127.0.0.1"));
             MemcacheClient<String> client = client(server, TlsSettings.fromSslContext(current::get))) {
            assertEquals(Reason.UNTRUSTED_CERTIFICATE, refusal(client).reason());
            current.set(contextTrusting(renewedCa.certificate()));
            assertTrue(client.awaitConnected(LONG), "reconnected with the new context");
            assertTrue(client.set("k", 0, "v").join());
        }
    }

    @Test
    void settingsThatCannotWorkAreRefusedWhenBuilt(@TempDir Path dir) {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.builder().trustedCertificates(dir.resolve("absent.pem")).build());
        assertEquals("trusted certificates file " + dir.resolve("absent.pem") + " does not exist or cannot be read",
                missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsSettings.builder().protocols("TLSv1.1"));
        assertThrows(IllegalArgumentException.class, () -> TlsSettings.builder()
                .sslContext(() -> null).provider(TlsSettings.Provider.OPENSSL).build());
        TlsSettings notCertificates = TlsSettings.builder().trustedCertificates(PKI.client().privateKey()).build();
        IllegalArgumentException unusable = assertThrows(IllegalArgumentException.class,
                () -> MemcacheClient.builder().servers("127.0.0.1:1").tls(notCertificates).build());
        assertTrue(unusable.getMessage().startsWith("cannot set up TLS from"), unusable.getMessage());
    }

    @Test
    void talksTlsToRealMemcached() {
        try (TestServer memcached = TestServer.memcachedTls(PKI.server(), null);
             MemcacheClient<String> client = client(memcached.address(), PKI.trusting().build())) {
            assertTrue(client.set("k", 0, "v").join());
            assertEquals("v", client.get("k").join());
        }
    }

    @Test
    void aPlaintextClientOnRealMemcachedsTlsPortFailsFastToo() {
        try (TestServer memcached = TestServer.memcachedTls(PKI.server(), null);
             MemcacheClient<String> client = client(memcached.address(), null)) {
            CompletionException e = assertThrows(CompletionException.class, () -> client.get("k").join());
            assertInstanceOf(MemcacheConnectionException.class, e.getCause());
        }
    }

    @Test
    void realMemcachedRefusesAClientWithoutItsCertificate() {
        try (TestServer memcached = TestServer.memcachedTls(PKI.server(), PKI.ca().certificate());
             MemcacheClient<String> client = client(memcached.address(), PKI.trusting().protocols("TLSv1.2").build())) {
            assertEquals(Reason.CLIENT_CERTIFICATE_REFUSED, refusal(client).reason());
        }
    }

    private static SSLContext contextTrusting(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var in = Files.newInputStream(caFile)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
