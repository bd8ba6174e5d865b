package dev.ketch.client.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@link HashAlgorithm} against libmemcached's own values: {@code hashes.tsv} of the shared
 * vectors ({@code memcached_generate_hash_value} of libmemcached 1.1.4), and for Hsieh, which
 * Debian's libmemcached lacks, {@code hsieh.tsv} (libmemcached's {@code hsieh.cc} compiled in).
 * MD5, MURMUR and MURMUR3 are commons-codec's functions: matching here proves they are
 * libmemcached's.
 */
class HashAlgorithmTest {

    private static final int ENOUGH_KEYS = 1000;

    @TestFactory
    Stream<DynamicTest> everyAlgorithmMatchesLibmemcached() {
        Vectors.Table hashes = Vectors.read(Vectors.directory().resolve("hashes.tsv"));
        Vectors.Table hsieh = Vectors.resource("hsieh.tsv");
        // spymemcached's own hashes are checked against spymemcached in compat-spymemcached
        return Arrays.stream(HashAlgorithm.values()).filter(HashAlgorithm::libmemcached)
                .map(algorithm -> dynamicTest(algorithm.name(), () -> {
            int checked = check(hashes, algorithm) + check(hsieh, algorithm);
            assertTrue(checked >= ENOUGH_KEYS, algorithm + " compared on " + checked + " keys only");
        }));
    }

    /** Every column of {@code hashes.tsv} is an algorithm, so no column is silently left unchecked. */
    @Test
    void everyColumnOfTheHashVectorsIsAnAlgorithm() {
        Vectors.Table hashes = Vectors.read(Vectors.directory().resolve("hashes.tsv"));
        for (String column : hashes.columns().subList(1, hashes.columns().size())) {
            HashAlgorithm.valueOf(column.toUpperCase(Locale.ROOT));
        }
        assertEquals("key", hashes.columns().get(0));
    }

    /** Compares the column named after {@code algorithm}, if {@code table} has one; NA cells are not compared. */
    static int check(Vectors.Table table, HashAlgorithm algorithm) {
        int column = table.columns().indexOf(algorithm.name().toLowerCase(Locale.ROOT));
        if (column < 0) {
            return 0;
        }
        Mismatches mismatches = new Mismatches(table.name() + " " + algorithm);
        for (String[] row : table.rows()) {
            if (!row[column].equals("NA")) {
                long actual = Integer.toUnsignedLong(algorithm.hash(Vectors.unescape(row[0])));
                mismatches.check(actual == Long.parseLong(row[column]),
                        "key " + row[0] + ": libmemcached " + row[column] + ", Ketch " + actual);
            }
        }
        return mismatches.verify();
    }

    @Test
    void md5KeyHashIsTheJdkDigestsFirstWordLittleEndian() throws Exception {
        byte[] key = "the quick brown fox".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] d = MessageDigest.getInstance("MD5").digest(key);
        int expected = (d[0] & 0xff) | (d[1] & 0xff) << 8 | (d[2] & 0xff) << 16 | (d[3] & 0xff) << 24;
        assertEquals(expected, HashAlgorithm.MD5.hash(key));
    }

    /** libmemcached's CRC keeps 15 bits, so it cannot exceed 32767. */
    @Test
    void crcHasFifteenBits() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] key = new byte[1 + random.nextInt(40)];
            random.nextBytes(key);
            int h = HashAlgorithm.CRC.hash(key);
            assertTrue(h >= 0 && h <= 0x7fff, () -> "crc " + h);
        }
    }
}
