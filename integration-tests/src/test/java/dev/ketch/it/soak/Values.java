package dev.ketch.it.soak;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The soak's values: each names its key and version and ends with a checksum of both and of its
 * padding, so a value read for the wrong key, or damaged on the way, is told from a stale one.
 */
final class Values {

    private Values() {
    }

    /** {@code key|version|padding|crc}; {@code size} pads it (at least the header). */
    static String of(String key, long version, int size) {
        StringBuilder b = new StringBuilder(size + 64).append(key).append('|').append(version).append('|');
        int pad = Math.max(0, size - b.length());
        for (int i = 0; i < pad; i++) {
            b.append((char) ('a' + (int) ((version + i) % 26)));
        }
        String body = b.toString();
        return body + '|' + crc(body);
    }

    /** Null if {@code value} is a sound value of {@code key}; otherwise what is wrong with it. */
    static String check(String key, String value) {
        int last = value.lastIndexOf('|');
        if (last < 0) {
            return "no checksum";
        }
        String body = value.substring(0, last);
        if (!Long.toString(crc(body)).equals(value.substring(last + 1))) {
            return "checksum mismatch";
        }
        if (!body.startsWith(key + "|")) {
            return "value of another key: " + body.substring(0, Math.min(body.length(), 60));
        }
        return null;
    }

    private static long crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
