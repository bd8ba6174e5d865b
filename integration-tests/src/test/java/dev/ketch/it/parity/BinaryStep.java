package dev.ketch.it.parity;

import java.time.Duration;
import java.util.List;

/** One step of a {@link BinaryExchange}: write packets (or raw bytes), read replies, or wait. */
public sealed interface BinaryStep {

    /** How to find the end of what is read. */
    enum ReadKind {
        /** One response packet. */
        REPLY,
        /** STAT packets up to the empty-key terminator (or one error packet); keys compared by shape. */
        STATS,
        /** Everything until the server closes the connection. */
        CLOSE
    }

    /** Writes the packets back to back, in one write or in pieces of {@code pieceSize} bytes. */
    record Send(List<BinaryRequest> requests, int pieceSize, Duration pauseBetweenPieces) implements BinaryStep {
    }

    /** Writes raw bytes (ISO-8859-1), e.g. a text command on a binary connection. */
    record SendRaw(String latin1) implements BinaryStep {
    }

    /** Reads one reply of {@code kind}; {@code expected} (may be null) documents memcached's answer. */
    record Read(ReadKind kind, BinaryExpect expected) implements BinaryStep {
    }

    record Pause(Duration duration) implements BinaryStep {
    }
}
