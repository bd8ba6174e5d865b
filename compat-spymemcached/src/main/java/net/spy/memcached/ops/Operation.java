package net.spy.memcached.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import net.spy.memcached.MemcachedNode;

/**
 * One request to a server and the reading of its reply: its bytes ({@link #initialize()} then
 * {@link #getBuffer()}), its parsing of the reply ({@link #readFromBuffer}), its state, and the
 * {@link OperationCallback} told the outcome.
 */
public interface Operation {

    /** True if the operation was cancelled. */
    boolean isCancelled();

    /** True if the server or the client reported an error. */
    boolean hasErrored();

    /** The error, if {@link #hasErrored()}. */
    OperationException getException();

    /** Who is told the outcome. */
    OperationCallback getCallback();

    /** Cancels the operation. */
    void cancel();

    /** The current state. */
    OperationState getState();

    /** The request's bytes still to write. */
    ByteBuffer getBuffer();

    /** The request is being written. */
    void writing();

    /** The request was written. */
    void writeComplete();

    /** Builds the request's bytes. */
    void initialize();

    /**
     * Reads reply bytes from {@code data}, as many as belong to this operation.
     *
     * @throws IOException if the reply is malformed
     */
    void readFromBuffer(ByteBuffer data) throws IOException;

    /** Reads the bytes of a value in the reply. */
    void handleRead(ByteBuffer data);

    /** The server the operation was sent to. */
    MemcachedNode getHandlingNode();

    /** Sets the server the operation is sent to. */
    void setHandlingNode(MemcachedNode to);

    /** Marks the operation timed out. */
    void timeOut();

    /** True if the operation timed out. */
    boolean isTimedOut();

    /** True if the operation has been waiting longer than {@code ttlMillis} since it was written. */
    boolean isTimedOut(long ttlMillis);

    /** True if the operation timed out before it was written. */
    boolean isTimedOutUnsent();

    /** When the request was written ({@link System#nanoTime()}), 0 before. */
    long getWriteCompleteTimestamp();

    /** The server's error reply, if any. */
    byte[] getErrorMsg();

    /** Records a clone sent in this operation's place. */
    void addClone(Operation op);

    /** How many clones were made of this operation. */
    int getCloneCount();

    /** Sets the clone count. */
    void setCloneCount(int count);
}
