package dev.ketch.client.node;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Schedules one node's connection attempts, one at a time: never more than one attempt in flight
 * per server, whatever the number of connections, and nothing runs between attempts.
 *
 * <p>Connections that need connecting wait in a queue. After a success the next one is attempted at
 * once; after a failure the same one is attempted again after a delay: the reconnect backoff while
 * the node is alive, the retry backoff (a probe) once it is dead. A backoff starts again from its
 * first delay only after the node or connection stayed up for as long as that backoff's longest
 * delay, so a server that flaps is tried ever less often, up to the cap. A connection lost after
 * such a stable period (or the first time) is attempted again at once.
 */
final class Reconnector {

    /** What it connects: a {@link Connection}, which reports how each attempt ended. */
    interface Connectable {
        /** Starts an attempt; its end is reported to {@link Reconnector#attemptEnded}. */
        void open();
    }

    private final EventExecutor timer;
    private final Backoff reconnect;
    private final Backoff retry;
    private final long reconnectStableNanos;
    private final long retryStableNanos;
    private final ArrayDeque<Connectable> pending = new ArrayDeque<>();
    private boolean inFlight;
    private ScheduledFuture<?> scheduled;
    /** Tells a scheduled attempt from one cancelled too late to stop it. */
    private long generation;
    private boolean probing;
    private long upSinceNanos = System.nanoTime();
    private boolean closed;

    Reconnector(EventExecutor timer, long reconnectInitialNanos, long reconnectMaxNanos, HealthSettings health) {
        this.timer = timer;
        this.reconnect = new Backoff(reconnectInitialNanos, reconnectMaxNanos);
        this.retry = Backoff.atLeast(health.retryInitialNanos(), health.retryMaxNanos());
        this.reconnectStableNanos = reconnectMaxNanos;
        this.retryStableNanos = health.retryMaxNanos();
    }

    /** Connects every connection, one after another, starting now. */
    synchronized void start(Connectable[] connections) {
        for (Connectable c : connections) {
            pending.addLast(c);
        }
        schedule(0);
    }

    /**
     * A ready connection was lost after being up {@code upNanos}. It is attempted again at once if
     * nothing failed since the last stable period, else after the reconnect backoff. Returns true
     * if at once (its operations may wait for it).
     */
    synchronized boolean lost(Connectable c, long upNanos) {
        if (closed) {
            return false;
        }
        if (upNanos >= reconnectStableNanos) {
            reconnect.reset();
        }
        boolean fresh = reconnect.attempts() == 0;
        long delay = reconnect.nextDelayNanos(); // counted even when not waited for: the next loss waits
        if (!pending.contains(c)) {
            pending.addLast(c);
        }
        if (inFlight || scheduled != null) {
            return false; // its turn comes after the attempt under way
        }
        boolean now = fresh && pending.peekFirst() == c;
        schedule(now ? 0 : delay);
        return now;
    }

    /** The attempt under way on {@code c} ended. */
    synchronized void attemptEnded(Connectable c, boolean succeeded) {
        inFlight = false;
        if (closed) {
            return;
        }
        if (succeeded) {
            pending.remove(c);
            if (!pending.isEmpty()) {
                schedule(0);
            }
        } else {
            schedule(probing ? retry.nextDelayNanos() : reconnect.nextDelayNanos());
        }
    }

    /** The node was declared dead: all its connections are closed; probe after the retry delay. */
    synchronized void nodeDown(Connectable[] connections) {
        if (closed || probing) {
            return;
        }
        probing = true;
        if (System.nanoTime() - upSinceNanos >= retryStableNanos) {
            retry.reset();
        }
        for (Connectable c : connections) {
            if (!pending.contains(c)) {
                pending.addLast(c);
            }
        }
        if (inFlight) {
            return; // its end schedules the probe
        }
        cancelScheduled();
        schedule(retry.nextDelayNanos());
    }

    /** A probe was answered: the node is alive again. */
    synchronized void nodeUp() {
        probing = false;
        upSinceNanos = System.nanoTime();
    }

    synchronized void close() {
        closed = true;
        cancelScheduled();
        pending.clear();
    }

    private void schedule(long delayNanos) {
        long mine = ++generation;
        try {
            scheduled = timer.schedule(() -> attempt(mine), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            closed = true; // the client's event loops are stopping
        }
    }

    private void cancelScheduled() {
        generation++;
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }

    private void attempt(long scheduledAs) {
        Connectable c;
        synchronized (this) {
            if (scheduledAs != generation) {
                return;
            }
            scheduled = null;
            if (closed || inFlight || pending.isEmpty()) {
                return;
            }
            inFlight = true;
            c = pending.peekFirst();
        }
        c.open();
    }
}
