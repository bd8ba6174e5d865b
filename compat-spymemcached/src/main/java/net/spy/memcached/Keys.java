package net.spy.memcached;

import java.nio.charset.StandardCharsets;

/**
 * Key validation: spymemcached's rules (1 to 250 bytes of UTF-8; in the text protocol no space,
 * CR, LF or NUL), plus the Ketch text protocol's refusal of every other control character, checked
 * here so that a bulk get with one such key sends nothing at all.
 */
final class Keys {

    private Keys() {
    }

    static void validate(String key, boolean binary) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MemcachedClientIF.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("Key is too long (maxlen = " + MemcachedClientIF.MAX_KEY_LENGTH + ')');
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("Key must contain at least one character.");
        }
        if (!binary) {
            for (byte b : bytes) {
                if ((b & 0xff) <= ' ' || b == 0x7f) {
                    throw new IllegalArgumentException("Key contains invalid characters:  ``" + key + "''");
                }
            }
        }
    }
}
