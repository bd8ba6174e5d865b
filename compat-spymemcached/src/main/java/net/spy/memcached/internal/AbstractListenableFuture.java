package net.spy.memcached.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listener bookkeeping of the futures: each listener is called once, on the listener executor,
 * when the future completes or is cancelled, or at once if it is added to a done future.
 *
 * @param <T> the result type
 * @param <L> the listener type
 */
public abstract class AbstractListenableFuture<T, L extends GenericCompletionListener<?>>
        implements ListenableFuture<T, L> {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractListenableFuture.class);

    private final ExecutorService executor;
    private List<GenericCompletionListener<?>> listeners = new ArrayList<>();

    protected AbstractListenableFuture(ExecutorService executor) {
        this.executor = executor;
    }

    /** Where listeners run. */
    protected ExecutorService executor() {
        return executor;
    }

    /** Registers {@code listener}, calling it at once if this future is done. */
    protected Future<T> addToListeners(GenericCompletionListener<?> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("The listener can't be null.");
        }
        synchronized (this) {
            listeners.add(listener);
        }
        if (isDone()) {
            notifyListeners();
        }
        return this;
    }

    /** Forgets {@code listener} unless this future is done. */
    protected Future<T> removeFromListeners(GenericCompletionListener<?> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("The listener can't be null.");
        }
        if (!isDone()) {
            synchronized (this) {
                listeners.remove(listener);
            }
        }
        return this;
    }

    /** Calls (on the executor) and forgets every registered listener. */
    protected void notifyListeners() {
        List<GenericCompletionListener<?>> due;
        synchronized (this) {
            due = listeners;
            listeners = new ArrayList<>();
        }
        for (GenericCompletionListener<?> listener : due) {
            Runnable call = () -> call(listener);
            try {
                executor.execute(call);
            } catch (RejectedExecutionException shutDown) {
                call.run(); // the client was shut down meanwhile: still tell the listener
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void call(GenericCompletionListener listener) {
        try {
            listener.onComplete(this);
        } catch (Throwable t) {
            LOG.warn("Exception thrown while executing {}.onComplete()", listener.getClass().getName(), t);
        }
    }
}
