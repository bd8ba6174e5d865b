package dev.ketch.client.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * spymemcached's hashes decode UTF-8 keys on the fly without allocating; for any bytes, well-formed
 * or not, they must equal the hash of the string Java decodes the bytes to (what spymemcached,
 * which hashes strings, would hash). compat-spymemcached checks them against spymemcached itself.
 */
class SpymemcachedHashTest {

    private static int reference(HashAlgorithm hash, String text) {
        long h = switch (hash) {
            case SPYMEMCACHED_NATIVE -> 0;
            case SPYMEMCACHED_FNV1_32, SPYMEMCACHED_FNV1A_32 -> 0x811c9dc5L;
            default -> 0xcbf29ce484222325L;
        };
        for (char c : text.toCharArray()) {
            h = switch (hash) {
                case SPYMEMCACHED_NATIVE -> 31 * (int) h + c;
                case SPYMEMCACHED_FNV1_32 -> ((int) h * 16777619) ^ c;
                case SPYMEMCACHED_FNV1A_32 -> ((int) h ^ c) * 16777619;
                case SPYMEMCACHED_FNV1_64 -> (h * 0x100000001b3L) ^ c;
                default -> (h ^ c) * 0x100000001b3L;
            };
        }
        return (int) h;
    }

    @Test
    void anyBytesHashAsTheStringTheyDecodeTo() {
        Random random = new Random(11);
        byte[][] edges = {{}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, 0, 0},
                {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}, {(byte) 0xff}, {'a', (byte) 0x80}};
        for (HashAlgorithm hash : HashAlgorithm.values()) {
            if (hash.libmemcached()) {
                continue;
            }
            assertEquals("x".hashCode(), HashAlgorithm.SPYMEMCACHED_NATIVE.hash(new byte[] {'x'}));
            for (byte[] key : edges) {
                assertEquals(reference(hash, new String(key, StandardCharsets.UTF_8)), hash.hash(key), hash + " of edge case");
            }
            for (int i = 0; i < 20_000; i++) {
                byte[] key;
                if (i % 2 == 0) {
                    key = new byte[random.nextInt(12)];
                    random.nextBytes(key);
                } else {
                    StringBuilder text = new StringBuilder();
                    for (int n = random.nextInt(8); n > 0; n--) {
                        text.appendCodePoint(random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0x100000) : random.nextInt(0xd800));
                    }
                    key = text.toString().getBytes(StandardCharsets.UTF_8);
                }
                assertEquals(reference(hash, new String(key, StandardCharsets.UTF_8)), hash.hash(key), hash + " of key " + i);
            }
        }
    }
}
