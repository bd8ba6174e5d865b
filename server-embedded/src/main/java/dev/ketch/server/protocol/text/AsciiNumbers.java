package dev.ketch.server.protocol.text;

import java.nio.charset.StandardCharsets;

/**
 * Number parsing exactly as memcached's {@code safe_strto*} helpers on a 64-bit Linux build:
 * C's {@code strtoul}/{@code strtol}/{@code strtod} followed by memcached's checks. The quirks are
 * part of the protocol and clients (and memcached's tests) observe them:
 *
 * <ul>
 *   <li>leading whitespace and a {@code +} or {@code -} sign are accepted;
 *   <li>the number must end the token or be followed by whitespace ({@code "5\r"} is 5);
 *   <li>{@code strtoul} negates a {@code -} number modulo 2^64, and memcached only refuses the
 *       sign when the result reads as negative, so {@code -18446744073709551615} is 1;
 *   <li>the 32-bit variants parse 64 bits and then truncate, so flags {@code 4294967296} are 0
 *       and a value length of {@code 4294967296} is 0.
 * </ul>
 *
 * <p>Each method takes a token (bytes {@code [from, from + length)}) and returns whether it is a
 * number; the value is then in {@link #value()} or {@link #doubleValue()}. One instance per
 * connection; not thread-safe.
 */
final class AsciiNumbers {

    private long value;
    private double doubleValue;

    /** The last parsed integer (for the unsigned variants: the unsigned bits). */
    long value() {
        return value;
    }

    double doubleValue() {
        return doubleValue;
    }

    /** {@code safe_strtoul}: an unsigned 32-bit number (kept in the low 32 bits of {@link #value()}). */
    boolean strtoul32(byte[] b, int from, int length) {
        if (!strtoUnsigned64(b, from, length)) {
            return false;
        }
        value &= 0xFFFF_FFFFL;
        return true;
    }

    /** {@code safe_strtoull}: an unsigned 64-bit number. */
    boolean strtoull(byte[] b, int from, int length) {
        return strtoUnsigned64(b, from, length);
    }

    /** {@code safe_strtol}: a signed number truncated to 32 bits. */
    boolean strtol32(byte[] b, int from, int length) {
        if (!strtoll(b, from, length)) {
            return false;
        }
        value = (int) value;
        return true;
    }

    /** {@code safe_strtoll}: a signed 64-bit number. */
    boolean strtoll(byte[] b, int from, int length) {
        value = 0;
        int end = from + length;
        int i = skipSpace(b, from, end);
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        int digits = i;
        long v = 0;
        boolean overflow = false;
        while (i < end && isDigit(b[i])) {
            int d = b[i] - '0';
            // accumulate as a negative number so Long.MIN_VALUE fits
            if (v < (Long.MIN_VALUE + d) / 10) {
                overflow = true;
            } else {
                v = v * 10 - d;
            }
            i++;
        }
        if (i == digits) {
            return false; // no conversion: endptr == str
        }
        if (overflow || (!negative && v == Long.MIN_VALUE)) {
            return false; // ERANGE
        }
        if (!endsNumber(b, i, end)) {
            return false;
        }
        value = negative ? v : -v;
        return true;
    }

    private boolean strtoUnsigned64(byte[] b, int from, int length) {
        value = 0;
        int end = from + length;
        int i = skipSpace(b, from, end);
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        int digits = i;
        long v = 0;
        boolean overflow = false;
        while (i < end && isDigit(b[i])) {
            int d = b[i] - '0';
            if (Long.compareUnsigned(v, MAX_DIV_10) > 0 || (v == MAX_DIV_10 && d > MAX_LAST_DIGIT)) {
                overflow = true;
            }
            v = v * 10 + d;
            i++;
        }
        if (i == digits || overflow) {
            return false;
        }
        if (!endsNumber(b, i, end)) {
            return false;
        }
        if (negative) {
            v = -v;
        }
        if (v < 0 && contains(b, from, end, (byte) '-')) {
            return false;
        }
        value = v;
        return true;
    }

    /**
     * {@code safe_strtod}: a C floating point number (decimal or hexadecimal, {@code inf},
     * {@code nan}); out-of-range values are refused as {@code ERANGE}.
     */
    boolean strtod(byte[] b, int from, int length) {
        doubleValue = 0;
        int end = from + length;
        int i = skipSpace(b, from, end);
        int start = i;
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        double d;
        int afterNumber;
        if (matchesIgnoreCase(b, i, end, "infinity")) {
            d = Double.POSITIVE_INFINITY;
            afterNumber = i + 8;
        } else if (matchesIgnoreCase(b, i, end, "inf")) {
            d = Double.POSITIVE_INFINITY;
            afterNumber = i + 3;
        } else if (matchesIgnoreCase(b, i, end, "nan")) {
            d = Double.NaN;
            afterNumber = i + 3;
            if (afterNumber < end && b[afterNumber] == '(') {
                int close = afterNumber + 1;
                while (close < end && (isAlnum(b[close]) || b[close] == '_')) {
                    close++;
                }
                if (close < end && b[close] == ')') {
                    afterNumber = close + 1;
                }
            }
        } else {
            afterNumber = scanFloat(b, i, end);
            if (afterNumber == i) {
                return false;
            }
            String text = new String(b, i, afterNumber - i, StandardCharsets.US_ASCII);
            boolean hex = text.length() > 1 && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
            if (hex && text.indexOf('p') < 0 && text.indexOf('P') < 0) {
                text = text + "p0";
            }
            try {
                d = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return false;
            }
            if (Double.isInfinite(d) || (d == 0 && hasNonZeroDigit(text, hex)) || (d != 0 && Math.abs(d) < Double.MIN_NORMAL)) {
                return false; // ERANGE: overflow or underflow
            }
        }
        if (afterNumber == start) {
            return false;
        }
        if (!endsNumber(b, afterNumber, end)) {
            return false;
        }
        doubleValue = negative ? -d : d;
        return true;
    }

    /** Length of the longest prefix of a C float (after the sign) at {@code i}. */
    private static int scanFloat(byte[] b, int i, int end) {
        if (i + 1 < end && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) {
            int j = i + 2;
            int digits = 0;
            while (j < end && isHexDigit(b[j])) {
                j++;
                digits++;
            }
            if (j < end && b[j] == '.') {
                j++;
                while (j < end && isHexDigit(b[j])) {
                    j++;
                    digits++;
                }
            }
            if (digits == 0) {
                return i + 1; // just the "0"
            }
            return exponent(b, j, end, 'p', 'P');
        }
        int j = i;
        int digits = 0;
        while (j < end && isDigit(b[j])) {
            j++;
            digits++;
        }
        if (j < end && b[j] == '.') {
            j++;
            while (j < end && isDigit(b[j])) {
                j++;
                digits++;
            }
        }
        if (digits == 0) {
            return i;
        }
        return exponent(b, j, end, 'e', 'E');
    }

    private static int exponent(byte[] b, int j, int end, char lower, char upper) {
        if (j < end && (b[j] == lower || b[j] == upper)) {
            int k = j + 1;
            if (k < end && (b[k] == '+' || b[k] == '-')) {
                k++;
            }
            if (k < end && isDigit(b[k])) {
                while (k < end && isDigit(b[k])) {
                    k++;
                }
                return k;
            }
        }
        return j;
    }

    private static boolean hasNonZeroDigit(String text, boolean hex) {
        int stop = text.length();
        for (int i = hex ? 2 : 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((!hex && (c == 'e' || c == 'E')) || (hex && (c == 'p' || c == 'P'))) {
                stop = i;
                break;
            }
        }
        for (int i = hex ? 2 : 0; i < stop; i++) {
            char c = text.charAt(i);
            if (c != '0' && c != '.') {
                return true;
            }
        }
        return false;
    }

    private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
    private static final int MAX_LAST_DIGIT = (int) Long.remainderUnsigned(-1L, 10);

    /** memcached's check after the digits: end of the token or a whitespace character. */
    private static boolean endsNumber(byte[] b, int i, int end) {
        return i == end || isSpace(b[i]);
    }

    private static int skipSpace(byte[] b, int i, int end) {
        while (i < end && isSpace(b[i])) {
            i++;
        }
        return i;
    }

    /** C's {@code isspace} in the C locale. */
    static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(byte c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAlnum(byte c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean contains(byte[] b, int from, int end, byte c) {
        for (int i = from; i < end; i++) {
            if (b[i] == c) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesIgnoreCase(byte[] b, int i, int end, String word) {
        if (end - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase((char) b[i + k]) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
