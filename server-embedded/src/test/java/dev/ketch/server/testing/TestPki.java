package dev.ketch.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority made at test time (BouncyCastle builds the certificates):
 * server and client certificates it issues, an expired one, and PEM files of each in a directory
 * of the test's. Nothing here is committed key material; every run makes new keys (EC P-256).
 *
 * <pre>{@code
 * TestPki ca = TestPki.create(tempDir, "Test CA");
 * TestPki.Issued server = ca.server("localhost", "127.0.0.1");
 * // server.certificate(), server.privateKey(): PEM files; ca.certificate(): the CA's PEM file
 * }</pre>
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final Path dir;
    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Path certificateFile;

    /** A certificate (PEM, then the issuing CA's certificate) and its private key (PKCS#8 PEM). */
    public record Issued(Path certificate, Path privateKey, X509Certificate x509) {
    }

    private TestPki(Path dir, String name) throws GeneralSecurityException, IOException {
        this.dir = dir;
        this.name = name;
        this.keys = newKeys();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name + ",O=Ketch tests");
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        this.certificate = sign(b, keys.getPrivate());
        this.certificateFile = write(fileName("ca") + ".crt", pem("CERTIFICATE", certificate.getEncoded()));
    }

    /** A new authority named {@code name}; its files go into {@code dir}. */
    public static TestPki create(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            return new TestPki(dir, name);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a test CA", e);
        }
    }

    /** The authority's certificate, PEM. */
    public Path certificate() {
        return certificateFile;
    }

    /** A server certificate valid now for the given DNS names and IP addresses. */
    public Issued server(String... names) {
        return issue("server-" + String.join("-", names), names, false, false);
    }

    /** A server certificate for these names whose validity ended an hour ago. */
    public Issued expiredServer(String... names) {
        return issue("expired-" + String.join("-", names), names, false, true);
    }

    /** A client certificate (for mutual TLS) with this common name. */
    public Issued client(String commonName) {
        return issue("client-" + commonName, new String[] {commonName}, true, false);
    }

    private Issued issue(String label, String[] names, boolean client, boolean expired) {
        try {
            KeyPair pair = newKeys();
            Instant now = Instant.now();
            Instant notBefore = expired ? now.minus(Duration.ofDays(3)) : now.minus(Duration.ofHours(1));
            Instant notAfter = expired ? now.minus(Duration.ofHours(1)) : now.plus(VALIDITY);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(notBefore),
                    Date.from(notAfter), new X500Name("CN=" + names[0] + ",O=Ketch tests"), pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(client ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            List<GeneralName> alt = new ArrayList<>();
            for (String n : names) {
                alt.add(new GeneralName(isIpAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
            X509Certificate issued = sign(b, keys.getPrivate());
            String base = fileName(label);
            Path cert = write(base + ".crt", pem("CERTIFICATE", issued.getEncoded())
                    + pem("CERTIFICATE", certificate.getEncoded()));
            Path key = write(base + ".key", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return new Issued(cert, key, issued);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    private static boolean isIpAddress(String n) {
        return n.matches("[0-9.]+") || n.contains(":");
    }

    private String fileName(String label) {
        return (name + "-" + label).replaceAll("[^A-Za-z0-9.-]", "_");
    }

    private Path write(String file, String content) throws IOException {
        Path p = dir.resolve(file);
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Reads a whole file (for assertions on what was written). */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
