package net.spy.memcached.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import net.spy.memcached.MemcachedConnection;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;

/**
 * The result of one operation. Its operation's callback sets the value and status ({@link #set})
 * and counts the latch down; then {@link #signalComplete()} calls the listeners.
 * <ul>
 *   <li>{@link #get()} waits up to the operation timeout, and reports a timeout as {@code
 *       RuntimeException("Timed out waiting for operation")} caused by a {@link
 *       CheckedOperationTimeoutException};</li>
 *   <li>{@link #get(long, TimeUnit)} that runs out times the operation out and throws {@link
 *       CheckedOperationTimeoutException}; for an operation that failed it throws an {@link
 *       ExecutionException} caused by the {@code OperationException}, for a cancelled one by a
 *       {@link CancellationException}, for one timed out before by a {@link
 *       CheckedOperationTimeoutException};</li>
 *   <li>{@link #cancel(boolean)} cancels the operation whatever its state (a completed future then
 *       reports itself cancelled) and returns true only if its request was not written yet.</li>
 * </ul>
 *
 * @param <T> the result type
 */
public class OperationFuture<T> extends AbstractListenableFuture<T, OperationCompletionListener> implements Future<T> {

    /** The status, once the operation reported one. */
    protected OperationStatus status;

    private final CountDownLatch latch;
    private final AtomicReference<T> objRef;
    private final long timeout;
    private final String key;
    private volatile Operation op;
    private volatile Long cas;

    /** A future of the operation on {@code k} that counts {@code l} down, {@link #get()} waiting {@code opTimeout} ms. */
    public OperationFuture(String k, CountDownLatch l, long opTimeout, ExecutorService service) {
        this(k, l, new AtomicReference<>(null), opTimeout, service);
    }

    /** The same, holding its value in {@code oref}. */
    public OperationFuture(String k, CountDownLatch l, AtomicReference<T> oref, long opTimeout, ExecutorService service) {
        super(service);
        latch = l;
        objRef = oref;
        timeout = opTimeout;
        key = k;
    }

    /** Cancels the operation; true if its request was not written yet. */
    @Override
    public boolean cancel(boolean ign) {
        return cancel();
    }

    /** Cancels the operation; true if its request was not written yet. */
    public boolean cancel() {
        Operation o = operation();
        o.cancel();
        notifyListeners();
        return o.getState() == OperationState.WRITE_QUEUED;
    }

    private Operation operation() {
        Operation o = op;
        if (o == null) {
            throw new IllegalStateException("No operation");
        }
        return o;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        try {
            return get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RuntimeException("Timed out waiting for operation", e);
        }
    }

    @Override
    public T get(long duration, TimeUnit units) throws InterruptedException, TimeoutException, ExecutionException {
        Operation o = op;
        if (!latch.await(duration, units)) {
            MemcachedConnection.opTimedOut(o);
            if (o != null) {
                o.timeOut();
            }
            throw new CheckedOperationTimeoutException("Timed out waiting for operation", o);
        }
        MemcachedConnection.opSucceeded(o);
        if (o != null && o.hasErrored()) {
            throw new ExecutionException(o.getException());
        }
        if (isCancelled()) {
            throw new ExecutionException(new CancellationException("Cancelled"));
        }
        if (o != null && o.isTimedOut()) {
            throw new ExecutionException(new CheckedOperationTimeoutException("Operation timed out.", o));
        }
        return objRef.get();
    }

    /** The key of the operation, null for an operation on every server. */
    public String getKey() {
        return key;
    }

    /** Sets the CAS unique the server returned. */
    public void setCas(long inCas) {
        cas = inCas;
    }

    /**
     * The CAS unique the server returned, waiting for the operation; null if it did not succeed.
     *
     * @throws UnsupportedOperationException if it succeeded without one (text protocol, reads)
     */
    public Long getCas() {
        if (cas == null) {
            try {
                get();
            } catch (InterruptedException e) {
                status = new OperationStatus(false, "Interrupted", StatusCode.INTERRUPTED);
            } catch (ExecutionException e) {
                getLogger().warn("Error getting cas of operation", e);
            }
        }
        if (cas == null && status.isSuccess()) {
            throw new UnsupportedOperationException("This operation doesn't returna cas value.");
        }
        return cas;
    }

    /**
     * The status, waiting for the operation if it has none yet.
     *
     * @throws RuntimeException if the wait times out, as {@link #get()} does
     */
    public OperationStatus getStatus() {
        if (status == null) {
            try {
                get();
            } catch (InterruptedException e) {
                status = new OperationStatus(false, "Interrupted", StatusCode.INTERRUPTED);
            } catch (ExecutionException e) {
                getLogger().warn("Error getting status of operation", e);
            }
        }
        return status;
    }

    /** Sets the value and the status (the operation's callback calls it). */
    public void set(T o, OperationStatus s) {
        objRef.set(o);
        status = s;
    }

    /** Sets the operation behind this future. */
    public void setOperation(Operation to) {
        op = to;
    }

    @Override
    public boolean isCancelled() {
        return operation().isCancelled();
    }

    @Override
    public boolean isDone() {
        Operation o = operation();
        return latch.getCount() == 0 || o.isCancelled() || o.getState() == OperationState.COMPLETE;
    }

    @Override
    public OperationFuture<T> addListener(OperationCompletionListener listener) {
        addToListeners(erased(listener));
        return this;
    }

    @Override
    public OperationFuture<T> removeListener(OperationCompletionListener listener) {
        removeFromListeners(erased(listener));
        return this;
    }

    /** Calls the listeners: the operation is complete. */
    public void signalComplete() {
        notifyListeners();
    }
}
