package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** memcached's {@code safe_strto*} on 64-bit Linux. */
class AsciiNumbersTest {

    private final AsciiNumbers n = new AsciiNumbers();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private boolean ul(String s) {
        byte[] x = b(s);
        return n.strtoul32(x, 0, x.length);
    }

    private boolean l(String s) {
        byte[] x = b(s);
        return n.strtol32(x, 0, x.length);
    }

    private boolean ull(String s) {
        byte[] x = b(s);
        return n.strtoull(x, 0, x.length);
    }

    private boolean d(String s) {
        byte[] x = b(s);
        return n.strtod(x, 0, x.length);
    }

    @Test
    void unsigned32() {
        assertTrue(ul("123"));
        assertEquals(123, n.value());
        assertTrue(ul("4294967296"));
        assertEquals(0, n.value());
        assertTrue(ul("-18446744073709551615"));
        assertEquals(1, n.value());
        assertFalse(ul("-1"));
        assertTrue(ul("-0"));
        assertTrue(ul("\t7\r"));
        assertEquals(7, n.value());
        assertFalse(ul("7x"));
        assertFalse(ul(""));
        assertFalse(ul("18446744073709551616"));
        assertTrue(ul("+5"));
    }

    @Test
    void signed32() {
        assertTrue(l("-5"));
        assertEquals(-5, n.value());
        assertTrue(l("4294967295"));
        assertEquals(-1, n.value());
        assertTrue(l("4294967297"));
        assertEquals(1, n.value());
        assertTrue(l("9223372036854775807"));
        assertFalse(l("9223372036854775808"));
        assertTrue(l("-9223372036854775808"));
        assertFalse(l("-9223372036854775809"));
    }

    @Test
    void unsigned64() {
        assertTrue(ull("18446744073709551615"));
        assertEquals(-1L, n.value());
        assertFalse(ull("18446744073709551616"));
        assertFalse(ull("-1"));
        assertTrue(ull("-0"));
        assertEquals(0, n.value());
    }

    @Test
    void doubles() {
        assertTrue(d("0.5"));
        assertEquals(0.5, n.doubleValue());
        assertTrue(d("1e3"));
        assertEquals(1000, n.doubleValue());
        assertTrue(d("0x10"));
        assertEquals(16, n.doubleValue());
        assertTrue(d("inf"));
        assertFalse(d("1e400"));
        assertFalse(d("1e-400"));
        assertFalse(d("x"));
        assertFalse(d("1.5x"));
        assertTrue(d("-2."));
        assertEquals(-2, n.doubleValue());
    }
}
