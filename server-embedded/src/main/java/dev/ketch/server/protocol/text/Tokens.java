package dev.ketch.server.protocol.text;

import java.nio.charset.StandardCharsets;

/**
 * A command line split into tokens the way memcached's {@code tokenize_command} does it: only
 * the space character separates tokens (tabs and other control characters belong to tokens), at
 * most {@value #MAX_TOKENS}{@code - 1} tokens are split off and the rest of the line is left for
 * the caller (multi-key gets continue there).
 *
 * <p>{@link #count()} is memcached's {@code ntokens}: the real tokens plus the terminal one, so a
 * bare {@code "get"} counts 2. The terminal token has no text; {@link #hasRest()} tells whether
 * unprocessed text follows (memcached's non-NULL terminal value). Token {@code i} is
 * {@link #line()}{@code [start(i), start(i) + length(i))}. Reused per connection.
 */
final class Tokens {

    /** memcached's {@code MAX_TOKENS}. */
    static final int MAX_TOKENS = 24;

    private final int[] starts = new int[MAX_TOKENS];
    private final int[] lengths = new int[MAX_TOKENS];
    private byte[] line;
    private int count;
    private int rest;
    private int end;

    /**
     * Tokenizes {@code line[from, end)}; returns {@link #count()}.
     */
    int tokenize(byte[] line, int from, int end) {
        this.line = line;
        this.end = end;
        int n = 0;
        int s = from;
        int e = from;
        boolean stopped = false;
        for (; e < end; e++) {
            if (line[e] == ' ') {
                if (s != e) {
                    starts[n] = s;
                    lengths[n] = e - s;
                    n++;
                    if (n == MAX_TOKENS - 1) {
                        e++;
                        s = e;
                        stopped = true;
                        break;
                    }
                }
                s = e + 1;
            }
        }
        if (!stopped && s != e) {
            starts[n] = s;
            lengths[n] = e - s;
            n++;
        }
        // the terminal token: where tokenizing stopped, if anything is left there
        starts[n] = e;
        lengths[n] = 0;
        rest = e < end ? e : -1;
        count = n + 1;
        return count;
    }

    byte[] line() {
        return line;
    }

    int count() {
        return count;
    }

    int start(int i) {
        return starts[i];
    }

    int length(int i) {
        return lengths[i];
    }

    /** True if the line goes on after the last token split off (only after 23 tokens). */
    boolean hasRest() {
        return rest >= 0;
    }

    /** Where the unprocessed rest starts (see {@link #hasRest()}). */
    int restStart() {
        return rest;
    }

    int end() {
        return end;
    }

    /** C's {@code strcmp(token, word) == 0}. */
    boolean is(int i, String word) {
        int len = lengths[i];
        if (len != word.length() || (i == count - 1)) {
            return false;
        }
        int s = starts[i];
        for (int k = 0; k < len; k++) {
            if (line[s + k] != (byte) word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** C's {@code strncmp(token, prefix, prefix.length()) == 0}. */
    boolean startsWith(int i, String prefix) {
        if (lengths[i] < prefix.length()) {
            return false;
        }
        int s = starts[i];
        for (int k = 0; k < prefix.length(); k++) {
            if (line[s + k] != (byte) prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The token's bytes as a new array (a key for the engine). */
    byte[] bytes(int i) {
        byte[] b = new byte[lengths[i]];
        System.arraycopy(line, starts[i], b, 0, b.length);
        return b;
    }

    String string(int i) {
        return new String(line, starts[i], lengths[i], StandardCharsets.ISO_8859_1);
    }
}
