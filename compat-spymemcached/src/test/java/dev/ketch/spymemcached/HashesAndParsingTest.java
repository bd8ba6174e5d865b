package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small pieces compared with spymemcached's: key hashes, address lists, status codes. */
class HashesAndParsingTest {

    @Test
    void everyKeyHashEqualsSpymemcacheds() {
        for (DefaultHashAlgorithm hash : DefaultHashAlgorithm.values()) {
            net.spy.memcached.DefaultHashAlgorithm theirs = net.spy.memcached.DefaultHashAlgorithm.valueOf(hash.name());
            int compared = 0;
            for (String key : RingEqualityTest.KEY_SET) {
                assertEquals(theirs.hash(key), hash.hash(key), hash + " of '" + key + "'");
                compared++;
            }
            assertEquals(RingEqualityTest.KEYS, compared);
        }
        assertArrayEquals(net.spy.memcached.DefaultHashAlgorithm.computeMd5("ключ"), DefaultHashAlgorithm.computeMd5("ключ"));
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
                long theirs = Integer.toUnsignedLong(libmemcached.get(i).hash(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertEquals(key.equals("key"), theirs == spymemcached.get(i).hash(key), spymemcached.get(i) + " of " + key);
            }
        }
    }

    @Test
    void addressListsParseAsInSpymemcached() {
        for (String list : List.of("127.0.0.1:11211", "localhost:11211 127.0.0.1:11212", "a.invalid:1,b.invalid:2  c.invalid:3",
                "::1:11211", "[::1]:11211", " 127.0.0.1:1 ")) {
            assertEquals(net.spy.memcached.AddrUtil.getAddresses(list), AddrUtil.getAddresses(list), list);
        }
        for (String bad : List.of("", "   ", "nohost", ":11211", "host:notaport")) {
            assertEquals(failure(() -> net.spy.memcached.AddrUtil.getAddresses(bad)), failure(() -> AddrUtil.getAddresses(bad)), bad);
        }
        List<String> servers = List.of("127.0.0.1:11211", "localhost:2");
        assertEquals(net.spy.memcached.AddrUtil.getAddresses(servers), AddrUtil.getAddresses(servers));
        assertEquals(failure(() -> net.spy.memcached.AddrUtil.getAddresses(new ArrayList<String>())),
                failure(() -> AddrUtil.getAddresses(new ArrayList<String>())));
    }

    private static String failure(Runnable r) {
        try {
            r.run();
            return "no failure";
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Test
    void statusCodesMapAsInSpymemcached() {
        for (int code = 0; code < 0x100; code++) {
            assertEquals(net.spy.memcached.ops.StatusCode.fromBinaryCode(code).name(),
                    dev.ketch.spymemcached.ops.StatusCode.fromBinaryCode(code).name(), "binary status " + code);
        }
        for (String line : List.of("STORED", "DELETED", "NOT_STORED", "EXISTS", "NOT_FOUND", "ERROR", "CLIENT_ERROR bad",
                "SERVER_ERROR out of memory", "END", "TOUCHED", "")) {
            assertEquals(net.spy.memcached.ops.StatusCode.fromAsciiLine(line).name(),
                    dev.ketch.spymemcached.ops.StatusCode.fromAsciiLine(line).name(), line);
        }
    }
}
