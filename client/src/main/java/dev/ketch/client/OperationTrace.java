package dev.ketch.client;

/**
 * Follows one operation from its submission ({@link ClientListener#operationStarted}) to its end,
 * e.g. as a Micrometer {@code Observation} or a tracing span.
 */
@FunctionalInterface
public interface OperationTrace {

    /**
     * The operation ended; called once, on the thread that completes its future.
     *
     * @param failure null on success (a miss is a success), otherwise why it failed
     * @param hits for a retrieval, the keys found (0 or 1 for a single key); 0 for other commands
     * @param misses for a retrieval, the keys asked for and not found; 0 for other commands
     */
    void ended(Throwable failure, int hits, int misses);
}
