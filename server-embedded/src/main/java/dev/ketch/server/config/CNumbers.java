package dev.ketch.server.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The C library's number parsing and formatting as memcached (LP64 Linux, glibc) uses them on its
 * command line and in {@code stats settings}: {@code atoi}, {@code strtol}, {@code atof}, its own
 * {@code safe_strtol}/{@code safe_strtoul}, and {@code printf("%.Nf")}.
 *
 * <p>These are deliberately lenient where C is lenient ({@code atoi("12abc") == 12},
 * {@code atoi("abc") == 0}) and wrap where C wraps, because memcached's validation happens on the
 * resulting numbers, not on the text.
 */
public final class CNumbers {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private CNumbers() {
    }

    /** What {@code strtol}/{@code strtoul} return: the value, where parsing stopped, and ERANGE. */
    record Parsed(long value, int end, boolean overflow) {
    }

    /** {@code atoi}: glibc's {@code (int) strtol(s, NULL, 10)}, so out-of-range input wraps. */
    public static int atoi(String s) {
        return (int) strtol(s, 10).value();
    }

    /** {@code strtol(s, NULL, base)} truncated to a C {@code int}, as memcached does for {@code -a}. */
    public static int strtolInt(String s, int base) {
        return (int) strtol(s, base).value();
    }

    /**
     * memcached's {@code safe_strtol}: the whole token (up to trailing whitespace) must be a decimal
     * number within a C {@code long}; the result is truncated to 32 bits. Null when it fails.
     */
    public static Integer safeStrtol(String s) {
        Parsed p = strtol(s, 10);
        if (p.overflow() || p.end() == 0 || !endsCleanly(s, p.end())) {
            return null;
        }
        return (int) p.value();
    }

    /**
     * memcached's {@code safe_strtoul}: like {@link #safeStrtol} but unsigned, refusing a minus sign
     * only when the wrapped value looks negative; the result is truncated to 32 bits (read it with
     * {@link Integer#toUnsignedLong}). Null when it fails.
     */
    public static Integer safeStrtoul(String s) {
        Parsed p = strtoul(s);
        if (p.overflow() || p.end() == 0 || !endsCleanly(s, p.end())) {
            return null;
        }
        if (p.value() < 0 && s.indexOf('-') >= 0) {
            return null;
        }
        return (int) p.value();
    }

    private static boolean endsCleanly(String s, int end) {
        return end == s.length() || isSpace(s.charAt(end));
    }

    /** {@code strtol}: C {@code long} (64 bits), clamped with overflow set when out of range. */
    static Parsed strtol(String s, int base) {
        Digits d = digits(s, base);
        if (d == null) {
            return new Parsed(0, 0, false);
        }
        BigInteger v = d.negative ? d.magnitude.negate() : d.magnitude;
        if (v.compareTo(LONG_MAX) > 0) {
            return new Parsed(Long.MAX_VALUE, d.end, true);
        }
        if (v.compareTo(LONG_MIN) < 0) {
            return new Parsed(Long.MIN_VALUE, d.end, true);
        }
        return new Parsed(v.longValue(), d.end, false);
    }

    /** {@code strtoul} base 10: C {@code unsigned long} as a bit pattern; a minus sign negates modulo 2^64. */
    static Parsed strtoul(String s) {
        Digits d = digits(s, 10);
        if (d == null) {
            return new Parsed(0, 0, false);
        }
        if (d.magnitude.compareTo(ULONG_MAX) > 0) {
            return new Parsed(-1L, d.end, true);
        }
        long v = d.magnitude.longValue();
        return new Parsed(d.negative ? -v : v, d.end, false);
    }

    private record Digits(boolean negative, BigInteger magnitude, int end) {
    }

    private static Digits digits(String s, int base) {
        int i = skipSpace(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), base) >= 0) {
            i++;
        }
        if (i == start) {
            return null;
        }
        return new Digits(negative, new BigInteger(s.substring(start, i), base), i);
    }

    /**
     * {@code atof}: glibc's {@code strtod} on the longest valid prefix (decimal or hexadecimal
     * floating point, {@code inf}, {@code infinity}, {@code nan}); 0.0 when there is none.
     */
    public static double atof(String s) {
        int i = skipSpace(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        String rest = s.substring(i);
        double magnitude;
        if (startsWithIgnoreCase(rest, "inf")) {
            magnitude = Double.POSITIVE_INFINITY;
        } else if (startsWithIgnoreCase(rest, "nan")) {
            magnitude = Double.NaN;
        } else if (startsWithIgnoreCase(rest, "0x") && rest.length() > 2 && isHexMantissaStart(rest, 2)) {
            magnitude = hexFloat(rest);
        } else {
            magnitude = decimalFloat(rest);
        }
        return negative ? -magnitude : magnitude;
    }

    private static boolean isHexMantissaStart(String s, int i) {
        if (isHexDigit(s.charAt(i))) {
            return true;
        }
        return s.charAt(i) == '.' && i + 1 < s.length() && isHexDigit(s.charAt(i + 1));
    }

    private static double decimalFloat(String s) {
        int i = 0;
        int digits = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0.0;
        }
        int end = exponentEnd(s, i, 'e');
        return Double.parseDouble(s.substring(0, end));
    }

    private static double hexFloat(String s) {
        int i = 2;
        while (i < s.length() && isHexDigit(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isHexDigit(s.charAt(i))) {
                i++;
            }
        }
        int end = exponentEnd(s, i, 'p');
        String literal = s.substring(0, end);
        if (end == i) {
            literal += "p0";
        }
        return Double.parseDouble(literal);
    }

    /** Index after an exponent part starting at {@code i}, or {@code i} if there is no complete one. */
    private static int exponentEnd(String s, int i, char marker) {
        if (i >= s.length() || Character.toLowerCase(s.charAt(i)) != marker) {
            return i;
        }
        int j = i + 1;
        if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
            j++;
        }
        int start = j;
        while (j < s.length() && isDigit(s.charAt(j))) {
            j++;
        }
        return j > start ? j : i;
    }

    /** {@code printf("%.<decimals>f", value)} as glibc prints it (exact value, ties to even). */
    public static String fixed(double value, int decimals) {
        boolean negative = (Double.doubleToRawLongBits(value) & Long.MIN_VALUE) != 0;
        String sign = negative ? "-" : "";
        if (Double.isNaN(value)) {
            return sign + "nan";
        }
        if (Double.isInfinite(value)) {
            return sign + "inf";
        }
        return sign + new BigDecimal(Math.abs(value)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** C's {@code isspace} in the "C" locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
