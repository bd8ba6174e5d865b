package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** memcached 1.6.18's base64 decoder, checked by echoing keys through {@code ms <key> 1 b k}. */
class Base64KeysTest {

    private static byte[] decode(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return Base64Keys.decode(b, 0, b.length);
    }

    private static String roundTrip(String s) {
        ByteBuf out = Unpooled.buffer();
        try {
            Base64Keys.encode(decode(s), out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    @Test
    void standardInput() {
        assertArrayEquals("foo".getBytes(StandardCharsets.US_ASCII), decode("Zm9v"));
        assertArrayEquals(new byte[] {0, 0, 1}, decode("AAAB"));
        assertEquals("44OG44K544OI", roundTrip("44OG44K544OI"));
        assertEquals("Zm9vYg==", roundTrip("Zm9vYg=="));
    }

    @Test
    void bytesOutsideTheAlphabetAreSkipped() {
        assertEquals("Zm9v", roundTrip("Zm9v!"));
        assertEquals("Zm9v", roundTrip("Z-m_9v"));
        assertEquals("Zm9v", roundTrip("Zm9v\u0080\u0081"));
    }

    @Test
    void decodingStopsAfterTheFirstPaddedGroup() {
        assertEquals("Zm9vYg==", roundTrip("Zm9vYg==Zm9v"));
        assertEquals("Zg==", roundTrip("Zg==Zm9v"));
        assertEquals("ZmA=", roundTrip("Zm=v"), "'=' inside a group decodes as zero bits");
        assertEquals("Zg==", roundTrip("Zm=="));
    }

    @Test
    void failures() {
        assertNull(decode("Zm9vYg"), "not a multiple of four");
        assertNull(decode("Z==="), "three padding characters");
        assertNull(decode("===="));
        assertNull(decode("!!!!"));
        assertNull(decode(""));
        assertNull(decode("abc"));
    }
}
