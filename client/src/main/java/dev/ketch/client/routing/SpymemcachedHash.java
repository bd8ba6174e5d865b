package dev.ketch.client.routing;

import java.nio.charset.StandardCharsets;

/**
 * spymemcached's key hashes that differ from libmemcached's. spymemcached hashes the key as a Java
 * {@code String}: its native hash is {@link String#hashCode()}, and its FNV variants consume UTF-16
 * chars, not bytes, and compute genuine FNV-1/FNV-1a 64 truncated to 32 bits. Keys arrive here as
 * their UTF-8 bytes and are decoded back to the string spymemcached would have hashed. (Its
 * {@code KETAMA_HASH} and {@code CRC_HASH} equal {@link HashAlgorithm#MD5} and {@link
 * HashAlgorithm#CRC}, which work on the UTF-8 bytes in both libraries.)
 */
final class SpymemcachedHash {

    private static final int FNV_32_OFFSET = 0x811c9dc5;
    private static final int FNV_32_PRIME = 0x01000193;
    private static final long FNV_64_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_64_PRIME = 0x100000001b3L;

    private SpymemcachedHash() {
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** {@code NATIVE_HASH}: the key's {@link String#hashCode()}. */
    static int nativeHash(byte[] key) {
        return text(key).hashCode();
    }

    /** {@code FNV1_32_HASH}: FNV-1 32 over the key's chars. */
    static int fnv1_32(byte[] key) {
        String k = text(key);
        int h = FNV_32_OFFSET;
        for (int i = 0; i < k.length(); i++) {
            h *= FNV_32_PRIME;
            h ^= k.charAt(i);
        }
        return h;
    }

    /** {@code FNV1A_32_HASH}: FNV-1a 32 over the key's chars. */
    static int fnv1a_32(byte[] key) {
        String k = text(key);
        int h = FNV_32_OFFSET;
        for (int i = 0; i < k.length(); i++) {
            h ^= k.charAt(i);
            h *= FNV_32_PRIME;
        }
        return h;
    }

    /** {@code FNV1_64_HASH}: the low 32 bits of FNV-1 64 over the key's chars. */
    static int fnv1_64(byte[] key) {
        String k = text(key);
        long h = FNV_64_OFFSET;
        for (int i = 0; i < k.length(); i++) {
            h *= FNV_64_PRIME;
            h ^= k.charAt(i);
        }
        return (int) h;
    }

    /** {@code FNV1A_64_HASH}: the low 32 bits of FNV-1a 64 over the key's chars. */
    static int fnv1a_64(byte[] key) {
        String k = text(key);
        long h = FNV_64_OFFSET;
        for (int i = 0; i < k.length(); i++) {
            h ^= k.charAt(i);
            h *= FNV_64_PRIME;
        }
        return (int) h;
    }
}
