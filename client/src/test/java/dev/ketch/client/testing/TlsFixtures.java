package dev.ketch.client.testing;

import dev.ketch.client.TlsSettings;
import dev.ketch.server.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One test certificate authority per test JVM (made at first use, its files removed when the JVM
 * exits): a server certificate for 127.0.0.1 and localhost, and a client certificate.
 */
public final class TlsFixtures {

    private static TlsFixtures instance;

    private final Path dir;
    private final TestPki ca;
    private final TestPki.Issued server;
    private final TestPki.Issued client;

    private TlsFixtures() throws IOException {
        dir = Files.createTempDirectory("ketch-tls-tests");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        ca = TestPki.create(dir.resolve("ca"), "Ketch client tests CA");
        server = ca.server("localhost", "127.0.0.1");
        client = ca.client("ketch-client");
    }

    public static synchronized TlsFixtures get() {
        if (instance == null) {
            try {
                instance = new TlsFixtures();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** A directory for a test's own certificates (removed with the others). */
    public Path dir(String name) {
        return dir.resolve(name);
    }

    public TestPki ca() {
        return ca;
    }

    public TestPki.Issued server() {
        return server;
    }

    public TestPki.Issued client() {
        return client;
    }

    /** Client settings trusting this CA only. */
    public TlsSettings.Builder trusting() {
        return TlsSettings.builder().trustedCertificates(ca.certificate());
    }

    /** Client settings trusting this CA and presenting the client certificate. */
    public TlsSettings.Builder mutual() {
        return trusting().clientCertificate(client.certificate(), client.privateKey());
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
