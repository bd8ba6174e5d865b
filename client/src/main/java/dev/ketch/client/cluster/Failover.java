package dev.ketch.client.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client detects dead servers, what it does with their keys, and how it takes them back.
 * Immutable: every setter returns a changed copy.
 *
 * <pre>{@code
 * MemcacheClient.builder()
 *         .servers("10.0.0.1:11211", "10.0.0.2:11211", "10.0.0.3:11211")
 *         .failover(Failover.ejectSkip().failureLimit(3).retryTimeout(Duration.ofSeconds(2)))
 *         .build();
 * }</pre>
 *
 * <p><b>Detection.</b> A server's health comes from what happens on its connections. A <em>hard</em>
 * failure (connection refused, host name that does not resolve, no route, a connection closed or
 * reset before the server answered its first request) declares it dead at once. <em>Soft</em>
 * failures (a connect timeout, operation timeouts) declare it dead after {@link #failureLimit()}
 * of them in a row; any reply resets the count. Operations that were outstanding together and time
 * out together count once: a timeout counts only if its operation was sent after the last counted
 * failure, so a burst of thousands of timeouts is one failure and the limit means "this many
 * chances in a row", whatever the load. An established connection that is lost is not a failure
 * in itself (a NAT or load balancer may reset idle connections): the client reconnects at once, and
 * that attempt's outcome counts.
 *
 * <p><b>Ejection cap.</b> At most {@link #maxSoftEjectedFor(int)} servers may be dead for soft failures
 * at once (hard failures are not capped): a network blip that slows down many servers must not
 * eject them all and move most keys. A server that reaches the limit while the cap is full stays
 * on the ring and keeps receiving its operations; it is declared dead on its next failure once
 * there is room.
 *
 * <p><b>Return.</b> A dead server is probed after {@link #retryTimeout()}: a new connection
 * (resolving its host name again), authentication if configured, and a {@code version} request.
 * It rejoins only when the probe is answered; failed probes are repeated after delays doubling up
 * to {@link #maxRetryTimeout()}, with jitter, one at a time. Every connection attempt, probe or not,
 * ends with that {@code version} round trip.
 */
public final class Failover {

    /** Soft failures in a row that declare a server dead: 3, as mcrouter's {@code timeouts-until-tko}. */
    public static final int DEFAULT_FAILURE_LIMIT = 3;
    /** First probe of a dead server after 2 s, libmemcached's {@code RETRY_TIMEOUT}. */
    public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofSeconds(2);
    /** Failed probes are repeated at most 10 s apart, OMcache's reconnect timeout. */
    public static final Duration DEFAULT_MAX_RETRY_TIMEOUT = Duration.ofSeconds(10);

    private static final int SOFT_EJECTED_BY_SIZE = -1;

    private final FailoverPolicy policy;
    private final int failureLimit;
    private final Duration retryTimeout;
    private final Duration maxRetryTimeout;
    private final int maxSoftEjected;
    private final boolean retryReads;

    private Failover(FailoverPolicy policy, int failureLimit, Duration retryTimeout, Duration maxRetryTimeout,
            int maxSoftEjected, boolean retryReads) {
        this.policy = policy;
        this.failureLimit = failureLimit;
        this.retryTimeout = retryTimeout;
        this.maxRetryTimeout = maxRetryTimeout;
        this.maxSoftEjected = maxSoftEjected;
        this.retryReads = retryReads;
    }

    /** {@code policy} with every other setting at its default. */
    public static Failover of(FailoverPolicy policy) {
        return new Failover(Objects.requireNonNull(policy, "policy"), DEFAULT_FAILURE_LIMIT, DEFAULT_RETRY_TIMEOUT,
                DEFAULT_MAX_RETRY_TIMEOUT, SOFT_EJECTED_BY_SIZE, true);
    }

    /** {@link FailoverPolicy#EJECT_SKIP}, the default. */
    public static Failover ejectSkip() {
        return of(FailoverPolicy.EJECT_SKIP);
    }

    /** {@link FailoverPolicy#EJECT_REBUILD}. */
    public static Failover ejectRebuild() {
        return of(FailoverPolicy.EJECT_REBUILD);
    }

    /** {@link FailoverPolicy#FAIL_FAST}. */
    public static Failover failFast() {
        return of(FailoverPolicy.FAIL_FAST);
    }

    /** Soft failures in a row that declare a server dead; {@value #DEFAULT_FAILURE_LIMIT} by default. */
    public Failover failureLimit(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failure limit must be at least 1: " + failures);
        }
        return new Failover(policy, failures, retryTimeout, maxRetryTimeout, maxSoftEjected, retryReads);
    }

    /**
     * When a dead server is probed first (2 s by default); later probes double the delay up to the
     * {@link #maxRetryTimeout()}, raised to {@code first} if below it.
     */
    public Failover retryTimeout(Duration first) {
        positive(first, "retry timeout");
        return new Failover(policy, failureLimit, first, max(first, maxRetryTimeout), maxSoftEjected, retryReads);
    }

    /** The first and the longest delay between probes of a dead server (2 s and 10 s by default). */
    public Failover retryTimeout(Duration first, Duration max) {
        positive(first, "retry timeout");
        positive(max, "max retry timeout");
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("max retry timeout " + max + " below the first " + first);
        }
        return new Failover(policy, failureLimit, first, max, maxSoftEjected, retryReads);
    }

    /**
     * At most {@code servers} servers may be dead for soft failures at once (0: soft failures never
     * declare a server dead). By default a third of the configured servers, at least one.
     */
    public Failover maxSoftEjected(int servers) {
        if (servers < 0) {
            throw new IllegalArgumentException("negative number of servers: " + servers);
        }
        return new Failover(policy, failureLimit, retryTimeout, maxRetryTimeout, servers, retryReads);
    }

    /**
     * Whether a read (get, gets, gat, multi-get) that was sent on a connection which is then lost
     * is sent again, to the key's server as it is then (the next server if the first was ejected),
     * within the operation's original timeout. On by default. Mutations are never resent: their
     * callers get the {@link dev.ketch.client.MemcacheConnectionException}, since whether they took
     * effect is unknown. Requests that were never written are always re-routed under the ejecting
     * policies, whatever this says.
     */
    public Failover retryReads(boolean retry) {
        return new Failover(policy, failureLimit, retryTimeout, maxRetryTimeout, maxSoftEjected, retry);
    }

    /** The policy for a dead server's keys. */
    public FailoverPolicy policy() {
        return policy;
    }

    /** Soft failures in a row (timeouts) that declare a server dead. */
    public int failureLimit() {
        return failureLimit;
    }

    /** How long after a server died the first probe is made. */
    public Duration retryTimeout() {
        return retryTimeout;
    }

    /** The longest delay between probes; the delay doubles up to it. */
    public Duration maxRetryTimeout() {
        return maxRetryTimeout;
    }

    /** The cap on servers dead for soft failures at once, in a cluster of {@code clusterSize} servers. */
    public int maxSoftEjectedFor(int clusterSize) {
        return maxSoftEjected == SOFT_EJECTED_BY_SIZE ? Math.max(1, clusterSize / 3) : maxSoftEjected;
    }

    /** Whether a read lost with its connection is sent again to the key's server as it is then. */
    public boolean retryReads() {
        return retryReads;
    }

    @Override
    public String toString() {
        return "Failover[" + policy + ", failureLimit " + failureLimit + ", retry " + retryTimeout.toMillis() + ".."
                + maxRetryTimeout.toMillis() + " ms, maxSoftEjected "
                + (maxSoftEjected == SOFT_EJECTED_BY_SIZE ? "a third" : Integer.toString(maxSoftEjected))
                + ", retryReads " + retryReads + "]";
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
