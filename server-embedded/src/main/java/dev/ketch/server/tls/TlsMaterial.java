package dev.ketch.server.tls;

import dev.ketch.server.config.ServerSettings;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's certificate chain, private key and the CAs client certificates are checked
 * against, loaded from the files of {@code ssl_chain_cert}, {@code ssl_key} and
 * {@code ssl_ca_cert} in the order and with the messages of memcached's
 * {@code load_server_certificates}.
 */
final class TlsMaterial {

    private static final char[] NO_PASSWORD = new char[0];
    private static final byte[] PROBE = "ketch certificate and key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;
    private final SSLContext shared;

    private TlsMaterial(KeyManager[] keyManagers, TrustManager[] trustManagers) throws GeneralSecurityException {
        this.keyManagers = keyManagers;
        this.trustManagers = trustManagers;
        this.shared = newContext();
    }

    /** Why the files could not be loaded, worded as memcached words it. */
    static final class LoadException extends Exception {
        LoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static TlsMaterial load(ServerSettings s) throws LoadException {
        List<X509Certificate> chain;
        try {
            chain = PemFile.certificates(path(s.sslChainCert));
        } catch (Exception e) {
            throw new LoadException("Error loading the certificate chain: " + s.sslChainCert + " : " + reason(e), e);
        }
        String keyFile = s.sslKey != null ? s.sslKey : s.sslChainCert;
        PrivateKey key;
        try {
            key = s.sslKeyFormat == ServerSettings.SSL_FILETYPE_ASN1
                    ? PemFile.derPrivateKey(path(keyFile))
                    : keyFormatChecked(s.sslKeyFormat, keyFile);
            checkKeyMatches(key, chain.get(0)); // OpenSSL checks this as it loads the key
        } catch (Exception e) {
            throw new LoadException("Error loading the key: " + keyFile + " : " + reason(e), e);
        }
        List<X509Certificate> authorities = List.of();
        if (s.sslCaCert != null) {
            try {
                authorities = PemFile.certificates(path(s.sslCaCert));
            } catch (Exception e) {
                throw new LoadException("Error loading the CA certificate: " + s.sslCaCert + " : " + reason(e), e);
            }
        }
        try {
            return new TlsMaterial(keyManagers(key, chain), trustManagers(authorities));
        } catch (GeneralSecurityException e) {
            throw new LoadException("Error loading the certificate chain: " + s.sslChainCert + " : " + reason(e), e);
        }
    }

    /** One context for every connection: its session cache lets clients resume. */
    SSLContext sharedContext() {
        return shared;
    }

    /**
     * A context of its own for one connection: no other connection's session can be resumed on
     * it, neither from a session id nor from a ticket (the JDK keeps both per context).
     */
    SSLContext isolatedContext() {
        try {
            return newContext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a TLS context that was made once could not be made again", e);
        }
    }

    private SSLContext newContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers, null);
        return context;
    }

    private static PrivateKey keyFormatChecked(int format, String keyFile) throws Exception {
        if (format != ServerSettings.SSL_FILETYPE_PEM) {
            throw new GeneralSecurityException("unsupported key format " + format + " (1 PEM, 2 DER)");
        }
        return PemFile.pemPrivateKey(path(keyFile));
    }

    private static Path path(String file) throws java.io.FileNotFoundException {
        if (file == null) {
            throw new java.io.FileNotFoundException("no file given");
        }
        return Path.of(file);
    }

    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm().equals("EdDSA") ? "EdDSA" : key.getAlgorithm();
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null) {
            return; // nothing to sign with (RSASSA-PSS needs parameters); the handshake will tell
        }
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(PROBE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(PROBE);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("key values mismatch");
        }
    }

    private static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setKeyEntry("server", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(List<X509Certificate> authorities) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        int i = 0;
        for (X509Certificate ca : authorities) {
            store.setCertificateEntry("ca-" + i++, ca);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
