package net.spy.memcached.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.compat.SpyObject;
import net.spy.memcached.ops.CancelledOperationStatus;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationErrorType;
import net.spy.memcached.ops.OperationException;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.ops.TimedOutOperationStatus;

/**
 * The life of an operation: its state ({@link OperationState}), cancellation, timing out, error
 * and the callback told each. Cancelling or timing out tells the callback at once, with {@link
 * #CANCELLED} or {@link #TIMED_OUT}, whatever the operation's state; reaching {@link
 * OperationState#COMPLETE} completes the callback. Clones made for other servers follow the
 * original's cancellation and timeout.
 */
public abstract class BaseOperationImpl extends SpyObject implements Operation {

    /** The status of a cancelled operation. */
    public static final OperationStatus CANCELLED = new CancelledOperationStatus();
    /** The status of a timed-out operation. */
    public static final OperationStatus TIMED_OUT = new TimedOutOperationStatus();

    /** Who is told the outcome. */
    protected OperationCallback callback;
    /** Couchbase: servers that refused the operation's vbucket. */
    protected Collection<MemcachedNode> notMyVbucketNodes = new HashSet<>();

    private volatile OperationState state = OperationState.WRITE_QUEUED;
    private ByteBuffer cmd;
    private boolean cancelled;
    private volatile OperationException exception;
    private volatile MemcachedNode handlingNode;
    private volatile boolean timedOut;
    private volatile boolean timedOutUnsent;
    private final long creationTime = System.nanoTime();
    private volatile long writeCompleteTimestamp;
    private final List<Operation> clones = new ArrayList<>();
    private volatile int cloneCount;

    /** An operation in state {@link OperationState#WRITE_QUEUED}. */
    public BaseOperationImpl() {
    }

    @Override
    public final OperationCallback getCallback() {
        return callback;
    }

    /** Sets who is told the outcome. */
    protected void setCallback(OperationCallback to) {
        callback = to;
    }

    @Override
    public final synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public final boolean hasErrored() {
        return exception != null;
    }

    @Override
    public final OperationException getException() {
        return exception;
    }

    /** Marks this operation and its clones cancelled and tells the callback: cancelled, complete. */
    @Override
    public final synchronized void cancel() {
        cancelled = true;
        for (Operation clone : clones()) {
            clone.cancel();
        }
        wasCancelled();
        callback.receivedStatus(CANCELLED);
        callback.complete();
    }

    /** Called when the operation is cancelled, before the callback is told. */
    protected void wasCancelled() {
        getLogger().debug("was cancelled.");
    }

    @Override
    public final synchronized OperationState getState() {
        return state;
    }

    @Override
    public final synchronized ByteBuffer getBuffer() {
        return cmd;
    }

    /** Sets the request's bytes (marked, so that they can be written again). */
    protected final synchronized void setBuffer(ByteBuffer to) {
        if (to == null) {
            throw new IllegalArgumentException("Trying to set buffer to null");
        }
        cmd = to;
        cmd.mark();
    }

    /**
     * Moves to {@code newState}: the request's bytes are dropped once written, and the callback is
     * completed on {@link OperationState#COMPLETE}.
     */
    protected final synchronized void transitionState(OperationState newState) {
        getLogger().debug("Transitioned state from %s to %s", state, newState);
        state = newState;
        if (newState != OperationState.WRITE_QUEUED && newState != OperationState.WRITING) {
            cmd = null;
        }
        if (newState == OperationState.COMPLETE) {
            callback.complete();
        }
    }

    @Override
    public final void writing() {
        transitionState(OperationState.WRITING);
    }

    @Override
    public final void writeComplete() {
        writeCompleteTimestamp = System.nanoTime();
        transitionState(OperationState.READING);
    }

    @Override
    public abstract void initialize();

    @Override
    public abstract void readFromBuffer(ByteBuffer data) throws IOException;

    /**
     * Records an error reply: the operation fails with an {@link OperationException} (of {@code
     * eType}, with the server's {@code line} unless {@link OperationErrorType#GENERAL}), the callback
     * is told an {@code ERR_INTERNAL} status, and the operation completes.
     *
     * @throws IOException the {@link OperationException}, for the reader to act on
     */
    protected void handleError(OperationErrorType eType, String line) throws IOException {
        getLogger().error("Error:  %s", line);
        OperationException e = eType == OperationErrorType.GENERAL ? new OperationException()
                : new OperationException(eType, line);
        exception = e;
        callback.receivedStatus(new OperationStatus(false, e.getMessage(), StatusCode.ERR_INTERNAL));
        transitionState(OperationState.COMPLETE);
        throw e;
    }

    /** Records a failure reported by the transport rather than by a server reply. */
    protected final void setException(OperationException e) {
        exception = e;
    }

    /** Reads the bytes of a value; operations that read values override it. */
    @Override
    public void handleRead(ByteBuffer data) {
        throw new IllegalStateException(getClass().getSimpleName() + " reads no value data");
    }

    @Override
    public MemcachedNode getHandlingNode() {
        return handlingNode;
    }

    @Override
    public void setHandlingNode(MemcachedNode to) {
        handlingNode = to;
    }

    /** Marks this operation and its clones timed out and tells the callback: timed out, complete. */
    @Override
    public synchronized void timeOut() {
        timedOut = true;
        for (Operation clone : clones()) {
            clone.timeOut();
        }
        callback.receivedStatus(TIMED_OUT);
        callback.complete();
    }

    @Override
    public synchronized boolean isTimedOut() {
        return timedOut;
    }

    /**
     * True if the operation timed out, or has existed longer than {@code ttlMillis}, which times it
     * out now (an operation never un-times-out).
     */
    @Override
    public synchronized boolean isTimedOut(long ttlMillis) {
        if (System.nanoTime() - creationTime > TimeUnit.MILLISECONDS.toNanos(ttlMillis)) {
            timedOutUnsent = true;
            timedOut = true;
            callback.receivedStatus(TIMED_OUT);
            callback.complete();
        }
        return timedOut;
    }

    @Override
    public boolean isTimedOutUnsent() {
        return timedOutUnsent;
    }

    @Override
    public long getWriteCompleteTimestamp() {
        return writeCompleteTimestamp;
    }

    @Override
    public void addClone(Operation op) {
        synchronized (clones) {
            clones.add(op);
        }
    }

    private List<Operation> clones() {
        synchronized (clones) {
            return new ArrayList<>(clones);
        }
    }

    @Override
    public int getCloneCount() {
        return cloneCount;
    }

    @Override
    public void setCloneCount(int count) {
        cloneCount = count;
    }
}
