package dev.ketch.server.engine;

import dev.ketch.server.storage.NativeMemory;

/**
 * Reads an item's value as incr/decr do: C's {@code strtoull} in base 10 with memcached's
 * {@code safe_strtoull} checks. Leading whitespace and a sign are accepted, the number must be
 * followed by whitespace (the stored {@code \r\n} counts) or end, and must fit 64 bits; a negative
 * sign is refused when the result would read as negative. Not thread-safe (used under the engine
 * lock).
 */
final class StoredNumber {

    /** (2^64 - 1) / 10 and (2^64 - 1) % 10: beyond them the next digit overflows. */
    private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
    private static final int MAX_LAST_DIGIT = (int) Long.remainderUnsigned(-1L, 10);

    private long value;

    long value() {
        return value;
    }

    /** Parses the {@code length} stored bytes at {@code address}; false if they are not a number. */
    boolean parse(long address, int length) {
        int i = 0;
        while (i < length && isSpace(NativeMemory.getByte(address + i))) {
            i++;
        }
        boolean negative = false;
        if (i < length) {
            byte sign = NativeMemory.getByte(address + i);
            if (sign == '-' || sign == '+') {
                negative = sign == '-';
                i++;
            }
        }
        int digitsStart = i;
        long v = 0;
        boolean overflow = false;
        while (i < length) {
            int d = NativeMemory.getByte(address + i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (Long.compareUnsigned(v, MAX_DIV_10) > 0 || (v == MAX_DIV_10 && d > MAX_LAST_DIGIT)) {
                overflow = true;
            }
            v = v * 10 + d;
            i++;
        }
        if (i == digitsStart || overflow) {
            return false;
        }
        if (i < length) {
            byte end = NativeMemory.getByte(address + i);
            if (!isSpace(end) && end != 0) {
                return false;
            }
        }
        if (negative) {
            v = -v;
            if (v < 0) {
                return false;
            }
        }
        value = v;
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
