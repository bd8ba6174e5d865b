package dev.ketch.it.parity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Renders raw protocol bytes as one readable line: printable ASCII as is, CR, LF, TAB and
 * backslash escaped, other bytes as {@code \xNN}. Long runs are shortened to a prefix plus
 * length and SHA-256, which keeps comparisons exact.
 */
final class Rendering {

    static final int MAX_LITERAL_BYTES = 300;

    private Rendering() {
    }

    static String bytes(byte[] data) {
        return bytes(data, 0, data.length);
    }

    static String bytes(byte[] data, int from, int to) {
        int length = to - from;
        if (length > MAX_LITERAL_BYTES) {
            return escape(data, from, from + 40) + "...[" + length + " bytes, sha256 "
                    + sha256(data, from, length).substring(0, 16) + "]";
        }
        return escape(data, from, to);
    }

    static String text(String latin1) {
        return bytes(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String escape(byte[] data, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xff;
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        return out.toString();
    }

    private static String sha256(byte[] data, int from, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, from, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
