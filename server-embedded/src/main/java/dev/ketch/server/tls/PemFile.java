package dev.ketch.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and a private key read from a file as OpenSSL's {@code SSL_CTX_use_*_file}
 * functions read them: a PEM file may hold certificates and keys in any order, each reader takes
 * the blocks it wants and skips the others. Private keys: PKCS#8 ({@code BEGIN PRIVATE KEY}) or
 * RSA PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), unencrypted; in DER for {@code ssl_keyformat=2}.
 */
final class PemFile {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA", "XDH"};
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, in DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private record Block(String type, byte[] der, boolean encrypted) {
    }

    private PemFile() {
    }

    /** Every certificate of a PEM file, in file order; fails when there is none. */
    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks(file)) {
            if (b.type.equals("CERTIFICATE") || b.type.equals("TRUSTED CERTIFICATE")
                    || b.type.equals("X509 CERTIFICATE")) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der)));
            }
        }
        if (out.isEmpty()) {
            throw new CertificateException("no certificate in the file");
        }
        return out;
    }

    /** The first private key of a PEM file. */
    static PrivateKey pemPrivateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block b : blocks(file)) {
            if (b.type.equals("PRIVATE KEY") || b.type.equals("RSA PRIVATE KEY")) {
                if (b.encrypted) {
                    throw new GeneralSecurityException("encrypted private keys are not supported");
                }
                return b.type.equals("PRIVATE KEY") ? pkcs8(b.der) : pkcs8(rsaPkcs1ToPkcs8(b.der));
            }
            if (b.type.equals("ENCRYPTED PRIVATE KEY")) {
                throw new GeneralSecurityException("encrypted private keys are not supported");
            }
            if (b.type.endsWith("PRIVATE KEY")) {
                throw new GeneralSecurityException(b.type + " is not supported: convert it to PKCS#8"
                        + " (openssl pkcs8 -topk8 -nocrypt)");
            }
        }
        throw new GeneralSecurityException("no private key in the file");
    }

    /** A DER private key: PKCS#8, or an RSA key in PKCS#1. */
    static PrivateKey derPrivateKey(Path file) throws IOException, GeneralSecurityException {
        byte[] der = Files.readAllBytes(file);
        try {
            return pkcs8(der);
        } catch (GeneralSecurityException notPkcs8) {
            return pkcs8(rsaPkcs1ToPkcs8(der));
        }
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            if (encrypted) {
                out.add(new Block(m.group(1), new byte[0], true));
                continue;
            }
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body), false));
            } catch (IllegalArgumentException e) {
                throw new IOException("malformed PEM block " + m.group(1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("not a private key this JVM can read", last);
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }. */
    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
        System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
        return tlv(0x30, body);
    }

    /** A DER tag, definite length and value. */
    private static byte[] tlv(int tag, byte[] value) {
        int n = value.length;
        byte[] length;
        if (n < 0x80) {
            length = new byte[] {(byte) n};
        } else if (n < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(value, 0, out, 1 + length.length, n);
        return out;
    }
}
