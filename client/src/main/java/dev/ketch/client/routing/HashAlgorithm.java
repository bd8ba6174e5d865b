package dev.ketch.client.routing;

import org.apache.commons.codec.digest.MurmurHash2;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * libmemcached's key hash functions ({@code MEMCACHED_BEHAVIOR_HASH}; pylibmc's {@code "hash"},
 * PHP memcached's {@code OPT_HASH}), each computing exactly the 32-bit value libmemcached 1.1.4
 * computes on x86-64 for the same bytes, quirks included. Results are 32-bit unsigned values held
 * in an {@code int}: use {@link Integer#toUnsignedLong} or {@link Integer#compareUnsigned}.
 *
 * <p>Under an unweighted ketama distribution the same function also hashes the ring's points.
 *
 * <p>The {@code SPYMEMCACHED_} constants are spymemcached 2.x's {@code DefaultHashAlgorithm}s that
 * libmemcached lacks; its {@code KETAMA_HASH} is {@link #MD5} and its {@code CRC_HASH} is {@link
 * #CRC}. {@link #libmemcached()} tells the two families apart.
 */
public enum HashAlgorithm {

    /**
     * One-at-a-time (Bob Jenkins), libmemcached's {@code MEMCACHED_HASH_DEFAULT}, with bytes
     * ≥ 0x80 sign-extended as x86's C {@code char} is (OMcache adds them unsigned instead, so keys
     * with such bytes can differ from OMcache; they agree with libmemcached).
     */
    ONE_AT_A_TIME {
        @Override
        public int hash(byte[] key) {
            return OneAtATimeHash.hash(key);
        }
    },

    /** MD5 ({@code MEMCACHED_HASH_MD5}): the digest's first four bytes, little-endian. */
    MD5 {
        @Override
        public int hash(byte[] key) {
            return Md5Hash.hash(key);
        }
    },

    /**
     * libmemcached's CRC ({@code MEMCACHED_HASH_CRC}): {@code (crc32 >>> 16) & 0x7fff} of the
     * standard CRC-32, so only 32768 distinct values.
     */
    CRC {
        @Override
        public int hash(byte[] key) {
            return CrcHash.hash(key);
        }
    },

    /** FNV-1 32-bit ({@code MEMCACHED_HASH_FNV1_32}), bytes sign-extended. */
    FNV1_32 {
        @Override
        public int hash(byte[] key) {
            return FnvHash.fnv1_32(key);
        }
    },

    /** FNV-1a 32-bit ({@code MEMCACHED_HASH_FNV1A_32}), bytes sign-extended. */
    FNV1A_32 {
        @Override
        public int hash(byte[] key) {
            return FnvHash.fnv1a_32(key);
        }
    },

    /** The low 32 bits of FNV-1 64-bit ({@code MEMCACHED_HASH_FNV1_64}), bytes sign-extended. */
    FNV1_64 {
        @Override
        public int hash(byte[] key) {
            return FnvHash.fnv1_64(key);
        }
    },

    /**
     * libmemcached's {@code MEMCACHED_HASH_FNV1A_64}, which is not FNV-1a 64: 32-bit arithmetic
     * with the low words of the 64-bit offset basis and prime, bytes sign-extended.
     */
    FNV1A_64 {
        @Override
        public int hash(byte[] key) {
            return FnvHash.fnv1a_64(key);
        }
    },

    /** MurmurHash2 ({@code MEMCACHED_HASH_MURMUR}) with libmemcached's seed {@code 0xdeadbeef * length}. */
    MURMUR {
        @Override
        public int hash(byte[] key) {
            return MurmurHash2.hash32(key, key.length, SEED * key.length);
        }
    },

    /** MurmurHash3 x86 32-bit ({@code MEMCACHED_HASH_MURMUR3}) with seed {@code 0xdeadbeef * length}. */
    MURMUR3 {
        @Override
        public int hash(byte[] key) {
            return MurmurHash3.hash32x86(key, 0, key.length, SEED * key.length);
        }
    },

    /** Bob Jenkins' lookup3 {@code hashlittle} ({@code MEMCACHED_HASH_JENKINS}), initial value 13. */
    JENKINS {
        @Override
        public int hash(byte[] key) {
            return JenkinsHash.hash(key);
        }
    },

    /**
     * Paul Hsieh's SuperFastHash ({@code MEMCACHED_HASH_HSIEH}) as libmemcached's source has it
     * (initial hash 0). Distributions often build libmemcached without it (Debian does), in which
     * case libmemcached cannot select it.
     */
    HSIEH {
        @Override
        public int hash(byte[] key) {
            return HsiehHash.hash(key);
        }
    },

    /**
     * spymemcached's {@code NATIVE_HASH} (its default): {@link String#hashCode()} of the key
     * decoded from UTF-8. Not a libmemcached hash.
     */
    SPYMEMCACHED_NATIVE {
        @Override
        public int hash(byte[] key) {
            return SpymemcachedHash.nativeHash(key);
        }
    },

    /**
     * spymemcached's {@code FNV1_32_HASH}: FNV-1 32 over the key's UTF-16 chars (equal to {@link
     * #FNV1_32} for ASCII keys only).
     */
    SPYMEMCACHED_FNV1_32 {
        @Override
        public int hash(byte[] key) {
            return SpymemcachedHash.fnv1_32(key);
        }
    },

    /**
     * spymemcached's {@code FNV1A_32_HASH}: FNV-1a 32 over the key's UTF-16 chars (equal to {@link
     * #FNV1A_32} for ASCII keys only).
     */
    SPYMEMCACHED_FNV1A_32 {
        @Override
        public int hash(byte[] key) {
            return SpymemcachedHash.fnv1a_32(key);
        }
    },

    /**
     * spymemcached's {@code FNV1_64_HASH}: the low 32 bits of FNV-1 64 over the key's UTF-16
     * chars (equal to {@link #FNV1_64} for ASCII keys only).
     */
    SPYMEMCACHED_FNV1_64 {
        @Override
        public int hash(byte[] key) {
            return SpymemcachedHash.fnv1_64(key);
        }
    },

    /**
     * spymemcached's {@code FNV1A_64_HASH}: the low 32 bits of FNV-1a 64 over the key's UTF-16
     * chars (equal to {@link #FNV1A_64} for ASCII keys only).
     */
    SPYMEMCACHED_FNV1A_64 {
        @Override
        public int hash(byte[] key) {
            return SpymemcachedHash.fnv1a_64(key);
        }
    };

    private static final int SEED = 0xdeadbeef;

    /** The 32-bit hash of {@code key}'s bytes, as libmemcached (or spymemcached, for its own) computes it. */
    public abstract int hash(byte[] key);

    /** True for libmemcached's hashes, false for the {@code SPYMEMCACHED_} ones only spymemcached has. */
    public boolean libmemcached() {
        return !name().startsWith("SPYMEMCACHED_");
    }
}
