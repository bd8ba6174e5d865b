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
 * <p><b>Silence.</b> A server that stops answering without closing anything (a hung process, a
 * frozen container, a dead switch port) is noticed long before its operations time out: when a
 * connection has had requests outstanding and read nothing for longer than
 * {@code max(}{@link #silentAfter()}{@code , }{@link #silenceMultiple()}{@code  × p99)} of its own
 * recent such waits (but never longer than the operation timeout), the server is
 * <em>suspected</em> and probed with a {@code version} request on a fresh connection. If the
 * probe is not answered within {@link #probeTimeout()}, the server is
 * declared dead (a soft failure, under the cap below): what was in flight on it fails at once or,
 * for reads, is sent to the key's new server, and what was not yet written goes to the new server
 * (ejecting policies) or fails fast ({@link FailoverPolicy#FAIL_FAST}). If it answers, it was only
 * slow on that connection (a large value in transit, a request stuck behind a slow one, a pause
 * shorter than the probe): nothing changes, and its operations keep their own timeouts. Time
 * during which the client's own I/O thread did not run (a GC pause of the application) is not
 * counted as silence.
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

    /** A connection is silent after at least 100 ms without a byte while requests are outstanding. */
    public static final Duration DEFAULT_SILENT_AFTER = Duration.ofMillis(100);
    /** ... and at least 10 times the 99th percentile of its recent waits for a reply. */
    public static final int DEFAULT_SILENCE_MULTIPLE = 10;
    /** A silent server that does not answer a probe within 500 ms is declared dead. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofMillis(500);

    private static final int SOFT_EJECTED_BY_SIZE = -1;

    private final FailoverPolicy policy;
    private final int failureLimit;
    private final Duration retryTimeout;
    private final Duration maxRetryTimeout;
    private final int maxSoftEjected;
    private final boolean retryReads;
    /** Null: silence detection off. */
    private final Duration silentAfter;
    private final int silenceMultiple;
    private final Duration probeTimeout;

    private Failover(FailoverPolicy policy, int failureLimit, Duration retryTimeout, Duration maxRetryTimeout,
            int maxSoftEjected, boolean retryReads) {
        this(policy, failureLimit, retryTimeout, maxRetryTimeout, maxSoftEjected, retryReads, DEFAULT_SILENT_AFTER,
                DEFAULT_SILENCE_MULTIPLE, DEFAULT_PROBE_TIMEOUT);
    }

    private Failover(FailoverPolicy policy, int failureLimit, Duration retryTimeout, Duration maxRetryTimeout,
            int maxSoftEjected, boolean retryReads, Duration silentAfter, int silenceMultiple, Duration probeTimeout) {
        this.policy = policy;
        this.failureLimit = failureLimit;
        this.retryTimeout = retryTimeout;
        this.maxRetryTimeout = maxRetryTimeout;
        this.maxSoftEjected = maxSoftEjected;
        this.retryReads = retryReads;
        this.silentAfter = silentAfter;
        this.silenceMultiple = silenceMultiple;
        this.probeTimeout = probeTimeout;
    }

    private Failover with(int failureLimit, Duration retryTimeout, Duration maxRetryTimeout, int maxSoftEjected,
            boolean retryReads) {
        return new Failover(policy, failureLimit, retryTimeout, maxRetryTimeout, maxSoftEjected, retryReads,
                silentAfter, silenceMultiple, probeTimeout);
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
        return with(failures, retryTimeout, maxRetryTimeout, maxSoftEjected, retryReads);
    }

    /**
     * When a dead server is probed first (2 s by default); later probes double the delay up to the
     * {@link #maxRetryTimeout()}, raised to {@code first} if below it.
     */
    public Failover retryTimeout(Duration first) {
        positive(first, "retry timeout");
        return with(failureLimit, first, max(first, maxRetryTimeout), maxSoftEjected, retryReads);
    }

    /** The first and the longest delay between probes of a dead server (2 s and 10 s by default). */
    public Failover retryTimeout(Duration first, Duration max) {
        positive(first, "retry timeout");
        positive(max, "max retry timeout");
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("max retry timeout " + max + " below the first " + first);
        }
        return with(failureLimit, first, max, maxSoftEjected, retryReads);
    }

    /**
     * At most {@code servers} servers may be dead for soft failures at once (0: soft failures never
     * declare a server dead). By default a third of the configured servers, at least one.
     */
    public Failover maxSoftEjected(int servers) {
        if (servers < 0) {
            throw new IllegalArgumentException("negative number of servers: " + servers);
        }
        return with(failureLimit, retryTimeout, maxRetryTimeout, servers, retryReads);
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
        return with(failureLimit, retryTimeout, maxRetryTimeout, maxSoftEjected, retry);
    }

    /**
     * Detects a silent server (see the class comment): suspected after {@code silentAfter} without
     * a byte while requests are outstanding, or {@code multiple} times the 99th percentile of its
     * connection's recent waits if that is longer, then declared dead if a probe on a fresh
     * connection is not answered within {@code probeTimeout} (and nothing came on its other
     * connections meanwhile). By default 100 ms, 10 and 500 ms: a black-holed server stops costing
     * throughput 0.6 to 0.9 s after it fell silent, where
     * timeouts alone take {@link #failureLimit()} operation timeouts; a pause shorter than the
     * silence and the probe together (a GC, a 200 ms SIGSTOP) is answered and ejects nothing.
     */
    public Failover silenceDetection(Duration silentAfter, int multiple, Duration probeTimeout) {
        positive(silentAfter, "silent after");
        positive(probeTimeout, "probe timeout");
        if (multiple < 1) {
            throw new IllegalArgumentException("silence multiple must be at least 1: " + multiple);
        }
        return new Failover(policy, failureLimit, retryTimeout, maxRetryTimeout, maxSoftEjected, retryReads,
                silentAfter, multiple, probeTimeout);
    }

    /** Turns silence detection off: a silent server is found by operation timeouts alone, as before. */
    public Failover withoutSilenceDetection() {
        return new Failover(policy, failureLimit, retryTimeout, maxRetryTimeout, maxSoftEjected, retryReads, null,
                silenceMultiple, probeTimeout);
    }

    /** Whether silent servers are detected before their operations time out (on by default). */
    public boolean detectsSilence() {
        return silentAfter != null;
    }

    /** The least silence (no byte with requests outstanding) that makes a server suspect; null when off. */
    public Duration silentAfter() {
        return silentAfter;
    }

    /** A silence longer than this many times the connection's recent p99 wait makes a server suspect. */
    public int silenceMultiple() {
        return silenceMultiple;
    }

    /** How long a suspect server has to answer a probe before it is declared dead. */
    public Duration probeTimeout() {
        return probeTimeout;
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
                + ", retryReads " + retryReads + ", silence "
                + (silentAfter == null ? "off" : "after max(" + silentAfter.toMillis() + " ms, " + silenceMultiple
                        + " x p99), probe " + probeTimeout.toMillis() + " ms") + "]";
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
