package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsciiDigitsTest {

    private static String written(long v) {
        ByteBuf b = Unpooled.buffer(1);
        try {
            AsciiDigits.writeUnsigned(b, v);
            return b.toString(StandardCharsets.US_ASCII);
        } finally {
            b.release();
        }
    }

    @Test
    void matchesJavasUnsignedDecimalEverywhere() {
        long[] samples = {0, 1, 9, 10, 99, 100, 12345, 999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, -1, -10, 1L << 63 | 123};
        for (long v : samples) {
            assertEquals(Long.toUnsignedString(v), written(v));
        }
        for (long v = 1; v > 0 && v < Long.MAX_VALUE / 3; v = v * 3 + 1) {
            assertEquals(Long.toString(v), written(v));
            assertEquals(Long.toString(v - 1), written(v - 1));
        }
    }

    @Test
    void clientFlagsAreUnsigned32Bit() {
        ByteBuf b = Unpooled.buffer();
        try {
            AsciiDigits.writeUnsigned(b, 0xffffffff);
            assertEquals("4294967295", b.toString(StandardCharsets.US_ASCII));
        } finally {
            b.release();
        }
    }
}
