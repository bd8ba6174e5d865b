package net.spy.memcached;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * spymemcached's key hashes, each computing what spymemcached 2.12 computes (for keys that are
 * valid Unicode) and each a {@link dev.ketch.client.routing.HashAlgorithm} of Ketch's routing layer,
 * which is what selects servers.
 */
public enum DefaultHashAlgorithm implements HashAlgorithm {

    /** {@link String#hashCode()}: the default of {@link DefaultConnectionFactory} and of array-mod. */
    NATIVE_HASH(dev.ketch.client.routing.HashAlgorithm.SPYMEMCACHED_NATIVE),
    /** Bits 16-30 of the CRC-32 of the key's UTF-8 bytes (libmemcached's CRC). */
    CRC_HASH(dev.ketch.client.routing.HashAlgorithm.CRC),
    /** The low 32 bits of FNV-1 64 over the key's chars. */
    FNV1_64_HASH(dev.ketch.client.routing.HashAlgorithm.SPYMEMCACHED_FNV1_64),
    /** The low 32 bits of FNV-1a 64 over the key's chars. */
    FNV1A_64_HASH(dev.ketch.client.routing.HashAlgorithm.SPYMEMCACHED_FNV1A_64),
    /** FNV-1 32 over the key's chars. */
    FNV1_32_HASH(dev.ketch.client.routing.HashAlgorithm.SPYMEMCACHED_FNV1_32),
    /** FNV-1a 32 over the key's chars. */
    FNV1A_32_HASH(dev.ketch.client.routing.HashAlgorithm.SPYMEMCACHED_FNV1A_32),
    /** The first four bytes, little-endian, of the MD5 of the key's UTF-8 bytes: ketama's hash. */
    KETAMA_HASH(dev.ketch.client.routing.HashAlgorithm.MD5);

    private final dev.ketch.client.routing.HashAlgorithm ketch;

    DefaultHashAlgorithm(dev.ketch.client.routing.HashAlgorithm ketch) {
        this.ketch = ketch;
    }

    @Override
    public long hash(String k) {
        return Integer.toUnsignedLong(ketch.hash(k.getBytes(StandardCharsets.UTF_8)));
    }

    /** The same hash in Ketch's routing layer ({@code MemcacheClientBuilder.hash(...)}). */
    public dev.ketch.client.routing.HashAlgorithm ketchHash() {
        return ketch;
    }

    /** The MD5 digest of {@code k}'s UTF-8 bytes. */
    public static byte[] computeMd5(String k) {
        try {
            return MessageDigest.getInstance("MD5").digest(k.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 not supported", e);
        }
    }
}
