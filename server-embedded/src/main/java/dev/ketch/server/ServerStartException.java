package dev.ketch.server;

import dev.ketch.server.config.ExitStatus;

/**
 * The server could not start: an address could not be bound, the {@code -Y} file could not be
 * read, or settings contradict each other. {@link #exitStatus()} is the status memcached exits with
 * in the same situation.
 */
public final class ServerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** memcached's exit status for this failure. */
    private final int exitStatus;

    /**
     * A failure to bind or open something, described by {@code message} (exit status {@code
     * EX_OSERR}).
     */
    public ServerStartException(String message) {
        this(message, ExitStatus.OS_ERROR, null);
    }

    /**
     * A failure to bind or open something, described by {@code message}, caused by {@code cause}.
     */
    public ServerStartException(String message, Throwable cause) {
        this(message, ExitStatus.OS_ERROR, cause);
    }

    /** @param exitStatus memcached's exit status for this failure (see {@link ExitStatus}) */
    public ServerStartException(String message, int exitStatus, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    /** The process exit status memcached uses for this failure ({@code EX_OSERR} for bind errors). */
    public int exitStatus() {
        return exitStatus;
    }
}
