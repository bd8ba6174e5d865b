package net.spy.memcached.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.spy.memcached.MemcachedConnection;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;

/**
 * The result of a bulk get: one operation per server, the latch counted down as each completes.
 * {@link #get()} waits for all of them, {@link #get(long, TimeUnit)} throws {@link
 * CheckedOperationTimeoutException} naming the servers not answered in time, {@link #getSome}
 * returns what the others answered. Misses are absent from the map.
 *
 * @param <T> the value type
 */
public class BulkGetFuture<T> extends AbstractListenableFuture<Map<String, T>, BulkGetCompletionListener>
        implements BulkFuture<Map<String, T>> {

    private final Map<String, Future<T>> rvMap;
    private final Collection<Operation> ops;
    private final CountDownLatch latch;
    private volatile OperationStatus status;
    private volatile boolean cancelled;
    private volatile boolean timeout;

    /**
     * The future of {@code getOps}, whose callbacks put each value's decoding into {@code m} and
     * count {@code l} down.
     */
    public BulkGetFuture(Map<String, Future<T>> m, Collection<Operation> getOps, CountDownLatch l,
            ExecutorService service) {
        super(service);
        rvMap = m;
        ops = getOps;
        latch = l;
    }

    /** Cancels every operation; true if some request was not written yet. */
    @Override
    public boolean cancel(boolean ign) {
        boolean unsent = false;
        for (Operation op : ops) {
            unsent |= op.getState() == OperationState.WRITE_QUEUED;
            op.cancel();
        }
        for (Future<T> v : rvMap.values()) {
            v.cancel(ign);
        }
        cancelled = true;
        status = new OperationStatus(false, "Cancelled", StatusCode.CANCELLED);
        notifyListeners();
        return unsent;
    }

    /** Waits for every operation. */
    @Override
    public Map<String, T> get() throws InterruptedException, ExecutionException {
        try {
            return get(Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RuntimeException("Timed out waiting forever", e);
        }
    }

    /** What arrived within the time given; logs, and notes ({@link #isTimeout()}), the servers that did not answer. */
    @Override
    public Map<String, T> getSome(long to, TimeUnit unit) throws InterruptedException, ExecutionException {
        Set<Operation> late = new LinkedHashSet<>();
        Map<String, T> values = collect(to, unit, late);
        if (!late.isEmpty()) {
            timeout = true;
            getLogger().warn(new CheckedOperationTimeoutException("Operation timed out: ", late).getMessage());
        }
        return values;
    }

    @Override
    public Map<String, T> get(long to, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        Set<Operation> late = new LinkedHashSet<>();
        Map<String, T> values = collect(to, unit, late);
        if (!late.isEmpty()) {
            timeout = true;
            throw new CheckedOperationTimeoutException("Operation timed out.", late);
        }
        return values;
    }

    private Map<String, T> collect(long to, TimeUnit unit, Collection<Operation> late)
            throws InterruptedException, ExecutionException {
        if (!latch.await(to, unit)) {
            for (Operation op : ops) {
                if (op.getState() != OperationState.COMPLETE) {
                    MemcachedConnection.opTimedOut(op);
                    late.add(op);
                } else {
                    MemcachedConnection.opSucceeded(op);
                }
            }
        }
        for (Operation op : ops) {
            if (op.isCancelled()) {
                throw new ExecutionException(new CancellationException("Cancelled"));
            }
            if (op.hasErrored()) {
                throw new ExecutionException(op.getException());
            }
        }
        Map<String, T> m = new HashMap<>();
        for (Map.Entry<String, Future<T>> e : rvMap.entrySet()) {
            m.put(e.getKey(), e.getValue().get());
        }
        return m;
    }

    /** The status of the last operation to report one, waiting for all of them if none has. */
    @Override
    public OperationStatus getStatus() {
        if (status == null) {
            try {
                get();
            } catch (InterruptedException e) {
                status = new OperationStatus(false, "Interrupted", StatusCode.INTERRUPTED);
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                return status;
            }
        }
        return status;
    }

    /** Sets the status (each operation's callback calls it). */
    public void setStatus(OperationStatus s) {
        status = s;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean isDone() {
        return latch.getCount() == 0;
    }

    @Override
    public boolean isTimeout() {
        return timeout;
    }

    @Override
    public Future<Map<String, T>> addListener(BulkGetCompletionListener listener) {
        return addToListeners(erased(listener));
    }

    @Override
    public Future<Map<String, T>> removeListener(BulkGetCompletionListener listener) {
        return removeFromListeners(erased(listener));
    }

    /** Calls the listeners: every operation is complete. */
    public void signalComplete() {
        notifyListeners();
    }
}
