package dev.ketch.client.routing;

import org.apache.commons.codec.digest.DigestUtils;

/** MD5 as ketama reads it: the 16-byte digest as four little-endian 32-bit words. */
final class Md5Hash {

    private Md5Hash() {
    }

    /** The first word: libmemcached's MD5 key hash. */
    static int hash(byte[] key) {
        return word(digest(key), 0);
    }

    static byte[] digest(byte[] data) {
        return DigestUtils.md5(data);
    }

    /** Word {@code i} (0..3) of {@code digest}. */
    static int word(byte[] digest, int i) {
        int at = 4 * i;
        return (digest[at] & 0xff) | (digest[at + 1] & 0xff) << 8 | (digest[at + 2] & 0xff) << 16
                | (digest[at + 3] & 0xff) << 24;
    }
}
