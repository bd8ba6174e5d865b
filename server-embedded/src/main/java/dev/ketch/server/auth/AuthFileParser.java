package dev.ketch.server.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an authentication file the way memcached 1.6.18 does. memcached reads it with
 * {@code fgets} into one buffer as large as the file, each line written over the terminator of
 * the line before; what a user sees of that:
 * <ul>
 *   <li>a user name ends at the first {@code :}, the password at the next CR, LF or NUL;
 *   <li>a line without {@code :}, an empty line included, makes the whole file malformed;
 *   <li>at most {@value #MAX_ENTRIES} users are read; a NUL byte ends the file;
 *   <li>lines are read at most 255 bytes at a time, the rest of a longer line counting as the next
 *       line;
 *   <li>the first read takes at most the file's size minus one byte, so the password of a
 *       one-line file without a final newline loses its last character.
 * </ul>
 */
final class AuthFileParser {

    /** memcached's {@code MAX_ENTRIES}. */
    static final int MAX_ENTRIES = 8;
    /** memcached's {@code MAX_ENTRY_LEN}: one {@code fgets} reads at most one byte less. */
    static final int MAX_ENTRY_LEN = 256;

    /** One {@code user:password} line. */
    record Entry(byte[] user, byte[] password) {
    }

    private AuthFileParser() {
    }

    /** The users of {@code file}, or null if memcached finds it malformed. */
    static List<Entry> parse(byte[] file) {
        LineReader reader = new LineReader(file);
        List<Entry> entries = new ArrayList<>();
        int cur = 0;
        while (reader.fgets(cur, Math.min(file.length - cur, MAX_ENTRY_LEN))) {
            byte[] buf = reader.buffer;
            int colon = -1;
            int x;
            for (x = 0; x < MAX_ENTRY_LEN; x++) {
                byte c = buf[cur + x];
                if (colon < 0) {
                    if (c == 0) {
                        break;
                    }
                    if (c == ':') {
                        colon = x;
                    }
                } else if (c == '\n' || c == '\r' || c == 0) {
                    break;
                }
            }
            if (colon < 0) {
                return null;
            }
            entries.add(new Entry(Arrays.copyOfRange(buf, cur, cur + colon),
                    Arrays.copyOfRange(buf, cur + colon + 1, cur + x)));
            if (entries.size() == MAX_ENTRIES || buf[cur + x] == 0) {
                break;
            }
            cur += x;
        }
        return entries;
    }

    /** C's {@code fgets} over the file's bytes, into a buffer of the file's size plus one. */
    private static final class LineReader {
        final byte[] buffer;
        private final byte[] file;
        private int next;

        LineReader(byte[] file) {
            this.file = file;
            this.buffer = new byte[file.length + 1];
        }

        /** Reads up to {@code n - 1} bytes, through the first newline, to {@code at}; false at end of file. */
        boolean fgets(int at, int n) {
            if (n <= 0) {
                return false;
            }
            int count = 0;
            while (count < n - 1 && next < file.length) {
                byte c = file[next++];
                buffer[at + count++] = c;
                if (c == '\n') {
                    break;
                }
            }
            if (count == 0 && n > 1) {
                return false;
            }
            buffer[at + count] = 0;
            return true;
        }
    }
}
