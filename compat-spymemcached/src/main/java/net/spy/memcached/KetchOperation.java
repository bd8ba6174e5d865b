package net.spy.memcached;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.spy.memcached.ops.KeyedOperation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationErrorType;
import net.spy.memcached.ops.OperationException;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.protocol.BaseOperationImpl;

/**
 * One request of the client, sent through Ketch and living as a spymemcached operation: Ketch's
 * outcome becomes the callbacks spymemcached's own operation would make for the same reply
 * (value and status, then complete), so that the futures built on it behave as spymemcached's.
 *
 * <p>A request whose server cannot be reached waits, as spymemcached queues it for a server that
 * is down: under {@code FailureMode.Cancel} it is cancelled at once; otherwise it is sent again
 * each time the server (or, once Ketch ejected it, the ring) changes, until it completes or its
 * lifetime ends, when it times out. Its request bytes are Ketch's: {@link #initialize()} and
 * {@link #readFromBuffer} are not used.
 */
final class KetchOperation<T> extends BaseOperationImpl implements KeyedOperation {

    /** Where the operation's outcome goes before its status: the future's value and CAS unique. */
    interface Delivery<T> {
        void deliver(Outcome<T> outcome) throws Exception;
    }

    private final List<String> keys;
    private final Supplier<CompletableFuture<Outcome<T>>> send;
    private final Delivery<T> delivery;
    private final MemcachedConnection connection;
    private final long deadlineNanos;
    private volatile CompletableFuture<Outcome<T>> inFlight;
    private ScheduledFuture<?> expiry;
    /** A status to report instead of the one {@link #handleError} makes (binary error replies keep theirs). */
    private volatile OperationStatus statusOverride;
    private final String name;
    private int payloadBytes;
    private volatile long sentNanos;

    KetchOperation(String name, Collection<String> keys, ServerNode node, OperationCallback callback,
            Supplier<CompletableFuture<Outcome<T>>> send, Delivery<T> delivery, MemcachedConnection connection) {
        this.name = name;
        this.keys = List.copyOf(keys);
        this.send = send;
        this.delivery = delivery;
        this.connection = connection;
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connection.lifetimeMillis());
        setHandlingNode(node);
        setCallback(new OperationCallback() {
            @Override
            public void receivedStatus(OperationStatus status) {
                OperationStatus override = statusOverride;
                callback.receivedStatus(override != null ? override : status);
            }

            @Override
            public void complete() {
                callback.complete();
            }
        });
    }

    /** The bytes of the value the request carries, for the metrics. */
    KetchOperation<T> payload(int bytes) {
        payloadBytes = bytes;
        return this;
    }

    /** Sends the request; what Ketch refuses at once (a full queue) is thrown to the caller. */
    KetchOperation<T> start() {
        if (connection.failureMode() == FailureMode.Cancel && !getHandlingNode().isActive()) {
            cancel(); // as spymemcached cancels an operation for an inactive node when it is queued
            return this;
        }
        sendNow();
        return this;
    }

    private void sendNow() {
        if (getHandlingNode().isActive() && getState() == OperationState.WRITE_QUEUED) {
            // Ketch writes at once to a connected server: from now on the request counts as written
            writing();
            writeComplete();
        }
        CompletableFuture<Outcome<T>> sent = send.get();
        inFlight = sent;
        sentNanos = System.nanoTime();
        int keyBytes = 0;
        for (String key : keys) {
            keyBytes += key.length();
        }
        ClientMetrics.sent(connection.metrics, connection.metricType, ClientMetrics.HEADER + keyBytes + payloadBytes);
        sent.whenComplete((outcome, failure) -> onOutcome(outcome));
    }

    private void onOutcome(Outcome<T> outcome) {
        if (outcome == null || isFinished()) {
            return; // cancelled or timed out meanwhile: a late reply is not reported
        }
        if (outcome.kind() == Outcome.Kind.COMPLETED || outcome.kind() == Outcome.Kind.FAILED) {
            ClientMetrics.answered(connection.metrics, connection.metricType, outcome.status().isSuccess(),
                    (System.nanoTime() - sentNanos) / 1000, ClientMetrics.HEADER);
        }
        switch (outcome.kind()) {
            case COMPLETED:
                complete(outcome);
                break;
            case FAILED:
                fail(outcome);
                break;
            case CANCELLED:
                cancel();
                break;
            case UNREACHABLE:
                unreachable();
                break;
            default:
                timeOut();
                break;
        }
    }

    private synchronized boolean isFinished() {
        return isCancelled() || isTimedOut() || getState() == OperationState.COMPLETE;
    }

    private void complete(Outcome<T> outcome) {
        try {
            delivery.deliver(outcome);
        } catch (Exception e) {
            failWith(new OperationException(OperationErrorType.CLIENT, String.valueOf(e)), null);
            return;
        }
        getCallback().receivedStatus(outcome.status());
        transitionState(OperationState.COMPLETE);
    }

    private void fail(Outcome<T> outcome) {
        Throwable cause = outcome.cause();
        OperationException e = cause instanceof OperationException ? (OperationException) cause
                : new OperationException(OperationErrorType.CLIENT, String.valueOf(cause));
        failWith(e, outcome.status());
    }

    private void failWith(OperationException e, OperationStatus status) {
        statusOverride = status;
        OperationErrorType type = e.getType();
        try {
            handleError(type, type == OperationErrorType.GENERAL ? "ERROR" : e.getMessage());
        } catch (java.io.IOException expected) {
            // handleError throws what it recorded, for a reader loop; the future reports it
        }
    }

    /** The server cannot be reached: cancel (FailureMode.Cancel) or wait for it to change. */
    private void unreachable() {
        if (connection.failureMode() == FailureMode.Cancel) {
            cancel();
            return;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            timeOut();
            return;
        }
        synchronized (this) {
            if (expiry == null) {
                expiry = connection.schedule(this::expire, remaining);
            }
        }
        connection.whenServersChange(() -> {
            if (!isFinished() && deadlineNanos - System.nanoTime() > 0) {
                sendNow();
            }
        });
    }

    private void expire() {
        if (!isFinished()) {
            timeOut();
        }
    }

    @Override
    protected void wasCancelled() {
        CompletableFuture<Outcome<T>> sent = inFlight;
        if (sent != null) {
            sent.cancel(false);
        }
        cancelExpiry();
    }

    @Override
    public synchronized void timeOut() {
        super.timeOut();
        cancelExpiry();
    }

    private synchronized void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    @Override
    public Collection<String> getKeys() {
        return keys;
    }

    /** Not used: Ketch encodes the request. */
    @Override
    public void initialize() {
        throw new UnsupportedOperationException("the request is encoded by Ketch's codec");
    }

    /** Not used: Ketch decodes the reply. */
    @Override
    public void readFromBuffer(ByteBuffer data) {
        throw new UnsupportedOperationException("the reply is decoded by Ketch's codec");
    }

    @Override
    public byte[] getErrorMsg() {
        OperationException e = getException();
        return e == null ? null : String.valueOf(e.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Cmd: " + name + " Keys: " + String.join(" ", keys);
    }

    /** A delivery that stores nothing (the status is the whole result). */
    static <T> Delivery<T> none() {
        return outcome -> { };
    }

    /** A delivery to a consumer of the value. */
    static <T> Delivery<T> to(Consumer<T> value) {
        return outcome -> value.accept(outcome.value());
    }
}
