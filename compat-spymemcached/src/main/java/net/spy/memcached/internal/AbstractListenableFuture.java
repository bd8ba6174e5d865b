package net.spy.memcached.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import net.spy.memcached.compat.SpyObject;

/**
 * Listener bookkeeping of the futures: each listener is called once, on the listener executor,
 * when the future completes or is cancelled, or at once if it is added to a done future.
 *
 * @param <T> the result type
 * @param <L> the listener type
 */
@SuppressWarnings("rawtypes") // spymemcached's bound, kept for source compatibility
public abstract class AbstractListenableFuture<T, L extends GenericCompletionListener> extends SpyObject
        implements ListenableFuture<T, L> {

    private final ExecutorService executor;
    private List<GenericCompletionListener<? extends Future<T>>> listeners = new ArrayList<>();

    /** A future whose listeners run on {@code executor}. */
    protected AbstractListenableFuture(ExecutorService executor) {
        this.executor = executor;
    }

    /** Where listeners run. */
    protected ExecutorService executor() {
        return executor;
    }

    /**
     * Registers {@code listener}, calling it at once if this future is done.
     *
     * @throws IllegalArgumentException if {@code listener} is null
     */
    protected Future<T> addToListeners(GenericCompletionListener<? extends Future<T>> listener) {
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

    /**
     * Calls {@code listener} with {@code future} on {@code executor} (in the calling thread if the
     * executor refuses, as after a shutdown); what the listener throws is logged.
     */
    @SuppressWarnings("unchecked")
    protected void notifyListener(ExecutorService executor, Future<?> future, GenericCompletionListener listener) {
        Runnable call = () -> {
            try {
                listener.onComplete(future);
            } catch (Throwable t) {
                getLogger().warn("Exception thrown wile executing " + listener.getClass().getName() + ".operationComplete()", t);
            }
        };
        try {
            executor.execute(call);
        } catch (RejectedExecutionException shutDown) {
            call.run();
        }
    }

    /** A listener of a subtype of this future, as the listener bookkeeping takes it. */
    @SuppressWarnings("unchecked")
    static <T> GenericCompletionListener<? extends Future<T>> erased(GenericCompletionListener listener) {
        return listener;
    }

    /** Calls and forgets every registered listener with this future. */
    protected void notifyListeners() {
        notifyListeners(this);
    }

    /** Calls and forgets every registered listener with {@code future}. */
    protected void notifyListeners(Future<?> future) {
        List<GenericCompletionListener<? extends Future<T>>> due;
        synchronized (this) {
            due = listeners;
            listeners = new ArrayList<>();
        }
        for (GenericCompletionListener<? extends Future<T>> listener : due) {
            notifyListener(executor(), future, listener);
        }
    }

    /**
     * Forgets {@code listener} unless this future is done.
     *
     * @throws IllegalArgumentException if {@code listener} is null
     */
    protected Future<T> removeFromListeners(GenericCompletionListener<? extends Future<T>> listener) {
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
}
