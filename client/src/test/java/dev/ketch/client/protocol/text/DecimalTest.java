package dev.ketch.client.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecimalTest {

    private static String unsigned(long n) {
        ByteBuf buf = Unpooled.buffer(1);
        try {
            Decimal.writeUnsigned(buf, n);
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    private static String signed(long n) {
        ByteBuf buf = Unpooled.buffer(1);
        try {
            Decimal.write(buf, n);
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    @Test
    void unsignedNumbersAreWrittenAsLongToUnsignedStringWritesThem() {
        long[] samples = {0, 1, 9, 10, 99, 100, 4294967295L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
            Long.MAX_VALUE, Long.MIN_VALUE, Long.parseUnsignedLong("9999999999999999999"),
            Long.parseUnsignedLong("10000000000000000000"), -1L};
        for (long n : samples) {
            assertEquals(Long.toUnsignedString(n), unsigned(n));
        }
        for (long n = 1; n > 0 && n < Long.MAX_VALUE / 3; n = n * 3 + 1) {
            assertEquals(Long.toUnsignedString(n), unsigned(n));
            assertEquals(Long.toUnsignedString(-n), unsigned(-n));
        }
    }

    @Test
    void signedNumbersKeepTheirSign() {
        for (long n : new long[] {0, -1, -30, 2592000, Integer.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertEquals(Long.toString(n), signed(n));
        }
    }
}
