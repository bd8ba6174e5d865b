package net.spy.memcached.ops;

/** Receives an operation's outcome: its status, then completion. */
public interface OperationCallback {

    /** The operation's status (called before {@link #complete()}). */
    void receivedStatus(OperationStatus status);

    /** The operation is finished. */
    void complete();
}
