package dev.ketch.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.ServerStartException;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.testing.LeakDetectionExtension;
import dev.ketch.server.testing.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The server's {@code -Z}: what a TLS client sees, notls listeners, client certificates, refresh_certs. */
@ExtendWith(LeakDetectionExtension.class)
class ServerTlsTest {

    private static final int TIMEOUT_MS = 10_000;

    @TempDir
    static Path dir;
    private static TestPki ca;
    private static TestPki.Issued server;
    private static TestPki.Issued client;

    @BeforeAll
    static void certificates() {
        ca = TestPki.create(dir.resolve("ca"), "Server test CA");
        server = ca.server("localhost", "127.0.0.1");
        client = ca.client("client.test");
    }

    private static MemcachedServer start(Consumer<ServerSettings> configure) {
        ServerSettings s = new ServerSettings();
        s.port = 0;
        s.listenAddresses.add("127.0.0.1");
        s.numThreads = 2;
        s.sslEnabled = true;
        s.sslChainCert = server.certificate().toString();
        s.sslKey = server.privateKey().toString();
        configure.accept(s);
        return MemcachedServer.start(s);
    }

    @Test
    void servesTheTextProtocolOverTlsWithItsCertificate() throws Exception {
        try (MemcachedServer s = start(x -> { });
             SSLSocket socket = tlsClient(s.port(), null, "TLSv1.3")) {
            assertEquals("STORED", command(socket, "set k 0 0 5\r\nhello"));
            assertEquals("VALUE k 0 5", command(socket, "get k"));
            assertEquals("hello", readLine(socket));
            assertEquals("END", readLine(socket));
            X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(server.x509(), presented);
            Map<String, String> stats = stats(socket, "");
            assertEquals("0", stats.get("ssl_handshake_errors"));
            assertTrue(stats.containsKey("time_since_server_cert_refresh"));
            assertTrue(!stats.containsKey("ssl_new_sessions"), "only with ssl_session_cache, as memcached");
            Map<String, String> settings = stats(socket, " settings");
            assertEquals("yes", settings.get("ssl_enabled"));
            assertEquals(server.certificate().toString(), settings.get("ssl_chain_cert"));
        }
    }

    @Test
    void theBinaryProtocolToo() throws Exception {
        try (MemcachedServer s = start(x -> { });
             SSLSocket socket = tlsClient(s.port(), null, "TLSv1.2")) {
            OutputStream out = socket.getOutputStream();
            byte[] noop = new byte[24];
            noop[0] = (byte) 0x80;
            noop[1] = 0x0a; // NOOP
            out.write(noop);
            out.flush();
            byte[] reply = socket.getInputStream().readNBytes(24);
            assertEquals((byte) 0x81, reply[0]);
            assertEquals(0x0a, reply[1]);
        }
    }

    @Test
    void aPlaintextClientIsClosedAtOnceAndCountedAsAHandshakeError() throws Exception {
        try (MemcachedServer s = start(x -> { })) {
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress("127.0.0.1", s.port()), TIMEOUT_MS);
                plain.setSoTimeout(TIMEOUT_MS);
                plain.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
                plain.getOutputStream().flush();
                byte[] rest = plain.getInputStream().readAllBytes(); // ends when the server closes
                assertTrue(rest.length < 64, "no memcached reply in plaintext, at most a TLS alert");
            }
            try (SSLSocket socket = tlsClient(s.port(), null, "TLSv1.3")) {
                assertEquals("1", stats(socket, "").get("ssl_handshake_errors"));
            }
        }
    }

    @Test
    void notlsListenersStayPlainBesideTlsOnes() throws Exception {
        try (MemcachedServer s = start(x -> {
            x.listenAddresses.clear();
            x.listenAddresses.add("127.0.0.1");
            x.listenAddresses.add("notls:127.0.0.2");
        })) {
            try (SSLSocket socket = tlsClient(s.port(), null, "TLSv1.3")) {
                assertEquals("STORED", command(socket, "set shared 0 0 3\r\nabc"));
            }
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress("127.0.0.2", s.port()), TIMEOUT_MS);
                plain.setSoTimeout(TIMEOUT_MS);
                assertEquals("VALUE shared 0 3", command(plain, "get shared"));
                assertEquals("abc", readLine(plain));
            }
        }
    }

    @Test
    void requiredClientCertificatesAreCheckedAgainstTheCaFile() throws Exception {
        try (MemcachedServer s = start(x -> {
            x.sslCaCert = ca.certificate().toString();
            x.sslVerifyMode = ServerSettings.SSL_VERIFY_PEER | ServerSettings.SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
        })) {
            try (SSLSocket socket = tlsClient(s.port(), client, "TLSv1.3")) {
                assertEquals("STORED", command(socket, "set mtls 0 0 1\r\nx"));
            }
            // without a certificate: refused during the handshake (an alert, or a reset that overtakes it)
            assertThrows(IOException.class, () -> {
                try (SSLSocket socket = tlsClient(s.port(), null, "TLSv1.2")) {
                    command(socket, "version");
                }
            });
            TestPki stranger = TestPki.create(dir.resolve("stranger"), "Stranger CA");
            assertThrows(IOException.class, () -> {
                try (SSLSocket socket = tlsClient(s.port(), stranger.client("intruder"), "TLSv1.2")) {
                    command(socket, "version");
                }
            });
        }
    }

    @Test
    void sslMinVersion3RefusesTls12() throws Exception {
        try (MemcachedServer s = start(x -> x.sslMinVersion = 3)) {
            assertThrows(SSLException.class, () -> tlsClient(s.port(), null, "TLSv1.2").close());
            try (SSLSocket socket = tlsClient(s.port(), null, "TLSv1.3")) {
                assertTrue(command(socket, "version").startsWith("VERSION "));
            }
        }
    }

    @Test
    void sslCiphersTakesOpenSslNamesAndRefusesAListWithNoneUsable() throws Exception {
        try (MemcachedServer s = start(x -> x.sslCiphers = "HIGH:ECDHE-ECDSA-AES256-GCM-SHA384");
             SSLSocket socket = tlsClient(s.port(), null, "TLSv1.2")) {
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", socket.getSession().getCipherSuite());
        }
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> start(x -> x.sslCiphers = "FOO:!aNULL").close());
        assertEquals("Error setting the provided cipher(s): FOO:!aNULL", e.getMessage());
        assertEquals(64, e.exitStatus());
    }

    @Test
    void refreshCertsServesNewFilesToNewConnectionsOnly(@TempDir Path files) throws Exception {
        Path chain = files.resolve("chain.pem");
        Path key = files.resolve("key.pem");
        Files.copy(server.certificate(), chain);
        Files.copy(server.privateKey(), key);
        try (MemcachedServer s = start(x -> {
            x.sslChainCert = chain.toString();
            x.sslKey = key.toString();
        });
             SSLSocket old = tlsClient(s.port(), null, "TLSv1.3")) {
            TestPki.Issued renewed = ca.server("localhost", "127.0.0.1");
            Files.copy(renewed.certificate(), chain, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.privateKey(), key, StandardCopyOption.REPLACE_EXISTING);
            assertEquals("OK", command(old, "refresh_certs"));
            try (SSLSocket fresh = tlsClient(s.port(), null, "TLSv1.3")) {
                assertEquals(renewed.x509(), fresh.getSession().getPeerCertificates()[0]);
            }
            assertEquals(server.x509(), old.getSession().getPeerCertificates()[0]);

            Files.delete(key);
            assertEquals("Error loading the key: " + key + " : No such file or directory", command(old, "refresh_certs"));
            try (SSLSocket fresh = tlsClient(s.port(), null, "TLSv1.3")) {
                assertEquals(renewed.x509(), fresh.getSession().getPeerCertificates()[0], "the last good files stay");
            }
        }
    }

    @Test
    void refreshCertsWithoutTlsSaysSo() throws Exception {
        try (MemcachedServer s = MemcachedServer.builder().port(0).listenAddress("127.0.0.1").threads(1).start();
             Socket plain = new Socket("127.0.0.1", s.port())) {
            plain.setSoTimeout(TIMEOUT_MS);
            assertEquals("Error TLS not enabled", command(plain, "refresh_certs"));
        }
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateStopsTheStartWithMemcachedsMessage() {
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> start(x -> x.sslKey = client.privateKey().toString()).close());
        assertEquals("Error loading the key: " + client.privateKey() + " : key values mismatch", e.getMessage());
        assertEquals(64, e.exitStatus());
        ServerStartException missing = assertThrows(ServerStartException.class,
                () -> start(x -> x.sslChainCert = dir.resolve("absent.pem").toString()).close());
        assertEquals("Error loading the certificate chain: " + dir.resolve("absent.pem")
                + " : No such file or directory", missing.getMessage());
    }

    @Test
    void readsRsaKeysInPkcs1AsOpenSslDoes() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair pair = g.generateKeyPair();
        // PKCS#8 of RSA ends with the PKCS#1 structure; the reader must wrap it back identically.
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - pkcs1Length(pkcs8), pkcs8.length);
        assertEquals(java.util.HexFormat.of().formatHex(pkcs8), java.util.HexFormat.of().formatHex(PemFile.rsaPkcs1ToPkcs8(pkcs1)));
        Path file = dir.resolve("rsa-pkcs1.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                + "-----BEGIN RSA PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n");
        assertEquals(pair.getPrivate(), PemFile.pemPrivateKey(file));
    }

    /** The length of the OCTET STRING's content at the end of a PKCS#8 RSA key (after its header). */
    private static int pkcs1Length(byte[] pkcs8) {
        // 30 82 LL LL 02 01 00 30 0d ...(15 bytes of algorithm) 04 82 LL LL <pkcs1>
        int octetHeader = 4 + 3 + 15;
        return ((pkcs8[octetHeader + 2] & 0xff) << 8) | (pkcs8[octetHeader + 3] & 0xff);
    }

    // ------------------------------------------------------------------ a plain JDK TLS client

    private static SSLSocket tlsClient(int port, TestPki.Issued certificate, String version) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(ca.certificate())));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (certificate != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", PemFile.pemPrivateKey(certificate.privateKey()), new char[0],
                    PemFile.certificates(certificate.certificate()).toArray(new X509Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setEnabledProtocols(new String[] {version});
        socket.startHandshake();
        return socket;
    }

    /** Sends a command and returns the first line of the reply. */
    private static String command(Socket socket, String command) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readLine(socket);
    }

    private static String readLine(Socket socket) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = socket.getInputStream().read()) != -1) {
            if (c == '\n') {
                return b.toString().replaceAll("\r$", "");
            }
            b.append((char) c);
        }
        throw new IOException("connection closed after \"" + b + "\"");
    }

    private static Map<String, String> stats(Socket socket, String group) throws IOException {
        Map<String, String> out = new HashMap<>();
        OutputStream o = socket.getOutputStream();
        o.write(("stats" + group + "\r\n").getBytes(StandardCharsets.US_ASCII));
        o.flush();
        for (String line = readLine(socket); !line.equals("END"); line = readLine(socket)) {
            String[] parts = line.split(" ", 3);
            out.put(parts[1], parts.length > 2 ? parts[2] : "");
        }
        return out;
    }
}
