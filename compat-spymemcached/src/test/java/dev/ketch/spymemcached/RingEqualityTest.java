package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.client.routing.Distribution;
import dev.ketch.spymemcached.testing.Impl;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.spy.memcached.AddrUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For 1, 3 and 10 servers (addresses and host names, default and odd ports, IPv6, a name that does
 * not resolve, with and without weights), 10,000 keys go to the same server through {@code
 * KetamaNodeLocator} and {@code ArrayModNodeLocator}, spymemcached's own and the drop-in's, and
 * through Ketch's spymemcached distributions, for every spymemcached hash ({@code scenario.Rings}).
 */
class RingEqualityTest {

    static final int KEYS = 10_000;
    static final List<String> KEY_SET = keys();

    /** The server lists, as spymemcached's {@code AddrUtil} parses (and resolves) them. */
    static final Map<String, List<InetSocketAddress>> SERVER_SETS = Map.of(
            "1 address", List.of(new InetSocketAddress("10.0.0.7", 11211)),
            "1 host name, odd port", List.of(new InetSocketAddress("localhost", 11311)),
            "3 addresses, default port", AddrUtil.getAddresses("10.0.1.1:11211 10.0.1.2:11211 10.0.1.3:11211"),
            "3 host names, odd ports", AddrUtil.getAddresses("localhost:11311 localhost:11411 cache-3.invalid:11511"),
            "10 mixed", AddrUtil.getAddresses("10.0.2.1:11211 10.0.2.2:11212 192.168.7.3:21211 localhost:11211 "
                    + "localhost:31000 ::1:11211 127.0.0.1:11211 127.0.0.2:11999 cache-9.invalid:11211 10.0.2.10:65535"));

    /** Keys of 1 to 60 characters: mostly printable ASCII, some with accents, CJK and emoji. */
    private static List<String> keys() {
        Random random = new Random(20_17);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:_-./";
        String[] extras = {"é", "ü", "ß", "日本", "键", "😀"};
        List<String> keys = new ArrayList<>(KEYS);
        for (int i = 0; i < KEYS; i++) {
            StringBuilder key = new StringBuilder();
            int length = 1 + random.nextInt(60);
            while (key.length() < length) {
                key.append(random.nextInt(20) == 0 ? extras[random.nextInt(extras.length)]
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            keys.add(key.toString());
        }
        return keys;
    }

    static Stream<Arguments> serverSets() {
        return SERVER_SETS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static void onBoth(String method, Object... args) {
        for (Impl impl : Impl.values()) {
            impl.call("Rings", method, args);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverSets")
    void ketamaWithEveryHash(String name, List<InetSocketAddress> addresses) {
        onBoth("ketamaWithEveryHash", name, addresses, KEY_SET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverSets")
    void weightedKetama(String name, List<InetSocketAddress> addresses) {
        onBoth("weightedKetama", name, addresses, KEY_SET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverSets")
    void arrayModWithEveryHash(String name, List<InetSocketAddress> addresses) {
        onBoth("arrayModWithEveryHash", name, addresses, KEY_SET);
    }

    /** The failover sequences of both locators, key by key. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("serverSets")
    void sequencesAreSpymemcacheds(String name, List<InetSocketAddress> addresses) {
        List<String> keys = KEY_SET.subList(0, 1000);
        List<String> theirs = Impl.SPYMEMCACHED.call("Rings", "sequences", addresses, keys);
        assertEquals(theirs, Impl.KETCH.call("Rings", "sequences", addresses, keys));
    }

    /**
     * End to end: clients built from the same connection factory settings (servers on loopback
     * ports nobody listens on) locate every key on the same server.
     */
    @Test
    void clientsBuiltFromTheSameFactorySettingsLocateAlike() {
        List<InetSocketAddress> addresses = AddrUtil.getAddresses("127.0.0.1:1 127.0.0.1:2 localhost:3 127.0.0.2:11211 "
                + "127.0.0.3:11211 localhost:11211 127.0.0.4:7 127.0.0.5:9 127.0.0.6:13 localhost:17");
        Map<String, List<Integer>> theirs = Impl.SPYMEMCACHED.call("Rings", "clientLocators", addresses, KEY_SET);
        Map<String, List<Integer>> ours = Impl.KETCH.call("Rings", "clientLocators", addresses, KEY_SET);
        assertEquals(6, theirs.size());
        theirs.forEach((factory, servers) -> assertEquals(servers, ours.get(factory), factory));
    }

    /** The distributions' default hashes are spymemcached's defaults for the same locators. */
    @Test
    void defaultHashesAreSpymemcachedsDefaults() {
        assertEquals(dev.ketch.client.routing.HashAlgorithm.MD5, Distribution.SPYMEMCACHED_KETAMA.defaultHash());
        assertEquals(dev.ketch.client.routing.HashAlgorithm.MD5, Distribution.SPYMEMCACHED_KETAMA_WEIGHTED.defaultHash());
        assertEquals(dev.ketch.client.routing.HashAlgorithm.SPYMEMCACHED_NATIVE, Distribution.SPYMEMCACHED_ARRAY_MOD.defaultHash());
    }

    /**
     * Equal weights are not the unweighted ring: spymemcached's float arithmetic gives some server
     * counts 156 points instead of 160, as the weighted rings above reproduce; this pins that the
     * rings compared really differ for such a count, so the weighted comparison is not vacuous.
     */
    @Test
    void equalWeightsDifferFromNoWeightsWhereFloatRoundingSaysSo() {
        onBoth("equalWeightsDifferFromNoWeights", KEY_SET);
    }
}
