package dev.ketch.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * TLS for every connection of a client ({@link MemcacheClientBuilder#tls(TlsSettings)}): whom to
 * trust, which certificate to present for mutual TLS, the TLS versions and cipher suites, host
 * name verification and the TLS implementation.
 *
 * <p>Three sources of keys and trust:
 * <ul>
 *   <li>{@link #systemDefaults()}: the JVM's trusted authorities, no client certificate;</li>
 *   <li>PEM files ({@link Builder#trustedCertificates(Path)},
 *       {@link Builder#clientCertificate(Path, Path)}), read again when they change: every new
 *       connection checks their modification times, so renewed certificates are used from the
 *       next reconnect on, without a restart;</li>
 *   <li>a JDK {@link SSLContext} ({@link #fromSslContext(Supplier)}), asked for again on every new
 *       connection, so a supplier that returns a renewed context reloads certificates.</li>
 * </ul>
 *
 * <p>Host name verification is on by default: the server's certificate must name the host as
 * configured in the client's server list (the name ketama hashes, so verification and key
 * placement agree), and that name is sent as SNI. The OpenSSL implementation (BoringSSL through
 * Netty's {@code netty-tcnative-boringssl-static}, an optional dependency) is used when it is on
 * the class path ({@link Provider#AUTO}), the JDK's otherwise.
 */
public final class TlsSettings {

    /** Which TLS implementation connections use. */
    public enum Provider {
        /** OpenSSL when {@code netty-tcnative-boringssl-static} is on the class path, the JDK's otherwise. */
        AUTO,
        /** The JDK's {@code SSLEngine}. */
        JDK,
        /** BoringSSL through Netty's tcnative; {@link Builder#build()} fails when it is not available. */
        OPENSSL
    }

    private static final Set<String> VERSIONS = Set.of("TLSv1.2", "TLSv1.3");

    private final Path trustedCertificates;
    private final Path certificateChain;
    private final Path privateKey;
    private final String keyPassword;
    private final Supplier<SSLContext> sslContext;
    private final List<String> protocols;
    private final List<String> ciphers;
    private final boolean hostnameVerification;
    private final String verifiedHostName;
    private final Provider provider;

    private TlsSettings(Builder b) {
        this.trustedCertificates = b.trustedCertificates;
        this.certificateChain = b.certificateChain;
        this.privateKey = b.privateKey;
        this.keyPassword = b.keyPassword;
        this.sslContext = b.sslContext;
        this.protocols = List.copyOf(b.protocols);
        this.ciphers = b.ciphers == null ? null : List.copyOf(b.ciphers);
        this.hostnameVerification = b.hostnameVerification;
        this.verifiedHostName = b.verifiedHostName;
        this.provider = b.provider;
    }

    /** TLS trusting the JVM's default authorities, without a client certificate. */
    public static TlsSettings systemDefaults() {
        return builder().build();
    }

    /** TLS with this JDK context's keys and trust (the JDK provider). */
    public static TlsSettings fromSslContext(SSLContext context) {
        Objects.requireNonNull(context, "context");
        return builder().sslContext(() -> context).build();
    }

    /**
     * TLS with the JDK contexts {@code contexts} supplies: asked on every new connection, so a
     * renewed context is used from the next reconnect on.
     */
    public static TlsSettings fromSslContext(Supplier<SSLContext> contexts) {
        return builder().sslContext(contexts).build();
    }

    /** A builder starting from the defaults: system trust, TLS 1.3 and 1.2, host names verified. */
    public static Builder builder() {
        return new Builder();
    }

    /** The PEM file of trusted authorities, or null for the JVM's defaults (or the SSLContext's). */
    public Path trustedCertificates() {
        return trustedCertificates;
    }

    /** The client certificate chain (PEM) for mutual TLS, or null. */
    public Path certificateChain() {
        return certificateChain;
    }

    /** The client's private key (PKCS#8 PEM) for mutual TLS, or null. */
    public Path privateKey() {
        return privateKey;
    }

    /** The private key's password, or null when it is not encrypted. */
    public String keyPassword() {
        return keyPassword;
    }

    /** The supplier of JDK contexts, or null when keys and trust come from files or defaults. */
    public Supplier<SSLContext> sslContext() {
        return sslContext;
    }

    /** The TLS versions offered, e.g. {@code [TLSv1.3, TLSv1.2]}. */
    public List<String> protocols() {
        return protocols;
    }

    /** The cipher suites offered (JDK names), or null for the implementation's defaults. */
    public List<String> ciphers() {
        return ciphers;
    }

    /** Whether the server's certificate must name the configured host. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /**
     * The one name every server's certificate is verified against and sent as SNI, or null for
     * each server's configured host.
     */
    public String verifiedHostName() {
        return verifiedHostName;
    }

    /** The TLS implementation asked for. */
    public Provider provider() {
        return provider;
    }

    @Override
    public String toString() {
        return "TlsSettings[" + (sslContext != null ? "SSLContext supplier" : "trust="
                + (trustedCertificates == null ? "system" : trustedCertificates)
                + (certificateChain == null ? "" : ", client certificate=" + certificateChain))
                + ", protocols=" + protocols + ", hostnameVerification=" + hostnameVerification
                + ", provider=" + provider + "]";
    }

    /** Builds {@link TlsSettings}; {@link #build()} checks the files exist. */
    public static final class Builder {
        private Path trustedCertificates;
        private Path certificateChain;
        private Path privateKey;
        private String keyPassword;
        private Supplier<SSLContext> sslContext;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private List<String> ciphers;
        private boolean hostnameVerification = true;
        private String verifiedHostName;
        private Provider provider = Provider.AUTO;

        private Builder() {
        }

        /** Trusts the authorities in this PEM file (and no others) instead of the JVM's defaults. */
        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        /**
         * Mutual TLS: presents this certificate (then its chain) with this private key, both PEM;
         * the key in PKCS#8 ({@code BEGIN PRIVATE KEY}; {@code openssl pkcs8 -topk8 -nocrypt}
         * converts others).
         */
        public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem) {
            return clientCertificate(certificateChainPem, privateKeyPem, null);
        }

        /** Like {@link #clientCertificate(Path, Path)} with an encrypted PKCS#8 key and its password. */
        public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem, String keyPassword) {
            this.certificateChain = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            this.privateKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            this.keyPassword = keyPassword;
            return this;
        }

        /**
         * Takes keys and trust from the JDK contexts this supplier gives, asked on every new
         * connection (not combinable with the PEM files, nor with {@link Provider#OPENSSL}).
         */
        public Builder sslContext(Supplier<SSLContext> contexts) {
            this.sslContext = Objects.requireNonNull(contexts, "contexts");
            return this;
        }

        /** The TLS versions to offer: {@code TLSv1.3} and/or {@code TLSv1.2} (default: both). */
        public Builder protocols(String... versions) {
            if (versions.length == 0) {
                throw new IllegalArgumentException("at least one TLS version is needed (TLSv1.3, TLSv1.2)");
            }
            for (String v : versions) {
                if (!VERSIONS.contains(v)) {
                    throw new IllegalArgumentException("unsupported TLS version \"" + v
                            + "\": use TLSv1.3 and/or TLSv1.2");
                }
            }
            this.protocols = List.of(versions);
            return this;
        }

        /** The cipher suites to offer, by their standard (JDK) names; default: the implementation's. */
        public Builder ciphers(String... suites) {
            if (suites.length == 0) {
                throw new IllegalArgumentException("at least one cipher suite is needed");
            }
            this.ciphers = new ArrayList<>(List.of(suites));
            return this;
        }

        /**
         * Whether the server's certificate must name the configured host (default: true). Turning
         * it off accepts any certificate from a trusted authority, which lets anyone holding one
         * pose as the server.
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * Verifies every server's certificate against this one name (and sends it as SNI)
         * instead of each server's configured host: for servers listed by IP address behind one
         * certificate, as a managed service's discovery may list them.
         */
        public Builder verifiedHostName(String hostName) {
            if (hostName == null || hostName.isBlank()) {
                throw new IllegalArgumentException("the host name to verify must not be empty");
            }
            this.verifiedHostName = hostName;
            return this;
        }

        /** The TLS implementation (default {@link Provider#AUTO}). */
        public Builder provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException if a file does not exist or cannot be read, or a JDK
         *     context is combined with files or with {@link Provider#OPENSSL}
         */
        public TlsSettings build() {
            if (sslContext != null && (trustedCertificates != null || certificateChain != null)) {
                throw new IllegalArgumentException("an SSLContext carries its own keys and trust: give either it or"
                        + " PEM files, not both");
            }
            if (sslContext != null && provider == Provider.OPENSSL) {
                throw new IllegalArgumentException("a JDK SSLContext can only be used with the JDK provider");
            }
            readable(trustedCertificates, "trusted certificates");
            readable(certificateChain, "client certificate chain");
            readable(privateKey, "client private key");
            return new TlsSettings(this);
        }

        private static void readable(Path file, String what) {
            if (file != null && !Files.isReadable(file)) {
                throw new IllegalArgumentException(what + " file " + file + " does not exist or cannot be read");
            }
        }
    }
}
