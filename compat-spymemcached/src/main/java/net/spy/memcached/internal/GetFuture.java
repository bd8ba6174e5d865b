package net.spy.memcached.internal;

import net.spy.memcached.ops.OperationStatus;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of {@code asyncGet}: the value, or null on a miss; it waits and fails as {@link
 * OperationFuture} does. The value is decoded on the first thread that asks for it, never on an I/O
 * thread.
 *
 * @param <T> the value type
 */
public class GetFuture<T> extends AbstractListenableFuture<T, GetCompletionListener> implements Future<T> {

    private final OperationFuture<T> rv;

    /** Created by the client; see {@link OperationFuture#OperationFuture}. */
    public GetFuture(String key, CompletableFuture<Outcome<T>> outcome, long timeoutMillis, SocketAddress node,
            ExecutorService listeners) {
        super(listeners);
        this.rv = new OperationFuture<>(key, outcome, timeoutMillis, node, listeners);
        outcome.whenComplete((done, failure) -> notifyListeners());
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean result = rv.cancel(mayInterruptIfRunning);
        notifyListeners();
        return result;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        return rv.get();
    }

    @Override
    public T get(long duration, TimeUnit unit) throws InterruptedException, TimeoutException, ExecutionException {
        return rv.get(duration, unit);
    }

    /** See {@link OperationFuture#getStatus()}. */
    public OperationStatus getStatus() {
        return rv.getStatus();
    }

    @Override
    public boolean isCancelled() {
        return rv.isCancelled();
    }

    @Override
    public boolean isDone() {
        return rv.isDone();
    }

    @Override
    public GetFuture<T> addListener(GetCompletionListener listener) {
        addToListeners(listener);
        return this;
    }

    @Override
    public GetFuture<T> removeListener(GetCompletionListener listener) {
        removeFromListeners(listener);
        return this;
    }
}
