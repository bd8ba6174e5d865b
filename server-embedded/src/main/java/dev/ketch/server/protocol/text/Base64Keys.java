package dev.ketch.server.protocol.text;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Base64;

/**
 * Binary keys of the meta protocol ({@code b} flag), base64 coded as memcached 1.6.18 codes them.
 *
 * <p>Encoding is standard padded base64 ({@link Base64}). Decoding follows memcached's lenient
 * decoder, which {@link Base64#getDecoder()} would not accept:
 * <ul>
 *   <li>bytes outside the base64 alphabet (and {@code '='}) are skipped wherever they are;
 *   <li>the remaining characters must be a non-zero multiple of four;
 *   <li>{@code '='} decodes as zero bits; decoding stops after the first four-character group
 *       that contains padding, dropping one byte per {@code '='} seen so far (three or more fail),
 *       and ignoring whatever follows;
 *   <li>an empty result is a failure.
 * </ul>
 */
final class Base64Keys {

    private static final int SKIP = -1;
    private static final int[] DECODE = new int[256];

    static {
        Arrays.fill(DECODE, SKIP);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            DECODE[alphabet.charAt(i)] = i;
        }
        DECODE['='] = 0;
    }

    private Base64Keys() {
    }

    /** Decodes {@code src[from, from + length)}; null where memcached's decoder fails. */
    static byte[] decode(byte[] src, int from, int length) {
        int count = 0;
        for (int i = from; i < from + length; i++) {
            if (DECODE[src[i] & 0xff] != SKIP) {
                count++;
            }
        }
        if (count == 0 || count % 4 != 0) {
            return null;
        }
        byte[] out = new byte[count / 4 * 3];
        int pos = 0;
        int[] block = new int[4];
        int inBlock = 0;
        int pad = 0;
        for (int i = from; i < from + length; i++) {
            int c = src[i] & 0xff;
            int v = DECODE[c];
            if (v == SKIP) {
                continue;
            }
            if (c == '=') {
                pad++;
            }
            block[inBlock++] = v;
            if (inBlock == 4) {
                out[pos++] = (byte) ((block[0] << 2) | (block[1] >> 4));
                out[pos++] = (byte) ((block[1] << 4) | (block[2] >> 2));
                out[pos++] = (byte) ((block[2] << 6) | block[3]);
                inBlock = 0;
                if (pad > 0) {
                    if (pad > 2) {
                        return null;
                    }
                    pos -= pad;
                    break;
                }
            }
        }
        return pos == 0 ? null : Arrays.copyOf(out, pos);
    }

    /** Appends the base64 form of {@code key}. */
    static void encode(byte[] key, ByteBuf out) {
        out.writeBytes(Base64.getEncoder().encode(key));
    }
}
