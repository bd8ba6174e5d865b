package dev.ketch.client.node;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * An event loop's choice between waiting for I/O and looking for it without waiting: after it has
 * had work, it polls (non-blocking {@code epoll_wait}) for up to a budget of nanoseconds before it
 * blocks. A reply that arrives within the budget is read at once instead of after the kernel has
 * woken the thread, which is most of a blocking caller's round trip on a quiet connection; an idle
 * client spins once per burst of work, for the budget, and then sleeps. Each poll that finds
 * nothing yields the core, so the spin takes only time no other thread of the core wants: a
 * caller sharing it with the I/O thread is not held up.
 *
 * <p>There are two budgets. The idle one applies after any work. The reply one applies only when
 * a connection of this loop has said, since the last poll, that more of a reply is on its way
 * ({@link #replyUnderway()}): memcached answers a binary or meta multi-get in parts, transmitting
 * after every 20 requests ({@code reqs_per_event}), and a thread asleep between two parts must be
 * woken by the server's {@code sendmsg}, a cost memcached pays for every part.
 */
final class SpinThenSelect implements SelectStrategy {

    /** The strategy of the event loop running on the current thread, once it has run. */
    private static final FastThreadLocal<SpinThenSelect> OF_THIS_LOOP = new FastThreadLocal<>();

    private final long idleBudgetNanos;
    private final long replyBudgetNanos;
    private boolean registered;
    /** A connection expects more of a reply: spin for the reply budget. */
    private boolean replyUnderway;
    /** When the current spin ends; 0 while there is work. */
    private long spinUntil;

    SpinThenSelect(long idleBudgetNanos, long replyBudgetNanos) {
        this.idleBudgetNanos = idleBudgetNanos;
        this.replyBudgetNanos = replyBudgetNanos;
    }

    /**
     * Called on an event loop's thread after reading: more of a reply is coming soon, so the loop
     * polls for the reply budget before it sleeps. No effect on loops of other strategies.
     */
    static void replyUnderway() {
        SpinThenSelect strategy = ofThisLoop();
        if (strategy != null) {
            strategy.replyUnderway = true;
        }
    }

    /** The strategy of the event loop running on the current thread; null if it has none. */
    static SpinThenSelect ofThisLoop() {
        return OF_THIS_LOOP.getIfExists();
    }

    /** True while the loop has been told more of a reply is coming and has not read since. */
    boolean expectsReply() {
        return replyUnderway;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (!registered) {
            OF_THIS_LOOP.set(this);
            registered = true;
        }
        if (hasTasks) {
            spinUntil = 0;
            return selectNow.get();
        }
        long budget = replyUnderway ? Math.max(idleBudgetNanos, replyBudgetNanos) : idleBudgetNanos;
        if (budget == 0) {
            return SELECT;
        }
        long now = System.nanoTime();
        if (spinUntil == 0) {
            spinUntil = now + budget;
        }
        if (now - spinUntil < 0) {
            int ready = selectNow.get();
            if (ready > 0) {
                spinUntil = 0;
                replyUnderway = false; // reading it will tell again if still more is due
            } else {
                Thread.yield(); // a thread that has work on this core (a caller) goes first
            }
            return ready;
        }
        spinUntil = 0;
        replyUnderway = false;
        return SELECT;
    }
}
