package dev.ketch.client.routing;

/**
 * libmemcached's four FNV variants. Bytes are sign-extended (x86 C {@code char}). Its "FNV1a-64"
 * is not FNV-1a-64: it keeps only the low 32 bits of the 64-bit offset basis and prime and works
 * in 32 bits.
 */
final class FnvHash {

    private static final int OFFSET_32 = 0x811c9dc5;
    private static final int PRIME_32 = 0x01000193;
    private static final long OFFSET_64 = 0xcbf29ce484222325L;
    private static final long PRIME_64 = 0x100000001b3L;

    private FnvHash() {
    }

    static int fnv1_32(byte[] key) {
        int h = OFFSET_32;
        for (byte b : key) {
            h *= PRIME_32;
            h ^= b;
        }
        return h;
    }

    static int fnv1a_32(byte[] key) {
        int h = OFFSET_32;
        for (byte b : key) {
            h ^= b;
            h *= PRIME_32;
        }
        return h;
    }

    /** The low 32 bits of FNV-1 64. */
    static int fnv1_64(byte[] key) {
        long h = OFFSET_64;
        for (byte b : key) {
            h *= PRIME_64;
            h ^= b;
        }
        return (int) h;
    }

    /** libmemcached's truncated variant: 32-bit arithmetic with the 64-bit constants' low words. */
    static int fnv1a_64(byte[] key) {
        int h = (int) OFFSET_64;
        for (byte b : key) {
            h ^= b;
            h *= (int) PRIME_64;
        }
        return h;
    }
}
