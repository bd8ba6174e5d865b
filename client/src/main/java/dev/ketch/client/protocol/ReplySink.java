package dev.ketch.client.protocol;

/**
 * Where a connection's decoder sends what it reads: the connection, which keeps its in-flight
 * operations in send order. Called only on the connection's event loop.
 */
public interface ReplySink {

    /** The oldest in-flight operation still expecting replies, or null. */
    Operation<?> awaiting();

    /** Hands one reply (or reply part) to {@link #awaiting()}. */
    void deliver(Reply reply);

    /**
     * The bytes on the connection make no sense (malformed reply, reply nobody waits for): the
     * connection must be closed and its operations failed, never left waiting.
     */
    void protocolError(String reason);
}
