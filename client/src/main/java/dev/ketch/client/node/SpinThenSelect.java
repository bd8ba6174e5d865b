package dev.ketch.client.node;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

/**
 * An event loop's choice between waiting for I/O and looking for it without waiting: after it has
 * had work, it polls (non-blocking {@code epoll_wait}) for up to a budget of nanoseconds before it
 * blocks. A reply that arrives within the budget is read at once instead of after the kernel has
 * woken the thread, which is most of a blocking caller's round trip on a quiet connection; an idle
 * client spins once per burst of work, for the budget, and then sleeps. Each poll that finds
 * nothing yields the core, so the spin takes only time no other thread of the core wants: a
 * caller sharing it with the I/O thread is not held up.
 */
final class SpinThenSelect implements SelectStrategy {

    private final long budgetNanos;
    /** When the current spin ends; 0 while there is work. */
    private long spinUntil;

    SpinThenSelect(long budgetNanos) {
        this.budgetNanos = budgetNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            spinUntil = 0;
            return selectNow.get();
        }
        long now = System.nanoTime();
        if (spinUntil == 0) {
            spinUntil = now + budgetNanos;
        }
        if (now - spinUntil < 0) {
            int ready = selectNow.get();
            if (ready > 0) {
                spinUntil = 0;
            } else {
                Thread.yield(); // a thread that has work on this core (a caller) goes first
            }
            return ready;
        }
        spinUntil = 0;
        return SELECT;
    }
}
