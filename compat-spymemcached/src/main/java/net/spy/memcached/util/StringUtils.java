package net.spy.memcached.util;

import java.util.Collection;
import java.util.regex.Pattern;
import net.spy.memcached.KeyUtil;
import net.spy.memcached.MemcachedClientIF;

/** String helpers of spymemcached's: joining, JSON sniffing, key validation. */
public final class StringUtils {

    private static final Pattern DECIMAL = Pattern.compile("^-?\\d+$");

    private StringUtils() {
        throw new UnsupportedOperationException();
    }

    /** The chunks joined with {@code delimiter} between them. */
    public static String join(Collection<String> chunks, String delimiter) {
        return String.join(delimiter, chunks);
    }

    /**
     * True if {@code s} looks like a JSON value that is not a string: it starts with a brace or a
     * bracket, or is {@code true}, {@code false}, {@code null} or a decimal integer.
     */
    public static boolean isJsonObject(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        return s.startsWith("{") || s.startsWith("[") || s.equals("true") || s.equals("false") || s.equals("null")
                || DECIMAL.matcher(s).matches();
    }

    /**
     * Checks a key as spymemcached does: 1 to 250 bytes of UTF-8 and, in the text protocol, no
     * space, CR, LF or NUL.
     *
     * @throws IllegalArgumentException if the key is invalid
     */
    public static void validateKey(String key, boolean binary) {
        byte[] bytes = KeyUtil.getKeyBytes(key);
        if (bytes.length > MemcachedClientIF.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("Key is too long (maxlen = " + MemcachedClientIF.MAX_KEY_LENGTH + ')');
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("Key must contain at least one character.");
        }
        if (!binary) {
            for (byte b : bytes) {
                if (b == ' ' || b == '\n' || b == '\r' || b == 0) {
                    throw new IllegalArgumentException("Key contains invalid characters:  ``" + key + "''");
                }
            }
        }
    }
}
