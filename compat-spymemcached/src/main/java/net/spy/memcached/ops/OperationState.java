package net.spy.memcached.ops;

/** Where an operation is in its life. */
public enum OperationState {
    /** Waiting to be written. */
    WRITE_QUEUED,
    /** Being written. */
    WRITING,
    /** Written, waiting for (or reading) the reply. */
    READING,
    /** Finished. */
    COMPLETE,
    /** To be sent again. */
    RETRY
}
