package dev.ketch.it.parity;

import java.util.ArrayList;
import java.util.List;

/**
 * What one server did in one {@link Exchange}: the requests (as templates), the rendered replies,
 * and finally whether the connection was closed by the server or still usable. Two servers behave
 * alike for a row when their transcripts' {@link #text()} are equal.
 */
public final class Transcript {

    private final List<String> lines = new ArrayList<>();
    private final List<String> expectationFailures = new ArrayList<>();

    void request(String renderedTemplate) {
        lines.add("> " + renderedTemplate);
    }

    void reply(String rendered) {
        lines.add("< " + rendered);
    }

    void note(String text) {
        lines.add("  " + text);
    }

    void outcome(String connectionState) {
        lines.add("= " + connectionState);
    }

    void expectationFailed(String expected, String actual) {
        expectationFailures.add("expected < " + expected + "\n     got < " + actual);
    }

    /** Where the replies differed from the ones the table documents (only checked for the reference). */
    public List<String> expectationFailures() {
        return List.copyOf(expectationFailures);
    }

    /** The comparable transcript, one line per step. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return text();
    }
}
