package dev.ketch.server;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.engine.Cache;
import dev.ketch.server.protocol.ProtocolHandlers;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.sasl.PasswordFile;
import dev.ketch.server.sasl.SaslAuthenticator;
import dev.ketch.server.stats.PrefixStats;
import dev.ketch.server.stats.SettingsStats;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.stats.StatsReport;
import dev.ketch.server.stats.StatsSink;
import dev.ketch.server.storage.Clock;
import dev.ketch.server.transport.ConnectionRegistry;
import dev.ketch.server.transport.TcpTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable memcached 1.6.18 server speaking memcached's text and binary protocols over TCP
 * ({@code -B auto} by default: each connection's first byte picks one), with the binary
 * protocol's SASL authentication ({@code -S}).
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
 * them in). Unix sockets ({@code -s}) are not supported yet; a UDP port ({@code -U}) is accepted
 * but not served yet.
 */
public final class MemcachedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemcachedServer.class);

    private final ServerSettings settings;
    private final Clock clock;
    private final Cache cache;
    private final ServerStats stats;
    private final StatsReport report;
    private final TcpTransport transport;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    private MemcachedServer(ServerSettings settings) {
        this.settings = settings;
        this.clock = new Clock();
        this.cache = new Cache(settings, clock);
        this.stats = new ServerStats();
        this.report = new StatsReport(cache, stats);
        ConnectionRegistry registry = new ConnectionRegistry(settings, stats, clock);
        ServerContext context = new ServerContext(settings, clock, cache, stats, report,
                new PrefixStats(settings.prefixDelimiter), this::settingsStats, registry::stats,
                mode -> shutdownInBackground(), saslAuthenticator(settings));
        try {
            this.transport = TcpTransport.start(settings, stats, clock, registry, ProtocolHandlers.forServer(context));
        } catch (IOException | RuntimeException e) {
            cache.close();
            throw new ServerStartException(e.getMessage(), e);
        }
    }

    /**
     * Starts a server with the given settings (copied: later changes to {@code settings} are not
     * seen).
     *
     * @throws ServerStartException if a listening address cannot be bound or a setting asks for
     *     something not supported yet (UDP, unix sockets)
     */
    public static MemcachedServer start(ServerSettings settings) {
        ServerSettings s = Objects.requireNonNull(settings, "settings").copy();
        // memcached's test harness passes -U to every server: accept it, say it is not served.
        if (s.udpPort != 0) {
            LOG.warn("UDP is not served by this build yet; ignoring -U {}", s.udpPort);
        }
        if (s.sasl && s.bindingProtocol != ServerSettings.Protocol.BINARY) {
            // text connections would bypass authentication (memcached's command line refuses this too)
            throw new ServerStartException("SASL authentication needs the binary protocol only (-B binary)");
        }
        if (s.socketPath != null) {
            throw new ServerStartException("unix sockets (-s " + s.socketPath + ") are not supported yet");
        }
        if (s.numThreads < 1) {
            throw new ServerStartException("number of threads must be greater than 0");
        }
        return new MemcachedServer(s);
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

    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return transport.port();
    }

    /** The server's live settings (protocol commands such as {@code verbosity} change some). */
    public ServerSettings settings() {
        return settings;
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

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /**
     * Stops listening, closes every connection, stops every thread the server started and frees
     * all item memory. Idempotent; must not be called from one of the server's own threads.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            transport.close();
        } finally {
            cache.close();
            closed.countDown();
        }
    }

    /** {@code shutdown}: memcached stops on a signal; the connection's thread must not wait for it. */
    private void shutdownInBackground() {
        Thread t = new Thread(() -> {
            LOG.info("shutdown requested by a client");
            close();
        }, "ketch-shutdown");
        t.start();
    }

    /** Builds a server from memcached's defaults with a few common settings changed. */
    public static final class Builder {

        private ServerSettings base = new ServerSettings();
        private Integer port;
        private final List<String> listenAddresses = new ArrayList<>();
        private Long memoryLimitMb;
        private Integer threads;
        private Integer maxItemSize;

        private Builder() {
        }

        /** TCP port ({@code -p}); 0 picks a free one, see {@link MemcachedServer#port()}. */
        public Builder port(int port) {
            this.port = port;
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
