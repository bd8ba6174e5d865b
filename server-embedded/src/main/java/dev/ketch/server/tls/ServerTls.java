package dev.ketch.server.tls;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.config.SslVersions;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.storage.Clock;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of {@code -Z}: makes the {@link SslHandler} of each client accepted on a TLS
 * listener from the certificates loaded at start or by the last {@code refresh_certs}, with the
 * settings of the {@code ssl_*} options, and counts {@code ssl_handshake_errors} and
 * {@code ssl_new_sessions}.
 *
 * <p>Verification modes: 0 asks for no client certificate; 1 asks for one and verifies it when
 * given; 2 and 3 require one. Without {@code ssl_session_cache} each connection gets a TLS
 * context of its own, so nothing can be resumed, as with OpenSSL's cache turned off.
 */
public final class ServerTls {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    /** The largest TLS record's plaintext: a larger {@code ssl_wbuf_size} changes nothing more. */
    private static final int MAX_RECORD_PLAINTEXT = 16 * 1024;

    private final ServerSettings settings;
    private final ServerStats stats;
    private final Clock clock;
    private final String[] protocols;
    private final String[] cipherSuites;
    private volatile TlsMaterial material;

    private ServerTls(ServerSettings settings, ServerStats stats, Clock clock, TlsMaterial material) {
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.material = material;
        SSLContext probe = material.sharedContext();
        String[] supportedProtocols = probe.getSupportedSSLParameters().getProtocols();
        this.protocols = Arrays.stream(SslVersions.jdkProtocolsFrom(settings.sslMinVersion))
                .filter(p -> Arrays.asList(supportedProtocols).contains(p)).toArray(String[]::new);
        if (settings.sslCiphers == null) {
            this.cipherSuites = null;
        } else {
            CipherList.Resolved ciphers = CipherList.resolve(settings.sslCiphers,
                    probe.getSupportedSSLParameters().getCipherSuites());
            if (ciphers.jdkSuites().length == 0) {
                throw new IllegalArgumentException("Error setting the provided cipher(s): " + settings.sslCiphers);
            }
            if (!ciphers.skipped().isEmpty()) {
                LOG.warn("ssl_ciphers: no cipher suite of this JVM matches {}", ciphers.skipped());
            }
            this.cipherSuites = ciphers.jdkSuites();
        }
        stats.sslLastCertRefreshTime = clock.now();
    }

    /**
     * Loads the certificates the settings name.
     *
     * @throws IllegalArgumentException with memcached's message when a file cannot be loaded, the
     *     key does not match the certificate, or no cipher of {@code ssl_ciphers} is usable
     */
    public static ServerTls start(ServerSettings settings, ServerStats stats, Clock clock) {
        try {
            return new ServerTls(settings, stats, clock, TlsMaterial.load(settings));
        } catch (TlsMaterial.LoadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * {@code refresh_certs}: loads the files again; new connections use them, connections
     * already open keep theirs.
     *
     * @return memcached's error message when the files cannot be loaded (the previous
     *     certificates stay in use), empty on success
     */
    public Optional<String> refresh() {
        try {
            TlsMaterial loaded = TlsMaterial.load(settings);
            material = loaded;
            stats.sslLastCertRefreshTime = clock.now();
            return Optional.empty();
        } catch (TlsMaterial.LoadException e) {
            LOG.warn("refresh_certs: {}", e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    /** The TLS handler of a newly accepted client, to go first in its pipeline. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        TlsMaterial current = material;
        SSLContext context = settings.sslSessionCache ? current.sharedContext() : current.isolatedContext();
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(protocols);
        if (cipherSuites != null) {
            engine.setEnabledCipherSuites(cipherSuites);
        }
        if ((settings.sslVerifyMode & ServerSettings.SSL_VERIFY_FAIL_IF_NO_PEER_CERT) != 0) {
            engine.setNeedClientAuth(true);
        } else if ((settings.sslVerifyMode & ServerSettings.SSL_VERIFY_PEER) != 0) {
            engine.setWantClientAuth(true);
        }
        SslHandler handler = new SslHandler(engine);
        handler.setWrapDataSize(Math.max(1, Math.min(settings.sslWbufSize, MAX_RECORD_PLAINTEXT)));
        long accepted = System.currentTimeMillis();
        handler.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                stats.sslHandshakeErrors.increment();
                LOG.debug("TLS handshake failed: {}", f.cause().toString());
            } else if (settings.sslSessionCache && isNewSession(engine.getSession(), accepted)) {
                stats.sslNewSessions.increment();
            }
        });
        return handler;
    }

    /** A resumed session was made by an earlier connection, before this one was accepted. */
    private static boolean isNewSession(SSLSession session, long acceptedMillis) {
        return session.getCreationTime() >= acceptedMillis;
    }

    /** The TLS versions a client may use (for messages and tests). */
    public List<String> protocols() {
        return new ArrayList<>(Arrays.asList(protocols));
    }
}
