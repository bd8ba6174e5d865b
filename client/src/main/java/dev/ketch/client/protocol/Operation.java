package dev.ketch.client.protocol;

import dev.ketch.client.OperationTrace;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One request to one server and the future its caller waits on. A codec encodes it (switching on
 * {@link #kind()}); the connection's decoder feeds it {@link Reply replies} until
 * {@link #onReply} says it has them all. It finishes exactly once: with a result, a failure
 * (server error, timeout, connection loss, client close) or both racing, the first wins and every
 * later attempt is ignored, so a late reply after a timeout is harmless.
 *
 * @param <T> the result type
 */
public abstract class Operation<T> {

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Operation> FINISHED =
            AtomicIntegerFieldUpdater.newUpdater(Operation.class, "finished");

    /** Told once when an operation finishes, with how long it took. */
    public interface Listener {
        void finished(Operation<?> operation, Throwable failure);
    }

    private final OpKind kind;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private volatile int finished;
    private Listener listener;
    private Executor executor;
    private long startNanos;
    private long deadlineNanos;
    private long timeoutNanos;
    private int opaque;
    private boolean noreply;
    private OperationTrace trace;

    protected Operation(OpKind kind) {
        this.kind = kind;
    }

    public final OpKind kind() {
        return kind;
    }

    /** The future the caller holds. */
    public final CompletableFuture<T> future() {
        return future;
    }

    /**
     * Attaches the operation to where it runs: who to tell when it finishes, where to complete the
     * future ({@code null}: on the thread that finishes it) and its timeout.
     */
    public final void bind(Listener listener, Executor executor, long startNanos, long timeoutNanos) {
        this.listener = listener;
        this.executor = executor;
        this.startNanos = startNanos;
        this.timeoutNanos = timeoutNanos;
        this.deadlineNanos = startNanos + timeoutNanos;
    }

    /** Tells {@code trace} how this operation ends, before its future completes (set before it is submitted). */
    public final void trace(OperationTrace trace) {
        this.trace = trace;
    }

    /** From now on no listener is told when this operation finishes (it was split into others that are). */
    final void detach() {
        this.listener = null;
    }

    public final long startNanos() {
        return startNanos;
    }

    public final long deadlineNanos() {
        return deadlineNanos;
    }

    public final long timeoutNanos() {
        return timeoutNanos;
    }

    /** Binary protocol request id, assigned by the connection. */
    public final int opaque() {
        return opaque;
    }

    public final void opaque(int opaque) {
        this.opaque = opaque;
    }

    /** True for a quiet / {@code noreply} request: the server does not answer success. */
    public final boolean noreply() {
        return noreply;
    }

    /** Makes this a quiet / {@code noreply} request (before it is submitted). */
    public final Operation<T> noreply(boolean noreply) {
        this.noreply = noreply;
        return this;
    }

    public final boolean isDone() {
        return finished != 0;
    }

    /**
     * Handles one reply, or one part of a multi-part reply. Returns true when the operation has
     * received everything it expects (it has then finished, one way or the other).
     */
    public abstract boolean onReply(Reply reply);

    /** Completes with a result; false if the operation had already finished. */
    protected final boolean complete(T result) {
        if (!FINISHED.compareAndSet(this, 0, 1)) {
            return false;
        }
        if (listener != null) {
            listener.finished(this, null);
        }
        if (trace != null) {
            endTrace(result, null);
        }
        if (executor == null) {
            future.complete(result);
        } else {
            executor.execute(() -> future.complete(result));
        }
        return true;
    }

    /** Fails the operation; false if it had already finished. */
    public final boolean fail(Throwable failure) {
        if (!FINISHED.compareAndSet(this, 0, 1)) {
            return false;
        }
        if (listener != null) {
            listener.finished(this, failure);
        }
        if (trace != null) {
            endTrace(null, failure);
        }
        if (executor == null) {
            future.completeExceptionally(failure);
        } else {
            executor.execute(() -> future.completeExceptionally(failure));
        }
        return true;
    }

    /** Ends the trace, with the keys a retrieval found; a trace that throws cannot keep the future from completing. */
    private void endTrace(T result, Throwable failure) {
        try {
            if (failure != null) {
                trace.ended(failure, 0, 0);
            } else if (this instanceof MultiGetOperation<?, ?> multi) {
                int found = result instanceof Map<?, ?> map ? map.size() : 0;
                trace.ended(null, found, multi.keys().size() - found);
            } else if (kind.isRead()) {
                trace.ended(null, result != null ? 1 : 0, result != null ? 0 : 1);
            } else {
                trace.ended(null, 0, 0);
            }
        } catch (RuntimeException ignored) {
            // the application's listener failed: its problem, not the caller's
        }
    }

    /** For a quiet request, which the server does not answer: done once it is written. */
    public void written() {
        complete(null);
    }

    @Override
    public String toString() {
        return kind + (noreply ? " (noreply)" : "");
    }
}
