package dev.ketch.client.protocol.text;

import io.netty.buffer.ByteBuf;

/** Decimal numbers written into a buffer without making a {@code String}. */
public final class Decimal {

    private static final long TEN_TO_THE_19 = Long.parseUnsignedLong("10000000000000000000");

    private Decimal() {
    }

    /** {@code n} as signed decimal. */
    public static void write(ByteBuf out, long n) {
        if (n < 0) {
            out.writeByte('-');
            if (n == Long.MIN_VALUE) {
                out.writeCharSequence("9223372036854775808", java.nio.charset.StandardCharsets.US_ASCII);
                return;
            }
            n = -n;
        }
        writeUnsigned(out, n);
    }

    /** {@code n} as unsigned 64-bit decimal. */
    public static void writeUnsigned(ByteBuf out, long n) {
        if (n >= 0 && n < 10) {
            out.writeByte('0' + (int) n);
            return;
        }
        int digits = digits(n);
        out.ensureWritable(digits);
        int end = out.writerIndex() + digits;
        int at = end;
        long rest = n;
        if (rest < 0) { // above 2^63-1: one unsigned division brings it into range
            long quotient = Long.divideUnsigned(rest, 10);
            out.setByte(--at, '0' + (int) (rest - quotient * 10));
            rest = quotient;
        }
        while (rest > 0) {
            out.setByte(--at, '0' + (int) (rest % 10));
            rest /= 10;
        }
        out.writerIndex(end);
    }

    private static int digits(long n) {
        if (n < 0) {
            return Long.compareUnsigned(n, TEN_TO_THE_19) >= 0 ? 20 : 19;
        }
        int digits = 1;
        long bound = 10;
        while (digits < 19 && n >= bound) {
            digits++;
            bound *= 10;
        }
        return digits;
    }
}
