package net.spy.memcached.internal;

import java.util.concurrent.Future;

/**
 * A future that calls listeners when it completes.
 *
 * @param <T> the result type
 * @param <L> the listener type
 */
@SuppressWarnings("rawtypes") // spymemcached's bound, kept for source compatibility
public interface ListenableFuture<T, L extends GenericCompletionListener> extends Future<T> {

    /** Calls {@code listener} once this future is done: at once (on the executor) if it is already. */
    Future<T> addListener(L listener);

    /** Forgets {@code listener} if this future is not done yet. */
    Future<T> removeListener(L listener);
}
