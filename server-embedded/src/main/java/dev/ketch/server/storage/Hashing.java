package dev.ketch.server.storage;

import java.nio.ByteOrder;

/**
 * The key hash for the index: MurmurHash3 (x86, 32-bit, seed 0), memcached's default
 * {@code hash_algorithm}. Keys are hashed from a request's {@code byte[]} and again from item
 * memory when the index grows, so both forms must agree byte for byte.
 */
final class Hashing {

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Hashing() {
    }

    static int murmur3(byte[] key, int len) {
        int h = 0;
        int blocks = len >>> 2;
        for (int i = 0; i < blocks; i++) {
            int o = i << 2;
            int k = (key[o] & 0xff) | (key[o + 1] & 0xff) << 8 | (key[o + 2] & 0xff) << 16 | (key[o + 3] & 0xff) << 24;
            h = mixBlock(h, k);
        }
        int tail = blocks << 2;
        int k = 0;
        switch (len & 3) {
            case 3:
                k ^= (key[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (key[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= key[tail] & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        return finish(h, len);
    }

    static int murmur3(long address, int len) {
        int h = 0;
        int blocks = len >>> 2;
        for (int i = 0; i < blocks; i++) {
            int k = NativeMemory.getInt(address + ((long) i << 2));
            h = mixBlock(h, LITTLE_ENDIAN ? k : Integer.reverseBytes(k));
        }
        long tail = address + ((long) blocks << 2);
        int k = 0;
        switch (len & 3) {
            case 3:
                k ^= (NativeMemory.getByte(tail + 2) & 0xff) << 16;
                // fall through
            case 2:
                k ^= (NativeMemory.getByte(tail + 1) & 0xff) << 8;
                // fall through
            case 1:
                k ^= NativeMemory.getByte(tail) & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        return finish(h, len);
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int mixBlock(int h, int k) {
        h ^= mixK(k);
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int finish(int h, int len) {
        h ^= len;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
