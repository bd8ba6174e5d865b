package dev.ketch.server.protocol;

import dev.ketch.server.ClusterConfig;
import dev.ketch.server.auth.AuthFile;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.engine.Cache;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.sasl.SaslAuthenticator;
import dev.ketch.server.stats.PrefixStats;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.stats.StatsReport;
import dev.ketch.server.stats.StatsSink;
import dev.ketch.server.storage.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What protocol handlers need from the server: the engine, clock, settings, counters and the
 * server-level hooks ({@code stats settings}, {@code stats conns}, {@code shutdown}). One per
 * server, shared by all connections.
 */
public final class ServerContext {

    /** How {@code shutdown} asked the server to stop. */
    public enum ShutdownMode {
        /** {@code shutdown}: memcached raises SIGINT. */
        IMMEDIATE,
        /** {@code shutdown graceful}: memcached raises SIGUSR1. */
        GRACEFUL
    }

    private final ServerSettings settings;
    private final Clock clock;
    private final Cache cache;
    private final ServerStats stats;
    private final StatsReport report;
    private final PrefixStats prefixStats;
    private final Consumer<StatsSink> settingsStats;
    private final Consumer<StatsSink> connectionStats;
    private final Consumer<ShutdownMode> shutdown;
    private volatile AuthFile asciiAuth;
    private final SaslAuthenticator sasl;
    private final ClusterConfig clusterConfig = new ClusterConfig();
    private volatile Supplier<Optional<String>> certificateRefresh = () -> Optional.of("Error TLS not enabled");
    /** Each worker's connection memory, by event loop. */
    private final Map<Object, ConnectionMemory> connectionMemory = new ConcurrentHashMap<>();

    /** A context without SASL authentication. */
    public ServerContext(ServerSettings settings, Clock clock, Cache cache, ServerStats stats, StatsReport report,
            PrefixStats prefixStats, Consumer<StatsSink> settingsStats, Consumer<StatsSink> connectionStats,
            Consumer<ShutdownMode> shutdown) {
        this(settings, clock, cache, stats, report, prefixStats, settingsStats, connectionStats, shutdown, null);
    }

    /** @param sasl the binary protocol's authentication ({@code -S}), or null when it is off */
    public ServerContext(ServerSettings settings, Clock clock, Cache cache, ServerStats stats, StatsReport report,
            PrefixStats prefixStats, Consumer<StatsSink> settingsStats, Consumer<StatsSink> connectionStats,
            Consumer<ShutdownMode> shutdown, SaslAuthenticator sasl) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.cache = Objects.requireNonNull(cache);
        this.stats = Objects.requireNonNull(stats);
        this.report = Objects.requireNonNull(report);
        this.prefixStats = Objects.requireNonNull(prefixStats);
        this.settingsStats = Objects.requireNonNull(settingsStats);
        this.connectionStats = Objects.requireNonNull(connectionStats);
        this.shutdown = Objects.requireNonNull(shutdown);
        this.sasl = sasl;
    }

    /** What {@code config get cluster} serves (when {@link ServerSettings#clusterConfigCommand} is on). */
    public ClusterConfig clusterConfig() {
        return clusterConfig;
    }

    /** The SASL authenticator when {@code -S} is on, otherwise null. */
    public SaslAuthenticator sasl() {
        return sasl;
    }

    /**
     * {@code -Y}: text protocol connections must authenticate against {@code users} first. Set
     * once, before the server accepts connections.
     */
    public ServerContext requireAsciiAuth(AuthFile users) {
        this.asciiAuth = Objects.requireNonNull(users);
        return this;
    }

    /**
     * What {@code refresh_certs} runs: reloads the TLS certificates and answers memcached's error
     * message, or empty on success. Set once, before the server accepts connections.
     */
    public ServerContext certificateRefresh(Supplier<Optional<String>> refresh) {
        this.certificateRefresh = Objects.requireNonNull(refresh);
        return this;
    }

    /** {@code refresh_certs}: memcached's error message, or empty when the certificates were reloaded. */
    public Optional<String> refreshCertificates() {
        return certificateRefresh.get();
    }

    /** The {@code -Y} users text protocol connections authenticate against, or null when off. */
    public AuthFile asciiAuth() {
        return asciiAuth;
    }

    public ServerSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public Cache cache() {
        return cache;
    }

    /** What {@code watch} connections see. */
    public EventLog eventLog() {
        return cache.eventLog();
    }

    /** The {@code -v} output. */
    public Verbose verbose() {
        return cache.eventLog().verbose();
    }

    public ServerStats stats() {
        return stats;
    }

    public StatsReport report() {
        return report;
    }

    public PrefixStats prefixStats() {
        return prefixStats;
    }

    /** Renders {@code stats settings}. */
    public void settingsStats(StatsSink sink) {
        settingsStats.accept(sink);
    }

    /** Renders {@code stats conns}. */
    public void connectionStats(StatsSink sink) {
        connectionStats.accept(sink);
    }

    /**
     * The connection memory of the worker {@code eventLoop} (one object per worker thread, shared
     * by its connections, used only on that thread).
     */
    public ConnectionMemory connectionMemory(Object eventLoop) {
        return connectionMemory.computeIfAbsent(eventLoop, loop -> new ConnectionMemory(
                ConnectionMemory.buffersPerWorker(Integer.toUnsignedLong(settings.readBufMemLimit), settings.numThreads)));
    }

    /** {@code stats}: memcached's read buffer and response object figures, summed over the workers. */
    public void connectionMemoryStats(StatsSink sink) {
        long oom = 0;
        long count = 0;
        long bundles = 0;
        long total = 0;
        long free = 0;
        long readOom = 0;
        for (ConnectionMemory m : connectionMemory.values()) {
            oom += m.responseOom();
            count += m.responses();
            bundles += m.bundles();
            total += m.total();
            free += m.free();
            readOom += m.readOom();
        }
        sink.stat("response_obj_oom", Long.toString(oom));
        sink.stat("response_obj_count", Long.toString(count));
        sink.stat("response_obj_bytes", Long.toString(bundles * ConnectionMemory.BUFFER_SIZE));
        sink.stat("read_buf_count", Long.toString(total));
        sink.stat("read_buf_bytes", Long.toString(total * ConnectionMemory.BUFFER_SIZE));
        sink.stat("read_buf_bytes_free", Long.toString(free * ConnectionMemory.BUFFER_SIZE));
        sink.stat("read_buf_oom", Long.toString(readOom));
    }

    /** Asks the server to stop (from a protocol thread; must not block). */
    public void shutdown(ShutdownMode mode) {
        shutdown.accept(mode);
    }
}
