package dev.ketch.it.parity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the text-protocol behaviour table: a named sequence of writes, reply reads and
 * pauses, run on a fresh connection against each server. After the last step the runner probes
 * whether the server closed the connection or still answers.
 *
 * <p>Request templates and expectations may use placeholders:
 * <ul>
 *   <li>{@code {k}}: the row's key prefix (5 bytes, unique per row), e.g. {@code {k}a} is a key</li>
 *   <li>{@code {k:N}}: a key of exactly N bytes starting with the prefix</li>
 *   <li>{@code {cas}}: the CAS unique of the last VALUE line with one seen in this row</li>
 *   <li>{@code {now+N}} / {@code {now-N}}: the current unix time plus or minus N seconds</li>
 *   <li>{@code {b64:TEXT}}: TEXT (its own placeholders substituted first) encoded in base64</li>
 * </ul>
 * Requests are written exactly as given (line endings included), as ISO-8859-1 bytes.
 */
public final class Exchange {

    private final String name;
    private final List<Step> steps = new ArrayList<>();

    private Exchange(String name) {
        this.name = name;
    }

    /** Starts a row; the name says what behaviour the row pins down. */
    public static Exchange named(String name) {
        return new Exchange(name);
    }

    public String name() {
        return name;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Writes the request bytes in a single write. */
    public Exchange send(String template) {
        steps.add(new Step.Write(template, Integer.MAX_VALUE, Duration.ZERO));
        return this;
    }

    /** Writes the request bytes in pieces of {@code pieceSize} bytes, pausing between pieces. */
    public Exchange sendInPieces(String template, int pieceSize, long pauseMillis) {
        steps.add(new Step.Write(template, pieceSize, Duration.ofMillis(pauseMillis)));
        return this;
    }

    /** Reads one line. */
    public Exchange line() {
        return read(ReplyShape.LINE, 1, null);
    }

    /** Reads one line; real memcached is documented to answer {@code expected} (without CRLF). */
    public Exchange line(String expected) {
        return read(ReplyShape.LINE, 1, expected + "\r\n");
    }

    /** Reads {@code count} lines. */
    public Exchange lines(int count) {
        return read(ReplyShape.LINES, count, null);
    }

    /** Reads {@code count} lines; real memcached answers {@code expectedLine} for each. */
    public Exchange lines(int count, String expectedLine) {
        return read(ReplyShape.LINES, count, (expectedLine + "\r\n").repeat(count));
    }

    /** Reads a retrieval reply (VALUE blocks up to END). */
    public Exchange values() {
        return read(ReplyShape.VALUES, 0, null);
    }

    /** Reads a retrieval reply; real memcached answers exactly {@code expected} (raw, with CRLFs). */
    public Exchange values(String expected) {
        return read(ReplyShape.VALUES, 0, expected);
    }

    /** Reads a stats reply (compared by shape). */
    public Exchange stats() {
        return read(ReplyShape.STATS, 0, null);
    }

    /** Reads a meta-command reply (see {@link ReplyShape#META} for what is normalized). */
    public Exchange meta() {
        return read(ReplyShape.META, 1, null);
    }

    /**
     * Reads a meta-command reply; real memcached is documented to answer {@code expected}, as
     * rendered after the {@link ReplyShape#META} normalizations and without the final CRLF: e.g.
     * {@code "HD c<cas1>"} or {@code "VA 2 t<100s>\r\nhi"}.
     */
    public Exchange meta(String expected) {
        return read(ReplyShape.META, 1, expected + "\r\n");
    }

    /** Reads a version reply (compared by its "VERSION 1.6" prefix). */
    public Exchange version() {
        return read(ReplyShape.VERSION, 1, null);
    }

    /**
     * Waits for the server to close the connection (reading whatever it sends first); without this
     * the final probe could race with a close that is about to happen.
     */
    public Exchange awaitClose() {
        return read(ReplyShape.CLOSE, 0, null);
    }

    /** Waits before the next step. */
    public Exchange pause(long millis) {
        steps.add(new Step.Pause(Duration.ofMillis(millis)));
        return this;
    }

    private Exchange read(ReplyShape shape, int lineCount, String expected) {
        steps.add(new Step.Read(shape, lineCount, expected));
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}
