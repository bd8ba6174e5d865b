package dev.ketch.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CNumbersTest {

    @Test
    void atoiReadsTheLeadingNumberLikeGlibc() {
        assertEquals(11211, CNumbers.atoi("11211"));
        assertEquals(12, CNumbers.atoi("12abc"));
        assertEquals(0, CNumbers.atoi("abc"));
        assertEquals(0, CNumbers.atoi(""));
        assertEquals(-7, CNumbers.atoi("  -7"));
        assertEquals(5, CNumbers.atoi("+5"));
        assertEquals(1, CNumbers.atoi("1.5"));
    }

    @Test
    void atoiTruncatesLongsAndClampsBeyondThemAsGlibcDoes() {
        // (int) strtol: 2^32 + 1 keeps its low 32 bits; beyond LONG_MAX strtol clamps, and (int) LONG_MAX == -1
        assertEquals(1, CNumbers.atoi("4294967297"));
        assertEquals(-1, CNumbers.atoi("99999999999999999999"));
        assertEquals(0, CNumbers.atoi("-99999999999999999999"));
    }

    @Test
    void strtolInBaseEightForUnixMasks() {
        assertEquals(0700, CNumbers.strtolInt("700", 8));
        assertEquals(0777, CNumbers.strtolInt("0777", 8));
        assertEquals(0, CNumbers.strtolInt("abc", 8));
        assertEquals(0, CNumbers.strtolInt("9", 8));
        assertEquals(07, CNumbers.strtolInt("78", 8));
    }

    @Test
    void safeStrtolNeedsTheWholeToken() {
        assertEquals(4096, CNumbers.safeStrtol("4096"));
        assertEquals(-4, CNumbers.safeStrtol("-4"));
        assertEquals(7, CNumbers.safeStrtol("7 "));
        assertNull(CNumbers.safeStrtol("12abc"));
        assertNull(CNumbers.safeStrtol("abc"));
        assertNull(CNumbers.safeStrtol(""));
        assertNull(CNumbers.safeStrtol("99999999999999999999"));
        assertEquals(0, CNumbers.safeStrtol("4294967296")); // fits a long, truncated to int32
    }

    @Test
    void safeStrtoulRefusesNegativesThatWrapAndTruncatesTo32Bits() {
        assertEquals(100, CNumbers.safeStrtoul("100"));
        assertNull(CNumbers.safeStrtoul("-1"));
        assertNull(CNumbers.safeStrtoul("x"));
        assertNull(CNumbers.safeStrtoul("5x"));
        assertEquals(0, CNumbers.safeStrtoul("-0"));
        assertEquals(0, CNumbers.safeStrtoul("4294967296"));
        assertEquals(-1, CNumbers.safeStrtoul("4294967295")); // 0xffffffff in an int's bits
    }

    @Test
    void atofReadsTheLongestFloatingPointPrefix() {
        assertEquals(1.25, CNumbers.atof("1.25"));
        assertEquals(1.1, CNumbers.atof("1.1x"));
        assertEquals(0.0, CNumbers.atof("abc"));
        assertEquals(2.0, CNumbers.atof(" 2"));
        assertEquals(0.5, CNumbers.atof(".5"));
        assertEquals(1500.0, CNumbers.atof("1.5e3"));
        assertEquals(1.0, CNumbers.atof("1e"));
        assertEquals(3.0, CNumbers.atof("0x1.8p1"));
        assertEquals(16.0, CNumbers.atof("0x10"));
        assertEquals(0.0, CNumbers.atof("0x"));
        assertEquals(Double.POSITIVE_INFINITY, CNumbers.atof("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, CNumbers.atof("-Infinity"));
        assertTrue(Double.isNaN(CNumbers.atof("nan")));
    }

    @Test
    void fixedFormatsLikePrintfWithTiesToEvenOnTheExactValue() {
        assertEquals("1.25", CNumbers.fixed(1.25, 2));
        assertEquals("0.80", CNumbers.fixed(0.8, 2));
        assertEquals("2.00", CNumbers.fixed(2, 2));
        assertEquals("0.12", CNumbers.fixed(0.125, 2)); // exactly representable tie: glibc rounds to even
        assertEquals("0.13", CNumbers.fixed(0.13, 2));
        assertEquals("1.00", CNumbers.fixed(1.005, 2)); // 1.005 is really 1.00499999..., as C sees it
        assertEquals("0.010", CNumbers.fixed(0.01, 3));
        assertEquals("-0.00", CNumbers.fixed(-0.001, 2));
        assertEquals("nan", CNumbers.fixed(Double.NaN, 2));
        assertEquals("inf", CNumbers.fixed(Double.POSITIVE_INFINITY, 2));
        assertEquals("-inf", CNumbers.fixed(Double.NEGATIVE_INFINITY, 2));
    }
}
