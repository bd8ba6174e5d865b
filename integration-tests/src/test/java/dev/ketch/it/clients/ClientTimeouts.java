package dev.ketch.it.clients;

import java.time.Duration;

/**
 * The time limits every client call in these tests runs under, so that a server that does not
 * answer fails a test instead of hanging it.
 */
public final class ClientTimeouts {

    /**
     * Longest time one client operation may take: {@code ketch.it.replyTimeoutMillis} (3000 ms by
     * default), as for the module's raw-protocol tests.
     */
    public static final Duration OPERATION = Duration.ofMillis(Long.getLong("ketch.it.replyTimeoutMillis", 3000));
    /** Longest time to connect (and, for clients that do so, authenticate) before the first operation. */
    public static final Duration CONNECT = OPERATION.plusSeconds(2);
    /**
     * How long a client's shutdown may wait for outstanding requests to drain (only a server that
     * stopped answering makes it wait that long).
     */
    public static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(2);
    /** How long after a test the threads its clients started may take to end. */
    public static final Duration THREADS_END = Duration.ofSeconds(10);

    private ClientTimeouts() {
    }
}
