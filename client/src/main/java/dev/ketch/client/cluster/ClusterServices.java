package dev.ketch.client.cluster;

import dev.ketch.client.ClientHealth;
import dev.ketch.client.ServerAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps a client's cluster current besides its nodes: the discovery, the DNS refresh, and
 * the daemon thread both run on (one per client, blocking work kept off the I/O threads).
 */
public final class ClusterServices {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterServices.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScheduledExecutorService executor;
    private final HostAddresses addresses;
    private final HealthTracker tracker;
    private final DiscoveryPoller poller;
    private final long dnsRefreshNanos;
    private Cluster cluster;

    /**
     * Starts the discovery, if any, and waits for its first answer up to {@code timeout}.
     *
     * @param discovery where servers come from, or null
     * @param dnsRefresh how often host names are resolved again; null or zero for never
     */
    public ClusterServices(ServerDiscovery discovery, Duration interval, Duration timeout, Duration dnsRefresh,
            HostAddresses addresses, HealthTracker tracker) {
        this.addresses = addresses;
        this.tracker = tracker;
        boolean refreshing = dnsRefresh != null && !dnsRefresh.isZero();
        this.executor = discovery != null || refreshing ? Executors.newSingleThreadScheduledExecutor(daemon()) : null;
        this.poller = discovery == null ? null
                : new DiscoveryPoller(discovery, interval, timeout, executor, addresses, tracker);
        this.dnsRefreshNanos = refreshing ? dnsRefresh.toNanos() : 0;
    }

    private static ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "ketch-cluster-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The DNS refresh interval the JVM's cache suggests: its TTL (at least 1 s), or null if it caches forever. */
    public static Duration defaultDnsRefresh() {
        Duration ttl = DnsRefresh.jvmCacheTtl();
        return ttl == null ? null : ttl.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : ttl;
    }

    /**
     * The servers to start with: what discovery answered within its timeout, else {@code
     * configured} (logged as such).
     */
    public List<ServerAddress> initialServers(List<ServerAddress> configured) throws InterruptedException {
        if (poller == null) {
            return configured;
        }
        DiscoveredServers found = poller.start(configured);
        if (found != null) {
            return found.servers();
        }
        LOG.warn("{} did not answer at start: {}", poller, configured.isEmpty()
                ? "starting without servers, operations fail until it answers"
                : "starting with the configured servers " + configured + " until it answers");
        return configured;
    }

    /** Starts the DNS refresh and hands later discoveries to {@code cluster}. */
    public void attach(Cluster cluster) {
        this.cluster = cluster;
        DnsRefresh refresh = dnsRefreshNanos > 0 ? new DnsRefresh(cluster, addresses, tracker) : null;
        if (poller != null) {
            poller.attach(cluster, refresh);
        }
        if (refresh != null) {
            executor.scheduleWithFixedDelay(refresh::refresh, 0, dnsRefreshNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A snapshot of the servers and the discovery. */
    public ClientHealth health() {
        return tracker.snapshot(cluster, poller == null ? null : poller.health());
    }

    /** Stops polling and refreshing. */
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
