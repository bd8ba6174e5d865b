package dev.ketch.client.routing;

/**
 * Paul Hsieh's SuperFastHash in libmemcached's form: the hash starts at 0 rather than the length,
 * the empty key hashes to 0, and in a 3-byte tail the third byte is a sign-extended {@code char}.
 */
final class HsiehHash {

    private HsiehHash() {
    }

    static int hash(byte[] key) {
        int length = key.length;
        if (length == 0) {
            return 0;
        }
        int h = 0;
        int offset = 0;
        for (int blocks = length >>> 2; blocks > 0; blocks--) {
            h += sixteen(key, offset);
            int tmp = sixteen(key, offset + 2) << 11 ^ h;
            h = h << 16 ^ tmp;
            h += h >>> 11;
            offset += 4;
        }
        switch (length & 3) {
            case 3 -> {
                h += sixteen(key, offset);
                h ^= h << 16;
                h ^= key[offset + 2] << 18;
                h += h >>> 11;
            }
            case 2 -> {
                h += sixteen(key, offset);
                h ^= h << 11;
                h += h >>> 17;
            }
            case 1 -> {
                h += key[offset] & 0xff;
                h ^= h << 10;
                h += h >>> 1;
            }
            default -> {
            }
        }
        h ^= h << 3;
        h += h >>> 5;
        h ^= h << 4;
        h += h >>> 17;
        h ^= h << 25;
        h += h >>> 6;
        return h;
    }

    private static int sixteen(byte[] key, int offset) {
        return (key[offset] & 0xff) | (key[offset + 1] & 0xff) << 8;
    }
}
