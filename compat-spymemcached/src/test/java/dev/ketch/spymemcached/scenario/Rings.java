package dev.ketch.spymemcached.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.HashAlgorithm;
import dev.ketch.client.routing.ServerSelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.spy.memcached.ArrayModNodeLocator;
import net.spy.memcached.BinaryConnectionFactory;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.DefaultConnectionFactory;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaConnectionFactory;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;

/**
 * spymemcached's locators, built through its API, against Ketch's spymemcached distributions: the
 * same server for every key. Run on spymemcached's jar this proves Ketch's routing; run on the
 * drop-in it proves the drop-in's locators too.
 */
public final class Rings {

    /** Ketch's hash for each {@link DefaultHashAlgorithm}, by name. */
    private static final Map<String, HashAlgorithm> KETCH_HASHES = Map.of(
            "NATIVE_HASH", HashAlgorithm.SPYMEMCACHED_NATIVE, "CRC_HASH", HashAlgorithm.CRC,
            "FNV1_64_HASH", HashAlgorithm.SPYMEMCACHED_FNV1_64, "FNV1A_64_HASH", HashAlgorithm.SPYMEMCACHED_FNV1A_64,
            "FNV1_32_HASH", HashAlgorithm.SPYMEMCACHED_FNV1_32, "FNV1A_32_HASH", HashAlgorithm.SPYMEMCACHED_FNV1A_32,
            "KETAMA_HASH", HashAlgorithm.MD5);

    private Rings() {
    }

    /** A node that is only asked for its address (and used as a map key). */
    static MemcachedNode node(InetSocketAddress address) {
        return (MemcachedNode) Proxy.newProxyInstance(Rings.class.getClassLoader(), new Class<?>[] {MemcachedNode.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSocketAddress" -> address;
                    case "toString" -> String.valueOf(address);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static List<MemcachedNode> nodes(List<InetSocketAddress> addresses) {
        return new ArrayList<>(addresses.stream().map(Rings::node).toList());
    }

    static List<ServerAddress> servers(List<InetSocketAddress> addresses, Map<InetSocketAddress, Integer> weights) {
        return addresses.stream().map(a -> ServerAddress.of(a, weights.getOrDefault(a, 1))).toList();
    }

    static void assertSameServers(String what, List<String> keys, List<InetSocketAddress> addresses, NodeLocator spy,
            Function<String, Integer> ketch) {
        int mismatches = 0;
        String first = null;
        for (String key : keys) {
            SocketAddress expected = spy.getPrimary(key).getSocketAddress();
            int expectedIndex = indexOf(addresses, expected);
            int actual = ketch.apply(key);
            if (actual != expectedIndex && mismatches++ == 0) {
                first = "key '" + key + "': spymemcached's locator " + expected + " (" + expectedIndex + "), Ketch " + actual;
            }
        }
        assertEquals(0, mismatches, what + ": " + mismatches + " of " + keys.size() + " keys differ, first " + first);
    }

    static int indexOf(List<InetSocketAddress> addresses, SocketAddress address) {
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i) == address) {
                return i;
            }
        }
        int index = addresses.indexOf(address); // a read-only copy of the locator
        if (index < 0) {
            throw new AssertionError(address + " is not a configured server");
        }
        return index;
    }

    private static Function<String, Integer> ketch(ServerSelector selector) {
        return key -> selector.indexFor(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Ketama with every {@link DefaultHashAlgorithm}. */
    public static void ketamaWithEveryHash(String name, List<InetSocketAddress> addresses, List<String> keys) {
        for (DefaultHashAlgorithm hash : DefaultHashAlgorithm.values()) {
            NodeLocator spy = new KetamaNodeLocator(nodes(addresses), hash);
            ServerSelector ketch = Distribution.SPYMEMCACHED_KETAMA.selector(servers(addresses, Map.of()),
                    KETCH_HASHES.get(hash.name()));
            assertSameServers(name + ", ketama, " + hash, keys, addresses, spy, ketch(ketch));
        }
    }

    /** Weighted ketama, three weightings, two hashes. */
    public static void weightedKetama(String name, List<InetSocketAddress> addresses, List<String> keys) {
        for (Function<Integer, Integer> weighting : List.<Function<Integer, Integer>>of(i -> 1, i -> i + 1, i -> 1 + (i * 7) % 5)) {
            Map<InetSocketAddress, Integer> weights = new HashMap<>();
            for (int i = 0; i < addresses.size(); i++) {
                weights.put(addresses.get(i), weighting.apply(i));
            }
            for (DefaultHashAlgorithm hash : List.of(DefaultHashAlgorithm.KETAMA_HASH, DefaultHashAlgorithm.NATIVE_HASH)) {
                NodeLocator spy = new KetamaNodeLocator(nodes(addresses), hash, KetamaNodeKeyFormatter.Format.SPYMEMCACHED,
                        weights);
                ServerSelector ketch = Distribution.SPYMEMCACHED_KETAMA_WEIGHTED.selector(servers(addresses, weights),
                        KETCH_HASHES.get(hash.name()));
                assertSameServers(name + ", weighted ketama " + weights.values() + ", " + hash, keys, addresses, spy,
                        ketch(ketch));
            }
        }
    }

    /** Array-mod with every {@link DefaultHashAlgorithm}. */
    public static void arrayModWithEveryHash(String name, List<InetSocketAddress> addresses, List<String> keys) {
        for (DefaultHashAlgorithm hash : DefaultHashAlgorithm.values()) {
            NodeLocator spy = new ArrayModNodeLocator(nodes(addresses), hash);
            ServerSelector ketch = Distribution.SPYMEMCACHED_ARRAY_MOD.selector(servers(addresses, Map.of()),
                    KETCH_HASHES.get(hash.name()));
            assertSameServers(name + ", array-mod, " + hash, keys, addresses, spy, ketch(ketch));
        }
    }

    /**
     * The server index of every key through the locator of clients built from common connection
     * factory settings (servers on loopback ports nobody listens on), one list per factory.
     */
    public static Map<String, List<Integer>> clientLocators(List<InetSocketAddress> addresses, List<String> keys) {
        Map<InetSocketAddress, Integer> weights = new HashMap<>();
        for (int i = 0; i < addresses.size(); i++) {
            weights.put(addresses.get(i), 1 + i % 4);
        }
        Map<String, ConnectionFactory> factories = Map.of(
                "DefaultConnectionFactory", new DefaultConnectionFactory(),
                "BinaryConnectionFactory, FNV1A_32", new BinaryConnectionFactory(1000, 1000, DefaultHashAlgorithm.FNV1A_32_HASH),
                "KetamaConnectionFactory", new KetamaConnectionFactory(),
                "KetamaConnectionFactory with weights", new KetamaConnectionFactory(1000, 1000, 1000,
                        DefaultHashAlgorithm.KETAMA_HASH, KetamaNodeKeyFormatter.Format.SPYMEMCACHED, weights),
                "builder CONSISTENT (NATIVE_HASH)", new ConnectionFactoryBuilder()
                        .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT).setDaemon(true).build(),
                "builder CONSISTENT, KETAMA_HASH", new ConnectionFactoryBuilder()
                        .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT)
                        .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH).setDaemon(true).build());
        Map<String, List<Integer>> located = new HashMap<>();
        factories.forEach((name, factory) -> {
            try {
                MemcachedClient client = new MemcachedClient(factory, addresses);
                try {
                    NodeLocator locator = client.getNodeLocator();
                    List<Integer> indexes = new ArrayList<>(keys.size());
                    for (String key : keys) {
                        indexes.add(addresses.indexOf((InetSocketAddress) locator.getPrimary(key).getSocketAddress()));
                    }
                    located.put(name, indexes);
                } finally {
                    client.shutdown();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return located;
    }

    /**
     * Equal weights are not the unweighted ring: spymemcached's float arithmetic gives some server
     * counts 156 points instead of 160, which the weighted distribution reproduces.
     */
    public static void equalWeightsDifferFromNoWeights(List<String> keys) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            addresses.add(new InetSocketAddress("10.0.3." + (i + 1), 11211));
        }
        Map<InetSocketAddress, Integer> weights = new HashMap<>();
        addresses.forEach(a -> weights.put(a, 1));
        NodeLocator weighted = new KetamaNodeLocator(nodes(addresses), DefaultHashAlgorithm.KETAMA_HASH,
                KetamaNodeKeyFormatter.Format.SPYMEMCACHED, weights);
        NodeLocator unweighted = new KetamaNodeLocator(nodes(addresses), DefaultHashAlgorithm.KETAMA_HASH);
        long differ = keys.stream().filter(k -> indexOf(addresses, weighted.getPrimary(k).getSocketAddress())
                != indexOf(addresses, unweighted.getPrimary(k).getSocketAddress())).count();
        assertTrue(differ > 0, "25 equal weights should drop to 156 points per server");
        assertSameServers("25 equal weights", keys, addresses, weighted,
                ketch(Distribution.SPYMEMCACHED_KETAMA_WEIGHTED.selector(servers(addresses, weights))));
        assertSameServers("25 unweighted", keys, addresses, unweighted,
                ketch(Distribution.SPYMEMCACHED_KETAMA.selector(servers(addresses, Map.of()))));
    }

    /** The servers {@code getSequence} lists for each key, by index, for ketama and array-mod. */
    public static List<String> sequences(List<InetSocketAddress> addresses, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (NodeLocator locator : List.of(new KetamaNodeLocator(nodes(addresses), DefaultHashAlgorithm.KETAMA_HASH),
                new KetamaNodeLocator(nodes(addresses), DefaultHashAlgorithm.FNV1A_32_HASH),
                new ArrayModNodeLocator(nodes(addresses), DefaultHashAlgorithm.NATIVE_HASH))) {
            for (String key : keys) {
                StringBuilder line = new StringBuilder(key).append(':');
                locator.getSequence(key).forEachRemaining(n -> line.append(' ').append(indexOf(addresses, n.getSocketAddress())));
                out.add(line.toString());
            }
        }
        return out;
    }
}
