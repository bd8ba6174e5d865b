package dev.ketch.client.cluster;

import dev.ketch.client.DiscoveryHealth;
import dev.ketch.client.ServerAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a {@link ServerDiscovery} for the servers every poll interval, on the client's discovery
 * thread, and makes each new list the ring. A failed poll keeps the list in use and is retried
 * sooner: after 1 s, then twice as long each time, up to the poll interval. Never throws.
 */
final class DiscoveryPoller {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryPoller.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final ServerDiscovery source;
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService executor;
    private final HostAddresses addresses;
    private final HealthTracker tracker;
    private final CompletableFuture<DiscoveredServers> first = new CompletableFuture<>();
    /** Where lists go once the cluster exists; null before. Guarded by this. */
    private Cluster cluster;
    private DnsRefresh refresh;
    /** The latest answer, applied or (before the cluster exists) to be applied. Guarded by this. */
    private DiscoveredServers latest;
    /** The servers the client starts with if the first answer is late. Guarded by this. */
    private List<ServerAddress> configured = List.of();
    private volatile long appliedVersion = -1;
    private volatile Instant lastSuccess;
    private volatile Throwable lastError;
    private volatile Instant lastErrorAt;
    private int failuresInARow;

    DiscoveryPoller(ServerDiscovery source, Duration interval, Duration timeout, ScheduledExecutorService executor,
            HostAddresses addresses, HealthTracker tracker) {
        this.source = source;
        this.interval = interval;
        this.timeout = timeout;
        this.executor = executor;
        this.addresses = addresses;
        this.tracker = tracker;
    }

    /**
     * Starts polling and waits up to the timeout for the first answer. Returns it, or null if the
     * source failed or did not answer in time (polling goes on; a late answer is applied once
     * the cluster is {@link #attach attached}).
     */
    DiscoveredServers start(List<ServerAddress> configured) throws InterruptedException {
        synchronized (this) {
            this.configured = configured;
        }
        executor.execute(this::poll);
        try {
            return first.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /** From now on lists go to {@code cluster}; applies an answer that came in between. */
    void attach(Cluster cluster, DnsRefresh refresh) {
        DiscoveredServers pending;
        synchronized (this) {
            this.cluster = cluster;
            this.refresh = refresh;
            pending = latest;
            if (cluster.servers().isEmpty()) {
                Throwable error = lastError;
                cluster.emptyBecause("discovery from " + source + (error == null
                        ? " has not answered yet" : " failed: " + HealthTracker.describe(error)));
            }
        }
        if (pending != null && !pending.servers().equals(cluster.servers())) {
            runOnDiscoveryThread(() -> apply(pending));
        }
    }

    private void runOnDiscoveryThread(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closed) {
            // the client is closing
        }
    }

    private void poll() {
        long nextNanos = interval.toNanos();
        try {
            DiscoveredServers found = source.discover(timeout);
            if (found == null) {
                throw new IllegalStateException(source + " returned nothing");
            }
            lastSuccess = Instant.now();
            if (lastError != null) {
                LOG.info("discovery from {} answers again", source);
            }
            lastError = null;
            failuresInARow = 0;
            offer(found);
            first.complete(found);
        } catch (Throwable e) {
            failed(e);
            first.completeExceptionally(e);
            long retry = FIRST_RETRY.toNanos() << Math.min(20, failuresInARow++);
            nextNanos = Math.min(nextNanos, retry);
        }
        try {
            executor.schedule(this::poll, nextNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // the client is closing
        }
    }

    private void failed(Throwable e) {
        Throwable previous = lastError;
        lastError = e;
        lastErrorAt = Instant.now();
        List<ServerAddress> inUse = inUse();
        String what = HealthTracker.describe(e);
        // once per outage (and when the reason changes), not on every retry
        boolean news = previous == null || !HealthTracker.describe(previous).equals(what);
        if (news || LOG.isDebugEnabled()) {
            String message = "discovery from {} failed ({}): {}";
            String consequence = inUse.isEmpty() ? "no servers yet, operations fail until it answers; asking again"
                    : "keeping the " + inUse.size() + " servers in use " + inUse + "; asking again";
            if (news) {
                LOG.warn(message, source, what, consequence);
            } else {
                LOG.debug(message, source, what, consequence);
            }
        }
        synchronized (this) {
            if (cluster != null && cluster.servers().isEmpty()) {
                cluster.emptyBecause("discovery from " + source + " failed: " + HealthTracker.describe(e));
            }
        }
        tracker.discoveryFailed(source.toString(), e);
    }

    private synchronized List<ServerAddress> inUse() {
        return cluster != null ? cluster.servers() : latest != null ? latest.servers() : configured;
    }

    private void offer(DiscoveredServers found) {
        Cluster target;
        synchronized (this) {
            if (found.version() >= 0 && found.version() < appliedVersion) {
                LOG.info("discovery from {}: ignoring configuration version {}, older than the one in use ({})", source,
                        found.version(), appliedVersion);
                return;
            }
            latest = found;
            target = cluster;
        }
        if (target != null) {
            apply(found);
        } else {
            addresses.discovered(found.addresses());
            appliedVersion = found.version();
        }
    }

    /** Makes {@code found} the ring (on the discovery thread). */
    private void apply(DiscoveredServers found) {
        Cluster target;
        DnsRefresh dns;
        synchronized (this) {
            target = cluster;
            dns = refresh;
        }
        addresses.discovered(found.addresses());
        boolean changed = !found.servers().equals(target.servers());
        if (changed) {
            LOG.info("discovery from {}{}: servers now {}", source,
                    found.version() >= 0 ? " (version " + found.version() + ")" : "", found.servers());
            try {
                target.update(found.servers());
            } catch (dev.ketch.client.MemcacheClosedException closing) {
                return;
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
        }
        appliedVersion = found.version();
        if (dns != null) {
            dns.refresh(); // an address the source gave may have changed for a name already on the ring
        }
    }

    /** The discovery's state, for a health snapshot. */
    DiscoveryHealth health() {
        Throwable error = lastError;
        long version = appliedVersion;
        Instant success = lastSuccess;
        return new DiscoveryHealth(source.toString(), version >= 0 ? Long.toString(version) : null, success != null,
                success, error == null ? null : HealthTracker.describe(error), error == null ? null : lastErrorAt);
    }

    @Override
    public String toString() {
        return "discovery from " + source;
    }
}
