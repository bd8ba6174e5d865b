package dev.ketch.it.parity;

import java.time.Duration;

/** One step of an {@link Exchange}: write request bytes, read a reply, or wait. */
public sealed interface Step {

    /**
     * Writes {@code template} (placeholders substituted, see {@link Exchange}) as ISO-8859-1 bytes,
     * in one write or in pieces of {@code pieceSize} bytes with {@code pauseBetweenPieces} in between.
     */
    record Write(String template, int pieceSize, Duration pauseBetweenPieces) implements Step {
    }

    /**
     * Reads one reply of the given {@code shape} ({@code lineCount} lines for
     * {@link ReplyShape#LINES}); {@code expected}, when not null, is what real memcached is
     * documented to answer (placeholders allowed), checked against the reference server.
     */
    record Read(ReplyShape shape, int lineCount, String expected) implements Step {
    }

    /** Waits, e.g. for an expiry time to pass. */
    record Pause(Duration duration) implements Step {
    }
}
