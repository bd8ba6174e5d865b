package dev.ketch.server.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What memcached 1.6.18 may send back, as a grammar the fuzz targets hold the server to: every
 * reply it writes must parse, completely, as a sequence of memcached replies. Text: lines ending
 * in CRLF whose first word is one memcached sends, with the data blocks of {@code VALUE} and
 * {@code VA} lines exactly as long as announced (and the free-form lines of {@code lru_crawler
 * metadump}, {@code key=...}, and of {@code watch}, {@code ts=...}). Binary: response packets (magic 0x81) whose
 * lengths add up, with a status memcached uses.
 */
final class ReplyGrammar {

    /** First words of memcached's text and meta replies (and of its admin commands' replies). */
    private static final Set<String> TEXT_WORDS = Set.of("VALUE", "VA", "END", "STORED", "NOT_STORED", "EXISTS",
            "NOT_FOUND", "DELETED", "TOUCHED", "OK", "ERROR", "CLIENT_ERROR", "SERVER_ERROR", "VERSION", "STAT",
            "ITEM", "CONFIG", "RESET", "HD", "NS", "EX", "NF", "EN", "MN", "ME", "BUSY", "BADCLASS", "NOSPARE",
            "NOTFULL", "UNSAFE", "SAME", "PREFIX", "WATCHER_FAILED", "WATCHER_TOO_MANY", "ERROR:", "NOTSTARTED",
            "MEMLIMIT_ADJUST_FAILED", "MEMLIMIT_TOO_SMALL");
    /** The binary protocol's statuses memcached sends. */
    private static final Set<Integer> BINARY_STATUSES = Set.of(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
            0x20, 0x21, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86);

    private ReplyGrammar() {
    }

    /** Throws {@link AssertionError} unless {@code out} is a sequence of text replies. */
    static void text(byte[] out) {
        int p = 0;
        while (p < out.length) {
            int eol = lineEnd(out, p);
            if (eol < 0) {
                throw new AssertionError("a reply line without CRLF at " + p + ": " + show(out, p));
            }
            String line = new String(out, p, eol - p, StandardCharsets.ISO_8859_1);
            p = eol + 2;
            String word = line.indexOf(' ') < 0 ? line : line.substring(0, line.indexOf(' '));
            if (word.equals("VALUE") || word.equals("VA")) {
                String[] t = line.split(" ");
                int size;
                try {
                    size = Integer.parseInt(word.equals("VALUE") ? t[3] : t[1]);
                } catch (RuntimeException e) {
                    throw new AssertionError("a value line without its size: " + line);
                }
                if (size < 0 || p + size + 2 > out.length || out[p + size] != '\r' || out[p + size + 1] != '\n') {
                    throw new AssertionError("a data block that is not " + size + " bytes and CRLF after: " + line);
                }
                p += size + 2;
            } else if (!TEXT_WORDS.contains(word) && !isNumber(word) && !line.startsWith("key=") && !line.startsWith("ts=")) {
                throw new AssertionError("a reply memcached does not send: " + show(line));
            }
        }
    }

    /** Throws {@link AssertionError} unless {@code out} is a sequence of binary response packets. */
    static void binary(byte[] out) {
        int p = 0;
        while (p < out.length) {
            if (out.length - p < 24) {
                throw new AssertionError("a partial response header at " + p);
            }
            if ((out[p] & 0xff) != 0x81) {
                throw new AssertionError("a response without magic 0x81 at " + p + ": " + (out[p] & 0xff));
            }
            int keyLength = ((out[p + 2] & 0xff) << 8) | (out[p + 3] & 0xff);
            int extrasLength = out[p + 4] & 0xff;
            int status = ((out[p + 6] & 0xff) << 8) | (out[p + 7] & 0xff);
            long bodyLength = ((long) (out[p + 8] & 0xff) << 24) | ((out[p + 9] & 0xff) << 16)
                    | ((out[p + 10] & 0xff) << 8) | (out[p + 11] & 0xff);
            if (out[p + 5] != 0) {
                throw new AssertionError("a response with data type " + out[p + 5]);
            }
            if (!BINARY_STATUSES.contains(status)) {
                throw new AssertionError("a status memcached does not send: 0x" + Integer.toHexString(status));
            }
            if (bodyLength < keyLength + extrasLength || p + 24 + bodyLength > out.length) {
                throw new AssertionError("a response whose lengths do not add up at " + p);
            }
            p += 24 + (int) bodyLength;
        }
    }

    private static boolean isNumber(String word) {
        if (word.isEmpty() || word.length() > 20) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String show(byte[] b, int from) {
        return show(new String(b, from, Math.min(80, b.length - from), StandardCharsets.ISO_8859_1));
    }

    private static String show(String s) {
        StringBuilder r = new StringBuilder();
        for (char c : s.substring(0, Math.min(80, s.length())).toCharArray()) {
            r.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return r.toString();
    }
}
