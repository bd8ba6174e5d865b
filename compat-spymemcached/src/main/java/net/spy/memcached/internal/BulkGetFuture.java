package net.spy.memcached.internal;

import net.spy.memcached.ops.CancelledOperationStatus;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result of a bulk get: one part per server, each completing by the operation deadline. As in
 * spymemcached, {@link #get()} waits for every part, {@link #get(long, TimeUnit)} throws {@link
 * CheckedOperationTimeoutException} naming the servers that did not answer in time, and {@link
 * #getSome} returns what the others answered. Misses are absent from the map.
 *
 * @param <T> the value type
 */
public class BulkGetFuture<T> extends AbstractListenableFuture<Map<String, T>, BulkGetCompletionListener>
        implements BulkFuture<Map<String, T>> {

    private static final Logger LOG = LoggerFactory.getLogger(BulkGetFuture.class);

    /**
     * One server's share of the keys.
     *
     * @param <T> the value type
     */
    public static final class Part<T> {
        final SocketAddress node;
        final CompletableFuture<Outcome<Map<String, T>>> outcome;

        /**
         * @param node the server
         * @param outcome completes (normally) with the values found on it
         */
        public Part(SocketAddress node, CompletableFuture<Outcome<Map<String, T>>> outcome) {
            this.node = node;
            this.outcome = Objects.requireNonNull(outcome, "outcome");
        }
    }

    private final List<Part<T>> parts;
    private final CompletableFuture<Void> all;
    private final OperationStatus success;
    private volatile boolean cancelled;
    private volatile boolean timeout;

    /**
     * Created by the client.
     *
     * @param success the status of a bulk get every server answered (it depends on the protocol)
     */
    public BulkGetFuture(List<Part<T>> parts, OperationStatus success, ExecutorService listeners) {
        super(listeners);
        this.parts = List.copyOf(parts);
        this.success = success;
        this.all = CompletableFuture.allOf(this.parts.stream().map(p -> p.outcome).toArray(CompletableFuture[]::new));
        all.whenComplete((done, failure) -> notifyListeners());
    }

    /** Cancels the parts not done yet; true if there were any. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean any = false;
        for (Part<T> part : parts) {
            any |= part.outcome.complete(Outcome.cancelled());
        }
        cancelled = true;
        notifyListeners();
        return any;
    }

    /** Waits for every part (each ends by the operation deadline). */
    @Override
    public Map<String, T> get() throws InterruptedException, ExecutionException {
        try {
            return get(Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RuntimeException("Timed out waiting forever", e);
        }
    }

    @Override
    public Map<String, T> get(long duration, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<SocketAddress> late = new ArrayList<>();
        Map<String, T> values = collect(duration, unit, late);
        if (!late.isEmpty()) {
            timeout = true;
            throw new CheckedOperationTimeoutException("Operation timed out.", late);
        }
        return values;
    }

    @Override
    public Map<String, T> getSome(long duration, TimeUnit unit) throws InterruptedException, ExecutionException {
        List<SocketAddress> late = new ArrayList<>();
        Map<String, T> values = collect(duration, unit, late);
        if (!late.isEmpty()) {
            timeout = true;
            LOG.warn("{}", new CheckedOperationTimeoutException("Operation timed out: ", late).getMessage());
        }
        return values;
    }

    /** Waits up to the time given, notes the parts not answered, and merges the others' values. */
    private Map<String, T> collect(long duration, TimeUnit unit, List<SocketAddress> late)
            throws InterruptedException, ExecutionException {
        try {
            all.get(duration, unit);
        } catch (TimeoutException e) {
            // the parts not done are listed below
        }
        List<Outcome<Map<String, T>>> answered = new ArrayList<>();
        for (Part<T> part : parts) {
            Outcome<Map<String, T>> done = part.outcome.getNow(null);
            if (done == null || done.kind() == Outcome.Kind.TIMED_OUT) {
                late.add(part.node);
            } else {
                answered.add(done);
            }
        }
        for (Outcome<Map<String, T>> done : answered) {
            if (done.kind() == Outcome.Kind.CANCELLED) {
                throw new ExecutionException(new CancellationException("Cancelled"));
            }
            if (done.kind() == Outcome.Kind.FAILED) {
                throw new ExecutionException(done.cause());
            }
        }
        Map<String, T> values = new HashMap<>();
        for (Outcome<Map<String, T>> done : answered) {
            values.putAll(done.value());
        }
        return values;
    }

    /**
     * How the bulk get ended, after waiting for every part: the protocol's success status, or the
     * first part's failure, cancellation or timeout; null for a bulk get of no keys, as in
     * spymemcached.
     */
    @Override
    public OperationStatus getStatus() {
        if (parts.isEmpty()) {
            return null;
        }
        if (cancelled) {
            return new CancelledOperationStatus();
        }
        try {
            all.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OperationStatus(false, "Interrupted", StatusCode.INTERRUPTED);
        } catch (ExecutionException e) {
            throw new IllegalStateException("outcomes complete normally", e);
        }
        for (Part<T> part : parts) {
            Outcome<Map<String, T>> done = part.outcome.join();
            if (done.kind() != Outcome.Kind.COMPLETED) {
                return done.status();
            }
        }
        return success;
    }

    /** True if {@link #cancel} was called. */
    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean isDone() {
        return all.isDone();
    }

    @Override
    public boolean isTimeout() {
        return timeout;
    }

    @Override
    public Future<Map<String, T>> addListener(BulkGetCompletionListener listener) {
        return addToListeners(listener);
    }

    @Override
    public Future<Map<String, T>> removeListener(BulkGetCompletionListener listener) {
        return removeFromListeners(listener);
    }
}
