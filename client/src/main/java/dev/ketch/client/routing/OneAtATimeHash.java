package dev.ketch.client.routing;

/**
 * Bob Jenkins' one-at-a-time hash as libmemcached computes it: each byte is added as a C {@code
 * char} of x86, i.e. sign-extended, so bytes 0x80..0xFF count as 0xFFFFFF80..0xFFFFFFFF.
 */
final class OneAtATimeHash {

    private OneAtATimeHash() {
    }

    static int hash(byte[] key) {
        int h = 0;
        for (byte b : key) {
            h += b;
            h += h << 10;
            h ^= h >>> 6;
        }
        h += h << 3;
        h ^= h >>> 11;
        h += h << 15;
        return h;
    }
}
