package dev.ketch.server;

import dev.ketch.server.auth.AuthFile;
import dev.ketch.server.auth.AuthFileException;
import dev.ketch.server.config.ExitStatus;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.engine.Cache;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.protocol.ProtocolHandlers;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.protocol.binary.BinaryProtocolHandler;
import dev.ketch.server.protocol.text.TextProtocolHandler;
import dev.ketch.server.sasl.PasswordFile;
import dev.ketch.server.sasl.SaslAuthenticator;
import dev.ketch.server.stats.PrefixStats;
import dev.ketch.server.stats.SettingsStats;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.stats.StatsReport;
import dev.ketch.server.stats.StatsSink;
import dev.ketch.server.storage.Clock;
import dev.ketch.server.tls.ServerTls;
import dev.ketch.server.transport.Connection;
import dev.ketch.server.transport.ConnectionRegistry;
import dev.ketch.server.transport.DatagramProtocols;
import dev.ketch.server.transport.ListenFailure;
import dev.ketch.server.transport.ListeningSocket;
import dev.ketch.server.transport.Transports;
import java.io.IOException;
import io.netty.channel.ChannelHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable memcached 1.6.18 server speaking memcached's text (with its meta commands) and
 * binary protocols over TCP, UDP ({@code -U}) and unix domain sockets ({@code -s}) ({@code -B auto}
 * by default: each connection's first byte picks one), with the binary protocol's SASL
 * authentication ({@code -S}) and the text protocol's authentication ({@code -Y}), and TLS
 * ({@code -Z} with the {@code ssl_*} settings; {@link Builder#tls(Path, Path)}).
 *
 * <p>It owns everything it starts: the clock, the cache engine and its background thread, the
 * statistics and the network event loops. {@link #close()} stops all of them and frees the item
 * memory.
 *
 * <pre>{@code
 * try (MemcachedServer server = MemcachedServer.builder()
 *         .port(0)                // any free port
 *         .listenAddress("127.0.0.1")
 *         .memoryLimitMb(64)
 *         .start()) {
 *     int port = server.port();   // connect a memcached client to 127.0.0.1:port
 * }
 * }</pre>
 *
 * <p>{@link #start(ServerSettings)} takes memcached's full settings (as the command line fills
 * them in).
 */
public final class MemcachedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemcachedServer.class);

    private final ServerSettings settings;
    private final Clock clock;
    private final Cache cache;
    private final ServerStats stats;
    private final StatsReport report;
    private final AuthFile asciiAuth;
    private final Transports transport;
    private final ClusterConfig clusterConfig;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;
    private boolean graceful;

    private MemcachedServer(ServerSettings settings, Runnable beforeListening) {
        this.settings = settings;
        this.clock = new Clock();
        this.stats = new ServerStats();
        try {
            this.asciiAuth = settings.authFile == null ? null : AuthFile.load(Path.of(settings.authFile));
        } catch (AuthFileException e) {
            throw new ServerStartException(e.getMessage(), ExitStatus.FAILURE, e);
        }
        ServerTls tls;
        try {
            tls = settings.sslEnabled ? ServerTls.start(settings, stats, clock) : null;
        } catch (IllegalArgumentException e) {
            throw new ServerStartException(e.getMessage(), ExitStatus.USAGE, e);
        }
        EventLog log = new EventLog(settings.loggerWatcherBufSize, new Verbose(settings, System.err));
        ConnectionRegistry registry = new ConnectionRegistry(settings, stats, clock, log);
        // The sockets are bound while the cache is built: both take a while in a fresh JVM. A
        // connection accepted meanwhile waits (on its event loop) for the protocol handlers. With
        // -vv they are made one after the other, so that the lines come out in memcached's order.
        CompletableFuture<ServerContext> ready = new CompletableFuture<>();
        CompletableFuture<Function<Connection, ChannelHandler>> handlers = ready.thenApply(ProtocolHandlers::forServer);
        // memcached picks the protocol of each UDP request by its first byte, whatever -B says
        DatagramProtocols udp = new DatagramProtocols(
                connection -> new TextProtocolHandler(ready.join(), connection),
                connection -> new BinaryProtocolHandler(ready.join(), connection));
        Function<Connection, ChannelHandler> stream = connection -> handlers.join().apply(connection);
        CompletableFuture<Transports> bound = new CompletableFuture<>();
        Runnable bind = () -> {
            try {
                bound.complete(Transports.start(settings, stats, clock, registry, stream, udp, tls, beforeListening));
            } catch (IOException | RuntimeException e) {
                bound.completeExceptionally(e);
            }
        };
        boolean sequential = settings.verbose >= Verbose.COMMANDS;
        if (!sequential) {
            Thread binder = new Thread(bind, "ketch-bind");
            binder.setDaemon(true);
            binder.start();
        }
        Cache built;
        try {
            built = new Cache(settings, clock, log);
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
            bound.thenAccept(Transports::close);
            throw e;
        }
        this.cache = built;
        this.report = new StatsReport(cache, stats);
        ServerContext context = new ServerContext(settings, clock, cache, stats, report,
                new PrefixStats(settings.prefixDelimiter), this::settingsStats, registry::stats,
                this::shutdownInBackground, saslAuthenticator(settings));
        if (asciiAuth != null) {
            context.requireAsciiAuth(asciiAuth);
        }
        if (tls != null) {
            context.certificateRefresh(tls::refresh);
        }
        this.clusterConfig = context.clusterConfig();
        report.connectionMemory(context::connectionMemoryStats);
        ready.complete(context);
        if (sequential) {
            bind.run();
        }
        try {
            this.transport = bound.join();
        } catch (CompletionException e) {
            cache.close();
            Throwable cause = e.getCause();
            if (cause instanceof ListenFailure f) {
                throw new ServerStartException(f.memcachedMessage(settings), f);
            }
            throw new ServerStartException(cause.getMessage(), cause);
        }
    }

    /**
     * Starts a server with the given settings (copied: later changes to {@code settings} are not
     * seen).
     *
     * @throws ServerStartException if a listening address cannot be bound, the {@code -Y} file
     *     cannot be read, or settings contradict each other
     */
    public static MemcachedServer start(ServerSettings settings) {
        return start(settings, () -> { });
    }

    /**
     * Like {@link #start(ServerSettings)}, running {@code beforeListening} on the thread that binds,
     * before the first socket listens (the launcher installs its signal handlers meanwhile).
     */
    static MemcachedServer start(ServerSettings settings, Runnable beforeListening) {
        ServerSettings s = Objects.requireNonNull(settings, "settings").copy();
        if (s.sasl && s.bindingProtocol != ServerSettings.Protocol.BINARY) {
            // text connections would bypass authentication (memcached's command line refuses this too)
            throw new ServerStartException("SASL authentication needs the binary protocol only (-B binary)");
        }
        if (s.sasl && s.udpPort != 0) {
            throw new ServerStartException("Cannot enable UDP while using binary SASL authentication",
                    ExitStatus.USAGE, null);
        }
        if (s.authFile != null && s.bindingProtocol == ServerSettings.Protocol.AUTO) {
            s.bindingProtocol = ServerSettings.Protocol.ASCII; // as memcached's -Y without -B
        }
        if (s.authFile != null && s.bindingProtocol != ServerSettings.Protocol.ASCII) {
            // binary connections would bypass authentication (memcached's command line refuses this too)
            throw new ServerStartException("You cannot allow the BINARY protocol while using ascii authentication tokens",
                    ExitStatus.USAGE, null);
        }
        if (s.authFile != null && s.udpPort != 0 && s.socketPath == null) {
            throw new ServerStartException("Cannot use UDP with ascii authentication enabled (-U 0 to disable)",
                    ExitStatus.USAGE, null);
        }
        if (s.numThreads < 1) {
            throw new ServerStartException("number of threads must be greater than 0");
        }
        return new MemcachedServer(s, beforeListening);
    }

    /**
     * {@code -S}: SASL against the password file, by default the one {@code MEMCACHED_SASL_PWDB}
     * names (as memcached built with its password database reads it). Without one, no user can
     * authenticate.
     */
    private static SaslAuthenticator saslAuthenticator(ServerSettings settings) {
        if (!settings.sasl) {
            return null;
        }
        String file = settings.saslPasswordFile != null ? settings.saslPasswordFile : System.getenv("MEMCACHED_SASL_PWDB");
        if (file == null || file.isEmpty()) {
            LOG.warn("SASL is on but MEMCACHED_SASL_PWDB names no password file: every authentication will fail");
            file = "/dev/null";
        }
        return new SaslAuthenticator(new PasswordFile(Path.of(file)));
    }

    /** {@code stats settings}: the settings as configured plus the values commands change. */
    private void settingsStats(StatsSink sink) {
        SettingsStats.write(settings, new SettingsStats.Runtime(settings.verbose, cache.oldestLive(), cache.sizesTracked()), sink);
    }

    /** A builder for the common settings; {@link #start(ServerSettings)} takes all of them. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The TCP port the server listens on (the chosen one when started with port 0), or 0 when it
     * has no TCP listener ({@code -s}, or memcached's {@code -p 0}).
     */
    public int port() {
        return transport.tcpPort();
    }

    /** The UDP port the server serves (the chosen one when started with -1), or 0 without UDP. */
    public int udpPort() {
        return transport.udpPort();
    }

    /**
     * Every socket the server listens on, in the order memcached opens them: TCP, then UDP, or the
     * unix domain socket alone.
     */
    public List<ListeningSocket> listeningSockets() {
        return transport.listeningSockets();
    }

    /**
     * What memcached does on SIGHUP: reads the {@code -Y} file again (a file that cannot be read
     * leaves the previous users in place). Does nothing without {@code -Y}.
     */
    public void reload() {
        if (asciiAuth != null) {
            asciiAuth.reload();
        }
    }

    /** The server's live settings (protocol commands such as {@code verbosity} change some). */
    public ServerSettings settings() {
        return settings;
    }

    /**
     * The cluster configuration this server serves as a configuration endpoint; the {@code config}
     * commands are refused (memcached's {@code ERROR}) unless
     * {@link ServerSettings#clusterConfigCommand} is on.
     */
    public ClusterConfig clusterConfig() {
        return clusterConfig;
    }

    /** The cache engine, e.g. to inspect it from tests. */
    public Cache cache() {
        return cache;
    }

    /** Connection and traffic counters. */
    public ServerStats stats() {
        return stats;
    }

    /** Blocks until the server is closed ({@link #close()} or the {@code shutdown} command). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Whether the server has been closed ({@link #close()} or the {@code shutdown} command). */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /**
     * Stops listening, closes every connection, stops every thread the server started and frees
     * all item memory. Idempotent; must not be called from one of the server's own threads.
     */
    @Override
    public void close() {
        close(false);
    }

    /**
     * What memcached does on SIGUSR1 or {@code shutdown graceful}: like {@link #close()}, but with
     * {@code -e} the items are first saved to the memory file for the next start.
     */
    public void closeGracefully() {
        close(true);
    }

    /** Whether the server stopped gracefully ({@link #closeGracefully()} or {@code shutdown graceful}). */
    public boolean closedGracefully() {
        synchronized (this) {
            return closing && graceful;
        }
    }

    private void close(boolean graceful) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            this.graceful = graceful;
        }
        try {
            transport.close();
        } finally {
            cache.close(graceful);
            closed.countDown();
        }
    }

    /** {@code shutdown}: memcached stops on a signal; the connection's thread must not wait for it. */
    private void shutdownInBackground(ServerContext.ShutdownMode mode) {
        Thread t = new Thread(() -> {
            LOG.info("shutdown requested by a client");
            close(mode == ServerContext.ShutdownMode.GRACEFUL);
        }, "ketch-shutdown");
        t.start();
    }

    /** Builds a server from memcached's defaults with a few common settings changed. */
    public static final class Builder {

        private ServerSettings base = new ServerSettings();
        private Integer port;
        private Integer udpPort;
        private String unixSocket;
        private final List<String> listenAddresses = new ArrayList<>();
        private Long memoryLimitMb;
        private Integer threads;
        private Integer maxItemSize;
        private Path tlsChain;
        private Path tlsKey;
        private Path tlsClientAuthorities;

        private Builder() {
        }

        /**
         * Serves TLS ({@code -Z}) on every TCP listener with this certificate (then its chain) and
         * private key, both PEM ({@code -o ssl_chain_cert=...,ssl_key=...}); the key may be PKCS#8
         * or RSA PKCS#1 and may sit in the chain's file.
         */
        public Builder tls(Path certificateChain, Path privateKey) {
            this.tlsChain = Objects.requireNonNull(certificateChain);
            this.tlsKey = Objects.requireNonNull(privateKey);
            return this;
        }

        /**
         * Requires TLS clients to present a certificate issued by one of the CAs in this PEM file
         * ({@code -o ssl_verify_mode=2,ssl_ca_cert=...}); needs {@link #tls(Path, Path)}.
         */
        public Builder tlsClientAuthorities(Path caCertificates) {
            this.tlsClientAuthorities = Objects.requireNonNull(caCertificates);
            return this;
        }

        /** TCP port ({@code -p}); 0 picks a free one, see {@link MemcachedServer#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** UDP port ({@code -U}); 0 (the default) means no UDP, -1 picks a free one, see {@link MemcachedServer#udpPort()}. */
        public Builder udpPort(int port) {
            this.udpPort = port;
            return this;
        }

        /**
         * Listens on this unix domain socket instead of TCP and UDP ({@code -s}); the socket file
         * gets the permissions of {@code -a} (0700 by default) and is removed on close.
         */
        public Builder unixSocket(String path) {
            this.unixSocket = Objects.requireNonNull(path);
            return this;
        }

        /** Adds a listening address ({@code -l}); none means all interfaces. */
        public Builder listenAddress(String address) {
            this.listenAddresses.add(Objects.requireNonNull(address));
            return this;
        }

        /** Item memory limit in megabytes ({@code -m}). */
        public Builder memoryLimitMb(long megabytes) {
            this.memoryLimitMb = megabytes;
            return this;
        }

        /** Worker threads ({@code -t}). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Largest item in bytes ({@code -I}), at least 1024 and at most half the memory limit.
         * Below the default largest chunk (512 KiB), chunks become as large as the limit, which
         * must then divide the 1 MiB page (as {@code -I} with {@code -o slab_chunk_max} requires).
         */
        public Builder maxItemSize(int bytes) {
            this.maxItemSize = bytes;
            return this;
        }

        /** Every other setting; the builder's own setters win over these. */
        public Builder settings(ServerSettings settings) {
            this.base = Objects.requireNonNull(settings).copy();
            return this;
        }

        /** Starts the server; see {@link MemcachedServer#start(ServerSettings)}. */
        public MemcachedServer start() {
            ServerSettings s = base.copy();
            if (port != null) {
                s.port = port;
            }
            if (udpPort != null) {
                s.udpPort = udpPort;
            }
            if (unixSocket != null) {
                s.socketPath = unixSocket;
            }
            if (tlsChain != null) {
                s.sslEnabled = true;
                s.sslChainCert = tlsChain.toString();
                s.sslKey = tlsKey.toString();
            }
            if (tlsClientAuthorities != null) {
                if (tlsChain == null) {
                    throw new IllegalStateException("tlsClientAuthorities needs tls(certificateChain, privateKey)");
                }
                s.sslCaCert = tlsClientAuthorities.toString();
                s.sslVerifyMode = ServerSettings.SSL_VERIFY_PEER | ServerSettings.SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
            }
            if (!listenAddresses.isEmpty()) {
                s.listenAddresses = new ArrayList<>(listenAddresses);
            }
            if (memoryLimitMb != null) {
                s.maxBytes = memoryLimitMb * 1024 * 1024;
            }
            if (threads != null) {
                s.numThreads = threads;
            }
            if (maxItemSize != null) {
                applyMaxItemSize(s, maxItemSize);
            }
            return MemcachedServer.start(s);
        }

        private static void applyMaxItemSize(ServerSettings s, int bytes) {
            if (bytes < ServerSettings.ITEM_SIZE_MAX_LOWER_LIMIT || bytes > s.maxBytes / 2) {
                throw new IllegalArgumentException("max item size must be between 1024 bytes and half the memory limit: " + bytes);
            }
            if (bytes < s.slabChunkSizeMax) {
                if (s.slabPageSize % bytes != 0) {
                    throw new IllegalArgumentException("a max item size below 512 KiB must divide 1 MiB: " + bytes);
                }
                s.slabChunkSizeMax = bytes;
            } else if (bytes % s.slabChunkSizeMax != 0) {
                throw new IllegalArgumentException("max item size must be a multiple of " + s.slabChunkSizeMax + ": " + bytes);
            }
            s.itemSizeMax = bytes;
        }
    }
}
