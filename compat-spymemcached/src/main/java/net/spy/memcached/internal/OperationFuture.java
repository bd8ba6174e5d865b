package net.spy.memcached.internal;

import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The result of one operation, with spymemcached's {@code OperationFuture} behaviour:
 * <ul>
 *   <li>{@link #get()} waits up to the operation timeout, and reports a timeout as {@code
 *       RuntimeException("Timed out waiting for operation")} caused by a {@link
 *       CheckedOperationTimeoutException};</li>
 *   <li>{@link #get(long, TimeUnit)} throws {@link CheckedOperationTimeoutException} when the wait
 *       runs out or the operation timed out (see there), an {@link ExecutionException} caused by a
 *       {@link CancellationException} if it was cancelled, and one caused by the failure
 *       otherwise;</li>
 *   <li>{@link #getStatus()}, {@link #getCas()} wait for the outcome; a timed-out operation's
 *       status is {@code timed out} (spymemcached's {@code getStatus()} throws the first time).</li>
 * </ul>
 * Unlike spymemcached's, it always completes by the operation's deadline, whether or not anyone
 * waits on it, so listeners always run.
 *
 * @param <T> the result type
 */
public class OperationFuture<T> extends AbstractListenableFuture<T, OperationCompletionListener> implements Future<T> {

    private final String key;
    private final CompletableFuture<Outcome<T>> outcome;
    private final long timeoutMillis;
    private final SocketAddress node;
    private final AtomicBoolean timeoutReported = new AtomicBoolean();

    /**
     * Created by the client.
     *
     * @param key the operation's key, or null (flush)
     * @param outcome completes (normally) with the operation's outcome
     * @param timeoutMillis how long {@link #get()} waits
     * @param node the server the operation went to, for timeout messages; null if several
     * @param listeners where listeners run
     */
    public OperationFuture(String key, CompletableFuture<Outcome<T>> outcome, long timeoutMillis, SocketAddress node,
            ExecutorService listeners) {
        super(listeners);
        this.key = key;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.timeoutMillis = timeoutMillis;
        this.node = node;
        outcome.whenComplete((done, failure) -> notifyListeners());
    }

    /**
     * Cancels the operation unless it is done: its result is discarded (a request already sent
     * still reaches the server). Returns true if this call cancelled it.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = outcome.complete(Outcome.cancelled());
        notifyListeners();
        return cancelled;
    }

    /** {@link #cancel(boolean)}. */
    public boolean cancel() {
        return cancel(false);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        try {
            return get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RuntimeException("Timed out waiting for operation", e);
        }
    }

    /**
     * Waits up to {@code duration} for the result. As in spymemcached, a wait that runs out times
     * the operation out (its late reply is ignored) and throws {@link
     * CheckedOperationTimeoutException}; the first call to see a timed-out operation gets that
     * exception, later calls an {@link ExecutionException} caused by one.
     */
    @Override
    public T get(long duration, TimeUnit unit) throws InterruptedException, TimeoutException, ExecutionException {
        Outcome<T> done;
        try {
            done = outcome.get(duration, unit);
        } catch (TimeoutException e) {
            outcome.complete(Outcome.timedOut(null));
            timeoutReported.set(true);
            throw timeout("Timed out waiting for operation", null);
        }
        switch (done.kind()) {
            case TIMED_OUT:
                if (timeoutReported.compareAndSet(false, true)) {
                    throw timeout("Timed out waiting for operation", done.cause());
                }
                throw new ExecutionException(timeout("Operation timed out.", done.cause()));
            case CANCELLED:
                throw new ExecutionException(new CancellationException("Cancelled"));
            case FAILED:
                throw new ExecutionException(done.cause());
            default:
                return done.value();
        }
    }

    private CheckedOperationTimeoutException timeout(String message, Throwable cause) {
        CheckedOperationTimeoutException e = new CheckedOperationTimeoutException(message, node);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** The key, null for operations on every server. */
    public String getKey() {
        return key;
    }

    /**
     * The CAS unique the server returned (binary protocol stores), after waiting for the outcome;
     * null if the operation did not succeed.
     *
     * @throws UnsupportedOperationException if it succeeded without one (text protocol, reads)
     */
    public Long getCas() {
        Outcome<T> done = await();
        if (done == null) {
            return null;
        }
        if (done.cas() == null && done.status().isSuccess()) {
            throw new UnsupportedOperationException("This operation doesn't returna cas value."); // spymemcached's text
        }
        return done.cas();
    }

    /**
     * How the operation ended, after waiting for it (never longer than its deadline): for a timeout
     * spymemcached's {@code timed out} status, for a cancellation its {@code cancelled} one.
     */
    public OperationStatus getStatus() {
        Outcome<T> done = await();
        return done == null ? new OperationStatus(false, "Interrupted", StatusCode.INTERRUPTED) : done.status();
    }

    /** The outcome, waiting for it; null if the thread was interrupted meanwhile (flag kept). */
    private Outcome<T> await() {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("outcomes complete normally", e);
        }
    }

    @Override
    public boolean isCancelled() {
        Outcome<T> done = outcome.getNow(null);
        return done != null && done.kind() == Outcome.Kind.CANCELLED;
    }

    @Override
    public boolean isDone() {
        return outcome.isDone();
    }

    @Override
    public OperationFuture<T> addListener(OperationCompletionListener listener) {
        addToListeners(listener);
        return this;
    }

    @Override
    public OperationFuture<T> removeListener(OperationCompletionListener listener) {
        removeFromListeners(listener);
        return this;
    }

    @Override
    public String toString() {
        return "OperationFuture[" + key + ", " + (outcome.isDone() ? outcome.getNow(null) : "pending") + "]";
    }
}
