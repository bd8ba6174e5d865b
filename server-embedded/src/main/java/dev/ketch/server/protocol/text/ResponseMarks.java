package dev.ketch.server.protocol.text;

import java.util.Arrays;

/**
 * Where each of memcached's response objects starts in a connection's reply buffer, and which
 * ones {@code noreply} suppressed. memcached starts a response for every command line and for
 * every further key of a multi-get; datagram transports send each one separately.
 */
final class ResponseMarks {

    private int[] starts = new int[8];
    private boolean[] skipped = new boolean[8];
    private int count;

    /** A response starts at {@code offset} of the reply buffer. */
    void begin(int offset) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            skipped = Arrays.copyOf(skipped, count * 2);
        }
        starts[count] = offset;
        skipped[count] = false;
        count++;
    }

    /** The latest response was suppressed by {@code noreply}. */
    void skipLast() {
        if (count > 0) {
            skipped[count - 1] = true;
        }
    }

    /** Forgets the responses starting at or after {@code offset} (their bytes were dropped). */
    void truncate(int offset) {
        while (count > 0 && starts[count - 1] >= offset) {
            count--;
        }
    }

    int count() {
        return count;
    }

    int start(int i) {
        return starts[i];
    }

    boolean skipped(int i) {
        return skipped[i];
    }

    void clear() {
        count = 0;
    }
}
