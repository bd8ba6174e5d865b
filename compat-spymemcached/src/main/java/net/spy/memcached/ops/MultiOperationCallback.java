package net.spy.memcached.ops;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins the callbacks of the operations one was split into: each part's status is remembered, and
 * when the last part completes the original callback is told the last status, then complete.
 */
public abstract class MultiOperationCallback implements OperationCallback {

    /** The callback of the operation that was split. */
    protected final OperationCallback originalCallback;

    private final AtomicInteger remaining;
    private volatile OperationStatus mostRecentStatus;

    /** A join of {@code todo} parts for {@code original} (unwrapped if it is itself a join). */
    public MultiOperationCallback(OperationCallback original, int todo) {
        originalCallback = original instanceof MultiOperationCallback
                ? ((MultiOperationCallback) original).originalCallback : original;
        remaining = new AtomicInteger(todo);
    }

    @Override
    public void complete() {
        if (remaining.decrementAndGet() == 0) {
            originalCallback.receivedStatus(mostRecentStatus);
            originalCallback.complete();
        }
    }

    @Override
    public void receivedStatus(OperationStatus status) {
        mostRecentStatus = status;
    }
}
