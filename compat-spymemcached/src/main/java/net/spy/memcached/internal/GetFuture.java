package net.spy.memcached.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationStatus;

/**
 * The result of a get: an {@link OperationFuture} of the value's decoding, read through. Timeouts,
 * cancellation and failures are reported as {@link OperationFuture} reports them.
 *
 * @param <T> the value type
 */
public class GetFuture<T> extends AbstractListenableFuture<T, GetCompletionListener> implements Future<T> {

    private final OperationFuture<Future<T>> rv;

    /** A future of the get of {@code key} that counts {@code l} down, {@link #get()} waiting {@code opTimeout} ms. */
    public GetFuture(CountDownLatch l, long opTimeout, String key, ExecutorService service) {
        super(service);
        rv = new OperationFuture<>(key, l, opTimeout, service);
    }

    /** Cancels the get; true if its request was not written yet. */
    @Override
    public boolean cancel(boolean ign) {
        boolean result = rv.cancel(ign);
        notifyListeners();
        return result;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        Future<T> v = rv.get();
        return v == null ? null : v.get();
    }

    @Override
    public T get(long duration, TimeUnit units) throws InterruptedException, TimeoutException, ExecutionException {
        Future<T> v = rv.get(duration, units);
        return v == null ? null : v.get();
    }

    /** The status, waiting for the get if it has none yet. */
    public OperationStatus getStatus() {
        return rv.getStatus();
    }

    /** Sets the value's decoding (null for a miss) and the status. */
    public void set(Future<T> d, OperationStatus s) {
        rv.set(d, s);
    }

    /** Sets the operation behind this future. */
    public void setOperation(Operation to) {
        rv.setOperation(to);
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
        addToListeners(erased(listener));
        return this;
    }

    @Override
    public GetFuture<T> removeListener(GetCompletionListener listener) {
        removeFromListeners(erased(listener));
        return this;
    }

    /** Calls the listeners: the get is complete. */
    public void signalComplete() {
        notifyListeners();
    }
}
