package net.spy.memcached;

import dev.ketch.client.MemcacheClientBuilder;
import dev.ketch.client.cluster.Failover;

/**
 * The one place spymemcached's {@link FailureMode} meets Ketch's failover.
 * <ul>
 *   <li>{@code Redistribute}: eject and skip. A dead server's keys go to the next live server on
 *       the ring; spymemcached instead rehashes the key to find another, so the fallback servers
 *       differ from spymemcached's, while keys of live servers move in neither.</li>
 *   <li>{@code Retry}: fail fast. The ring stays and operations for the dead server fail at once
 *       (spymemcached queues them until the server returns or they time out); the server is
 *       probed until it answers. {@link Outcomes} reports the failures as timeouts.</li>
 *   <li>{@code Cancel}: fail fast, reported as cancellations.</li>
 * </ul>
 */
final class FailoverMapping {

    private FailoverMapping() {
    }

    /** Configures {@code builder}'s failover for {@code mode}. */
    static void apply(FailureMode mode, MemcacheClientBuilder<?> builder) {
        switch (mode) {
            case Redistribute:
                builder.failover(Failover.ejectSkip());
                break;
            case Retry:
            case Cancel:
                builder.failover(Failover.failFast());
                break;
            default:
                throw new IllegalArgumentException("unknown failure mode " + mode);
        }
    }
}
