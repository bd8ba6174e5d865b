package dev.ketch.spymemcached;

import dev.ketch.client.MemcacheClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place spymemcached's {@link FailureMode} meets Ketch's failover.
 *
 * <p>The Ketch client this module is built on has no failover policy yet (issue 6): it keeps every
 * server on the ring, and an operation for a server it cannot reach fails at once. {@link
 * Outcomes#failed} reports that failure as spymemcached reports a down server under the mode:
 * {@code Cancel} cancels the operation, {@code Redistribute} and {@code Retry} time it out (at once).
 * So {@code Cancel} and {@code Retry} behave as in spymemcached except that nothing waits, while
 * {@code Redistribute} does not yet move a down server's keys to the others.
 *
 * <p>The intended mapping, to wire in {@link #apply} once the builder has a failover option:
 * <ul>
 *   <li>{@code Redistribute}: eject and skip (a dead server's keys go to the next live server on
 *       the ring; spymemcached instead rehashes the key to find another, so the fallback servers
 *       differ from spymemcached's, while keys of live servers do not move in either);</li>
 *   <li>{@code Retry}: fail fast (the ring stays, operations for the dead server fail at once, the
 *       server is probed until it returns);</li>
 *   <li>{@code Cancel}: fail fast, reported as cancellations (as now).</li>
 * </ul>
 */
final class FailoverMapping {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverMapping.class);

    private FailoverMapping() {
    }

    /** Configures {@code builder} for {@code mode}; see the class comment for what it does today. */
    static void apply(FailureMode mode, int servers, MemcacheClientBuilder<?> builder) {
        switch (mode) {
            case Redistribute:
                // to wire: builder.failover(<eject, skip>) when issue 6's builder option exists
                if (servers > 1) {
                    LOG.info("FailureMode.Redistribute: Ketch failover is not available yet; operations for a server "
                            + "that is down fail at once (reported as timeouts) instead of moving to another server");
                }
                break;
            case Retry:
                // to wire: builder.failover(<fail fast>)
            case Cancel:
                // to wire: builder.failover(<fail fast>); Outcomes reports the failures as cancellations
                break;
            default:
                throw new IllegalArgumentException("unknown failure mode " + mode);
        }
    }
}
