package dev.ketch.it.parity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the binary-protocol behaviour table: a named sequence of request packets, reply
 * reads and pauses, run on a fresh connection against each server. After the last step the
 * runner sends a NOOP to tell whether the connection is still usable.
 *
 * <p>Every reply the server sends must be read by a step: a quiet command that answers nothing is
 * shown by the reply to a following NOOP coming first.
 */
public final class BinaryExchange {

    private final String name;
    private final List<BinaryStep> steps = new ArrayList<>();

    private BinaryExchange(String name) {
        this.name = name;
    }

    /** Starts a row; the name says what behaviour the row pins down. */
    public static BinaryExchange named(String name) {
        return new BinaryExchange(name);
    }

    public String name() {
        return name;
    }

    public List<BinaryStep> steps() {
        return List.copyOf(steps);
    }

    /** Writes the packets back to back in a single write (a pipeline). */
    public BinaryExchange send(BinaryRequest... requests) {
        steps.add(new BinaryStep.Send(List.of(requests), Integer.MAX_VALUE, Duration.ZERO));
        return this;
    }

    /** Writes the packets in pieces of {@code pieceSize} bytes, pausing between pieces. */
    public BinaryExchange sendInPieces(int pieceSize, long pauseMillis, BinaryRequest... requests) {
        steps.add(new BinaryStep.Send(List.of(requests), pieceSize, Duration.ofMillis(pauseMillis)));
        return this;
    }

    /** Writes raw bytes, e.g. a text-protocol command. */
    public BinaryExchange sendRaw(String latin1) {
        steps.add(new BinaryStep.SendRaw(latin1));
        return this;
    }

    /** Reads one response packet. */
    public BinaryExchange reply() {
        return reply(null);
    }

    /** Reads one response packet; real memcached is documented to answer {@code expected}. */
    public BinaryExchange reply(BinaryExpect expected) {
        steps.add(new BinaryStep.Read(BinaryStep.ReadKind.REPLY, expected));
        return this;
    }

    /** Reads {@code count} response packets. */
    public BinaryExchange replies(int count) {
        for (int i = 0; i < count; i++) {
            reply();
        }
        return this;
    }

    /** Reads a STAT reply: packets up to the terminator, compared by the shape of their keys. */
    public BinaryExchange stats() {
        steps.add(new BinaryStep.Read(BinaryStep.ReadKind.STATS, null));
        return this;
    }

    /** Reads until the server closes the connection. */
    public BinaryExchange awaitClose() {
        steps.add(new BinaryStep.Read(BinaryStep.ReadKind.CLOSE, null));
        return this;
    }

    public BinaryExchange pause(long millis) {
        steps.add(new BinaryStep.Pause(Duration.ofMillis(millis)));
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}
