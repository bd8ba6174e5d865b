package dev.ketch.server.protocol.text;

import io.netty.buffer.ByteBuf;

/** Writes unsigned decimal numbers straight into a reply buffer, without building a String. */
final class AsciiDigits {

    private static final long TEN_POW_19 = Long.parseUnsignedLong("10000000000000000000");

    private AsciiDigits() {
    }

    /** Appends {@code value}, read as unsigned 64-bit, in decimal. */
    static void writeUnsigned(ByteBuf out, long value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        int digits = digits(value);
        out.ensureWritable(digits);
        int end = out.writerIndex() + digits;
        int p = end;
        long v = value;
        if (v < 0) {
            // Unsigned values above Long.MAX_VALUE: peel off one digit with unsigned division.
            long q = Long.divideUnsigned(v, 10);
            out.setByte(--p, '0' + (int) (v - q * 10));
            v = q;
        }
        while (v != 0) {
            long q = v / 10;
            out.setByte(--p, '0' + (int) (v - q * 10));
            v = q;
        }
        out.writerIndex(end);
    }

    /** Appends a 32-bit value read as unsigned (memcached's client flags). */
    static void writeUnsigned(ByteBuf out, int value) {
        writeUnsigned(out, Integer.toUnsignedLong(value));
    }

    private static int digits(long value) {
        if (value < 0) {
            return Long.compareUnsigned(value, TEN_POW_19) >= 0 ? 20 : 19;
        }
        int n = 1;
        long limit = 10;
        while (n < 19 && value >= limit) {
            n++;
            limit *= 10;
        }
        return n;
    }
}
