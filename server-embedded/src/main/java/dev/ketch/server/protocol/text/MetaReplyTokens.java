package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.ItemView;
import io.netty.buffer.ByteBuf;

/**
 * Writes the pieces of a meta reply line: the two-letter code and the return flags, each as
 * {@code " <flag><value>"}, with numbers formatted as memcached 1.6.18 formats them.
 */
final class MetaReplyTokens {

    private MetaReplyTokens() {
    }

    /** A two-letter reply code ({@code HD}, {@code EN}, ...). */
    static void code(ByteBuf out, char first, char second) {
        out.writeByte(first);
        out.writeByte(second);
    }

    /** {@code VA <size>}: the code of a reply that carries a value. */
    static void valueCode(ByteBuf out, int size) {
        out.writeByte('V');
        out.writeByte('A');
        out.writeByte(' ');
        AsciiDigits.writeUnsigned(out, size);
    }

    /** A flag without a value ({@code W}, {@code X}, {@code Z}). */
    static void flag(ByteBuf out, char flag) {
        out.writeByte(' ');
        out.writeByte(flag);
    }

    /** A flag with an unsigned 64-bit value. */
    static void flag(ByteBuf out, char flag, long unsignedValue) {
        flag(out, flag);
        AsciiDigits.writeUnsigned(out, unsignedValue);
    }

    /** {@code O<opaque>}: the whole request token, copied back. */
    static void opaque(ByteBuf out, Tokens t, int token) {
        out.writeByte(' ');
        out.writeBytes(t.line(), t.start(token), t.length(token));
    }

    /** True if the opaque token is longer than memcached accepts. */
    static boolean opaqueTooLong(Tokens t, int token) {
        return t.length(token) > MetaFlags.MAX_OPAQUE_LENGTH;
    }

    /** {@code k<key>}, or {@code k<base64 key> b} for a binary key. */
    static void key(ByteBuf out, byte[] key, boolean binary) {
        flag(out, 'k');
        if (binary) {
            Base64Keys.encode(key, out);
            flag(out, 'b');
        } else {
            out.writeBytes(key);
        }
    }

    /**
     * {@code t<seconds>}: the remaining TTL, -1 for never. An item whose expiry a {@code T} in the
     * same request put in the past shows memcached's unsigned wrap-around.
     */
    static void ttl(ByteBuf out, ItemView item) {
        flag(out, 't');
        if (item.exptime() == 0) {
            out.writeByte('-');
            out.writeByte('1');
        } else {
            AsciiDigits.writeUnsigned(out, Integer.toUnsignedLong(item.timeToLive()));
        }
    }

    static void crlf(ByteBuf out) {
        out.writeByte('\r');
        out.writeByte('\n');
    }
}
