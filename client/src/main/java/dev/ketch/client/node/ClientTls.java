package dev.ketch.client.node;

import dev.ketch.client.TlsSettings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@link SslHandler} of each new connection from a client's {@link TlsSettings}: the
 * Netty context is built once and built again when the PEM files change or the
 * {@code SSLContext} supplier returns another context, so certificates renewed on disk are used
 * from the next reconnect on.
 */
public final class ClientTls {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTls.class);
    private static final String VERIFY_HOST_NAMES = "HTTPS";

    private final TlsSettings settings;
    private final SslProvider provider;
    private final Object lock = new Object();
    private SslContext context;
    private Object contextSource;

    /**
     * Checks the settings can be used here and builds the first context.
     *
     * @throws IllegalArgumentException if the files cannot be read as certificates and keys, or
     *     the OpenSSL provider was asked for and is not available
     */
    public ClientTls(TlsSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.provider = provider(settings);
        try {
            current();
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException("cannot set up TLS from " + settings + ": " + e.getMessage(), e);
        }
    }

    /** The TLS implementation connections use: "OpenSSL" (BoringSSL) or "JDK". */
    public String providerName() {
        return provider == SslProvider.JDK ? "JDK" : "OpenSSL";
    }

    private static SslProvider provider(TlsSettings s) {
        return switch (s.provider()) {
            case JDK -> SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    Throwable why = OpenSsl.unavailabilityCause();
                    throw new IllegalArgumentException("the OpenSSL TLS provider is not available: add"
                            + " io.netty:netty-tcnative-boringssl-static to the class path"
                            + (why == null ? "" : " (" + why + ")"));
                }
                yield SslProvider.OPENSSL;
            }
            case AUTO -> s.sslContext() == null && OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    /**
     * A handler for a connection to {@code host:port} (verified against
     * {@link TlsSettings#verifiedHostName()} when set); the handshake starts when the channel
     * becomes active and must end within {@code handshakeTimeoutMillis}.
     */
    public SslHandler newHandler(ByteBufAllocator alloc, String host, int port, long handshakeTimeoutMillis)
            throws SSLException {
        SslHandler handler = current().newHandler(alloc, verifiedName(host), port);
        SSLEngine engine = handler.engine();
        if (settings.hostnameVerification()) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(VERIFY_HOST_NAMES);
            engine.setSSLParameters(parameters);
        }
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    /** The name a server listed as {@code host} is verified against and sent as SNI. */
    public String verifiedName(String host) {
        return settings.verifiedHostName() != null ? settings.verifiedHostName() : host;
    }

    private SslContext current() throws SSLException {
        Object source = source();
        synchronized (lock) {
            if (context == null || !source.equals(contextSource)) {
                try {
                    context = build(source);
                    contextSource = source;
                } catch (SSLException | RuntimeException e) {
                    if (context == null) {
                        throw e;
                    }
                    LOG.warn("TLS certificates changed but cannot be loaded, keeping the previous ones: {}",
                            e.toString());
                }
            }
            return context;
        }
    }

    /** What the context is built from: the supplied SSLContext, or the files and their modification times. */
    private Object source() {
        if (settings.sslContext() != null) {
            SSLContext supplied = settings.sslContext().get();
            if (supplied == null) {
                throw new IllegalStateException("the SSLContext supplier returned null");
            }
            return new Identity(supplied);
        }
        return List.of(stamp(settings.trustedCertificates()), stamp(settings.certificateChain()),
                stamp(settings.privateKey()));
    }

    private SslContext build(Object source) throws SSLException {
        if (source instanceof Identity supplied) {
            return new JdkSslContext((SSLContext) supplied.object, true, settings.ciphers(),
                    IdentityCipherSuiteFilter.INSTANCE, null, ClientAuth.NONE,
                    settings.protocols().toArray(String[]::new), false);
        }
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(settings.protocols());
        if (settings.hostnameVerification()) {
            b.endpointIdentificationAlgorithm(VERIFY_HOST_NAMES);
        } else {
            b.endpointIdentificationAlgorithm(null);
        }
        if (settings.ciphers() != null) {
            b.ciphers(settings.ciphers());
        }
        if (settings.trustedCertificates() != null) {
            b.trustManager(settings.trustedCertificates().toFile());
        }
        if (settings.certificateChain() != null) {
            b.keyManager(settings.certificateChain().toFile(), settings.privateKey().toFile(), settings.keyPassword());
        }
        return b.build();
    }

    private static String stamp(Path file) {
        if (file == null) {
            return "";
        }
        try {
            return file + "@" + Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return file + "@unreadable";
        }
    }

    /** Equal only to itself: a supplier returning the same context keeps the built one. */
    private record Identity(Object object) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity i && i.object == object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }
    }
}
