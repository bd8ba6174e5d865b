package dev.ketch.client.routing;

/**
 * Bob Jenkins' lookup3 {@code hashlittle} with libmemcached's initial value 13 (bytes unsigned,
 * words little-endian). Not to be confused with one-at-a-time, also Jenkins'.
 */
final class JenkinsHash {

    private static final int INITVAL = 13;

    private JenkinsHash() {
    }

    static int hash(byte[] key) {
        int length = key.length;
        int a = 0xdeadbeef + length + INITVAL;
        int b = a;
        int c = a;
        int offset = 0;
        while (length - offset > 12) {
            a += word(key, offset);
            b += word(key, offset + 4);
            c += word(key, offset + 8);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            offset += 12;
        }
        if (offset == length) {
            return c; // only for the empty key: the last 1..12 bytes are always left for the tail
        }
        a += word(key, offset);
        b += word(key, offset + 4);
        c += word(key, offset + 8);
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    /** Four bytes from {@code offset}, little-endian, zero past the end of the key. */
    private static int word(byte[] key, int offset) {
        int w = 0;
        for (int i = 3; i >= 0; i--) {
            int at = offset + i;
            w = w << 8 | (at < key.length ? key[at] & 0xff : 0);
        }
        return w;
    }
}
