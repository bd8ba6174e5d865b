package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.spymemcached.testing.Impl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.spy.memcached.DefaultHashAlgorithm;
import org.junit.jupiter.api.Test;

/** Small pieces compared with spymemcached's: key hashes, address lists, status codes. */
class HashesAndParsingTest {

    private static void assertSame(String scenario, String method, Object... args) {
        Object theirs = Impl.SPYMEMCACHED.call(scenario, method, args);
        Object ours = Impl.KETCH.call(scenario, method, args);
        assertEquals(theirs, ours, scenario + "." + method);
    }

    @Test
    void everyKeyHashEqualsSpymemcacheds() {
        List<String> hashes = Impl.SPYMEMCACHED.call("Hashes", "keyHashes", RingEqualityTest.KEY_SET);
        assertTrue(hashes.size() > RingEqualityTest.KEYS * DefaultHashAlgorithm.values().length);
        assertEquals(hashes, Impl.KETCH.call("Hashes", "keyHashes", RingEqualityTest.KEY_SET));
    }

    /**
     * spymemcached hashes chars where libmemcached hashes (sign-extended) bytes: its FNV hashes
     * equal libmemcached's of the same name for ASCII keys and differ beyond, which is why they are
     * hashes of their own in Ketch's routing layer.
     */
    @Test
    void spymemcachedsFnvHashesEqualLibmemcachedsForAsciiKeysOnly() {
        List<dev.ketch.client.routing.HashAlgorithm> libmemcached = List.of(dev.ketch.client.routing.HashAlgorithm.FNV1_32,
                dev.ketch.client.routing.HashAlgorithm.FNV1A_32, dev.ketch.client.routing.HashAlgorithm.FNV1_64,
                dev.ketch.client.routing.HashAlgorithm.FNV1A_64);
        List<DefaultHashAlgorithm> spymemcached = List.of(DefaultHashAlgorithm.FNV1_32_HASH, DefaultHashAlgorithm.FNV1A_32_HASH,
                DefaultHashAlgorithm.FNV1_64_HASH, DefaultHashAlgorithm.FNV1A_64_HASH);
        for (int i = 0; i < libmemcached.size(); i++) {
            for (String key : List.of("key", "schlüssel")) {
                long theirs = Integer.toUnsignedLong(libmemcached.get(i).hash(key.getBytes(StandardCharsets.UTF_8)));
                assertEquals(key.equals("key"), theirs == spymemcached.get(i).hash(key), spymemcached.get(i) + " of " + key);
            }
        }
    }

    @Test
    void addressListsParseAsInSpymemcached() {
        for (String list : List.of("127.0.0.1:11211", "localhost:11211 127.0.0.1:11212", "a.invalid:1,b.invalid:2  c.invalid:3",
                "::1:11211", "[::1]:11211", " 127.0.0.1:1 ", "", "   ", "nohost", ":11211", "host:notaport")) {
            assertSame("Hashes", "addresses", list);
        }
        assertSame("Hashes", "addressList", List.of("127.0.0.1:11211", "localhost:2"));
        assertSame("Hashes", "addressList", List.of());
    }

    @Test
    void statusCodesMapAsInSpymemcached() {
        assertSame("Hashes", "statusCodes", List.of("STORED", "DELETED", "NOT_STORED", "EXISTS", "NOT_FOUND", "ERROR",
                "CLIENT_ERROR bad", "SERVER_ERROR out of memory", "END", "TOUCHED", ""));
    }
}
