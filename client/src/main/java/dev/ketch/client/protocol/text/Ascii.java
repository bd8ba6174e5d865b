package dev.ketch.client.protocol.text;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Matching and parsing the text and meta protocols' reply lines where they lie in the network
 * buffer, between absolute indexes {@code [start, end)}, without making a {@code String}.
 */
public final class Ascii {

    /** (2^64 - 1) / 10: a larger number times 10 overflows 64 unsigned bits. */
    private static final long MAX_TENTH = Long.divideUnsigned(-1L, 10);

    private Ascii() {
    }

    /** The bytes of an ASCII word. */
    public static byte[] bytes(String word) {
        return word.getBytes(StandardCharsets.US_ASCII);
    }

    /** True if the line is exactly {@code word}. */
    public static boolean is(ByteBuf in, int start, int end, byte[] word) {
        return end - start == word.length && startsWith(in, start, end, word);
    }

    public static boolean startsWith(ByteBuf in, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (in.getByte(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    public static boolean contains(ByteBuf in, int start, int end, byte[] part) {
        for (int at = start; at + part.length <= end; at++) {
            if (startsWith(in, at, end, part)) {
                return true;
            }
        }
        return false;
    }

    /** The index of the first space at or after {@code from}, or {@code end}. */
    public static int nextSpace(ByteBuf in, int from, int end) {
        if (from >= end) {
            return end;
        }
        int space = in.indexOf(from, end, (byte) ' ');
        return space < 0 ? end : space;
    }

    /**
     * The unsigned 64-bit decimal number {@code [from, to)}.
     *
     * @throws NumberFormatException if it is empty, has a non-digit or exceeds 2^64-1
     */
    public static long parseUnsigned(ByteBuf in, int from, int to) {
        if (from >= to || to - from > 20) {
            throw new NumberFormatException("not a 64-bit unsigned number: " + text(in, from, to));
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = in.getByte(i) - '0';
            if (digit < 0 || digit > 9 || Long.compareUnsigned(value, MAX_TENTH) > 0 || value == MAX_TENTH && digit > 5) {
                throw new NumberFormatException("not a 64-bit unsigned number: " + text(in, from, to));
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The signed decimal number {@code [from, to)} (a meta TTL of -1 is "never expires"). */
    public static long parseSigned(ByteBuf in, int from, int to) {
        if (from < to && in.getByte(from) == '-') {
            long magnitude = parseUnsigned(in, from + 1, to);
            if (magnitude < 0) {
                throw new NumberFormatException("out of range: " + text(in, from, to));
            }
            return -magnitude;
        }
        long value = parseUnsigned(in, from, to);
        if (value < 0) {
            throw new NumberFormatException("out of range: " + text(in, from, to));
        }
        return value;
    }

    public static String text(ByteBuf in, int start, int end) {
        return in.toString(start, Math.max(0, end - start), StandardCharsets.ISO_8859_1);
    }
}
