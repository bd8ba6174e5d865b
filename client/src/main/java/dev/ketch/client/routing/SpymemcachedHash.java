package dev.ketch.client.routing;

import java.nio.charset.StandardCharsets;

/**
 * spymemcached's key hashes that differ from libmemcached's. spymemcached hashes the key as a Java
 * {@code String}: its native hash is {@link String#hashCode()}, and its FNV variants fold in UTF-16
 * chars where libmemcached folds in (sign-extended) bytes, so they agree with libmemcached's only
 * for ASCII keys. (Its {@code KETAMA_HASH} and {@code CRC_HASH} are {@link HashAlgorithm#MD5} and
 * {@link HashAlgorithm#CRC}, which hash the UTF-8 bytes in both libraries.)
 *
 * <p>Keys arrive as their UTF-8 bytes. Well-formed UTF-8 is decoded into chars on the fly, without
 * allocating; anything else is decoded as {@code new String(key, UTF_8)} would decode it.
 */
final class SpymemcachedHash {

    private static final int NATIVE = 0;
    private static final int FNV1_32 = 1;
    private static final int FNV1A_32 = 2;
    private static final int FNV1_64 = 3;
    private static final int FNV1A_64 = 4;

    private static final long FNV_32_OFFSET = 0x811c9dc5L;
    private static final int FNV_32_PRIME = 0x01000193;
    private static final long FNV_64_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_64_PRIME = 0x100000001b3L;

    private SpymemcachedHash() {
    }

    /** {@code NATIVE_HASH}: the key's {@link String#hashCode()}. */
    static int nativeHash(byte[] key) {
        return hash(NATIVE, key);
    }

    /** {@code FNV1_32_HASH}: FNV-1 32 over the key's chars. */
    static int fnv1_32(byte[] key) {
        return hash(FNV1_32, key);
    }

    /** {@code FNV1A_32_HASH}: FNV-1a 32 over the key's chars. */
    static int fnv1a_32(byte[] key) {
        return hash(FNV1A_32, key);
    }

    /** {@code FNV1_64_HASH}: the low 32 bits of FNV-1 64 over the key's chars. */
    static int fnv1_64(byte[] key) {
        return hash(FNV1_64, key);
    }

    /** {@code FNV1A_64_HASH}: the low 32 bits of FNV-1a 64 over the key's chars. */
    static int fnv1a_64(byte[] key) {
        return hash(FNV1A_64, key);
    }

    private static long initial(int kind) {
        return switch (kind) {
            case NATIVE -> 0;
            case FNV1_32, FNV1A_32 -> FNV_32_OFFSET;
            default -> FNV_64_OFFSET;
        };
    }

    private static long step(int kind, long h, char c) {
        return switch (kind) {
            case NATIVE -> 31 * (int) h + c;
            case FNV1_32 -> ((int) h * FNV_32_PRIME) ^ c;
            case FNV1A_32 -> ((int) h ^ c) * FNV_32_PRIME;
            case FNV1_64 -> (h * FNV_64_PRIME) ^ c;
            default -> (h ^ c) * FNV_64_PRIME;
        };
    }

    /** Folds the key's UTF-16 chars into hash {@code kind}. */
    private static int hash(int kind, byte[] key) {
        long h = initial(kind);
        int i = 0;
        while (i < key.length) {
            int b = key[i] & 0xff;
            int length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
            if (length == 0 || i + length > key.length || !wellFormed(key, i, length)) {
                return slow(kind, key);
            }
            int codePoint = length == 1 ? b : b & (0xff >> (length + 1));
            for (int k = 1; k < length; k++) {
                codePoint = codePoint << 6 | key[i + k] & 0x3f;
            }
            if (codePoint < 0x10000) {
                h = step(kind, h, (char) codePoint);
            } else {
                h = step(kind, h, Character.highSurrogate(codePoint));
                h = step(kind, h, Character.lowSurrogate(codePoint));
            }
            i += length;
        }
        return (int) h;
    }

    /** Unicode's table of well-formed UTF-8 sequences: no overlong forms, no surrogates, nothing above U+10FFFF. */
    private static boolean wellFormed(byte[] key, int at, int length) {
        if (length == 1) {
            return true;
        }
        int lead = key[at] & 0xff;
        int second = key[at + 1] & 0xff;
        int low = 0x80;
        int high = 0xbf;
        if (lead == 0xe0) {
            low = 0xa0;
        } else if (lead == 0xed) {
            high = 0x9f;
        } else if (lead == 0xf0) {
            low = 0x90;
        } else if (lead == 0xf4) {
            high = 0x8f;
        }
        if (second < low || second > high) {
            return false;
        }
        for (int k = 2; k < length; k++) {
            int next = key[at + k] & 0xff;
            if (next < 0x80 || next > 0xbf) {
                return false;
            }
        }
        return true;
    }

    /** Malformed UTF-8: hash the string Java decodes it to. */
    private static int slow(int kind, byte[] key) {
        String text = new String(key, StandardCharsets.UTF_8);
        long h = initial(kind);
        for (int i = 0; i < text.length(); i++) {
            h = step(kind, h, text.charAt(i));
        }
        return (int) h;
    }
}
