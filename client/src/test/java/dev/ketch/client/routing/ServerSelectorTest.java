package dev.ketch.client.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.ServerAddress;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Selector behaviour beyond the vectors: one server, weights, leaving servers out, allocation. */
class ServerSelectorTest {

    private static final byte[][] KEYS = Keys.random(20_000, 99L);

    @ParameterizedTest
    @EnumSource(Distribution.class)
    void oneServerTakesEveryKeyAndTheHashIsStillReported(Distribution distribution) {
        ServerSelector selector = distribution.selector(Keys.servers(1));
        for (byte[] key : KEYS) {
            assertEquals(0, selector.indexFor(key));
        }
        byte[] key = Keys.ascii("anything");
        assertEquals(distribution.defaultHash().hash(key), selector.hash(key));
        assertEquals(-1, selector.indexFor(key, i -> true));
        assertNull(selector.without(i -> true).serverFor(key));
    }

    /** Ketch's LIBMEMCACHED_KETAMA is libmemcached's ketama with servers added before ketama was set. */
    @Test
    void libmemcachedKetamaIgnoresWeights() {
        List<ServerAddress> weighted = Keys.servers(5, 1, 2, 3, 4, 50);
        List<ServerAddress> plain = Keys.servers(5);
        assertArrayEquals(Keys.place(Distribution.LIBMEMCACHED_KETAMA.selector(plain), KEYS),
                Keys.place(Distribution.LIBMEMCACHED_KETAMA.selector(weighted), KEYS));
    }

    @ParameterizedTest
    @EnumSource(value = Distribution.class, names = {"LIBMEMCACHED_KETAMA_WEIGHTED", "LIBMEMCACHED_CONSISTENT_WEIGHTED",
            "LIBMEMCACHED_KETAMA_PRE1010"})
    void weightedRingsHonourWeights(Distribution distribution) {
        int[] perServer = new int[2];
        for (int index : Keys.place(distribution.selector(Keys.servers(2, 1, 3)), KEYS)) {
            perServer[index]++;
        }
        double heavyShare = perServer[1] / (double) KEYS.length;
        assertTrue(heavyShare > 0.65 && heavyShare < 0.85, "weight 3 of 4 took " + heavyShare);
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void unweightedKetamaRebuiltWithoutDeadServersEqualsSkippingThem(HashAlgorithm hash) {
        ServerSelector selector = Distribution.LIBMEMCACHED_KETAMA.selector(Keys.servers(10), hash);
        IntPredicate dead = i -> i == 2 || i == 7;
        ServerSelector rebuilt = selector.without(dead);
        for (byte[] key : KEYS) {
            int skipped = selector.indexFor(key, dead);
            assertEquals(skipped, rebuilt.indexFor(key));
            int before = selector.indexFor(key);
            if (!dead.test(before)) {
                assertEquals(before, skipped, "a live server's key moved");
            }
        }
    }

    /** libmemcached recounts weighted points over the live servers; OMcache's skip never moves live keys. */
    @Test
    void weightedRebuildIsAFreshRingOfTheLiveServersAndMovesSomeLiveKeys() {
        List<ServerAddress> servers = Keys.servers(4, 1, 2, 3, 4);
        ServerSelector selector = Distribution.LIBMEMCACHED_KETAMA_WEIGHTED.selector(servers);
        IntPredicate dead = i -> i == 1;
        ServerSelector rebuilt = selector.without(dead);
        List<ServerAddress> live = new ArrayList<>(servers);
        live.remove(1);
        ServerSelector fresh = Distribution.LIBMEMCACHED_KETAMA_WEIGHTED.selector(live);
        int liveKeysMoved = 0;
        for (byte[] key : KEYS) {
            assertEquals(fresh.serverFor(key), rebuilt.serverFor(key));
            int before = selector.indexFor(key);
            if (before != 1) {
                assertEquals(before, selector.indexFor(key, dead), "skipping moved a live server's key");
                liveKeysMoved += rebuilt.indexFor(key) != before ? 1 : 0;
            }
        }
        assertTrue(liveKeysMoved > 0, "the recount moves some keys of live servers");
    }

    @Test
    void modulaIsTheUnsignedHashModuloTheServers() {
        ServerSelector selector = Distribution.MODULA.selector(Keys.servers(7));
        IntPredicate dead = i -> i == 3 || i == 4;
        ServerSelector rebuilt = selector.without(dead);
        int[] live = {0, 1, 2, 5, 6};
        for (byte[] key : KEYS) {
            int hash = HashAlgorithm.ONE_AT_A_TIME.hash(key);
            int index = Integer.remainderUnsigned(hash, 7);
            assertEquals(index, selector.indexFor(key));
            assertEquals(index == 3 || index == 4 ? 5 : index, selector.indexFor(key, dead));
            assertEquals(live[Integer.remainderUnsigned(hash, 5)], rebuilt.indexFor(key));
        }
    }

    @Test
    void selectorsAreConfiguredOnce() {
        assertThrows(IllegalArgumentException.class, () -> Distribution.LIBMEMCACHED_KETAMA.selector(List.of()));
        ServerSelector selector = ServerSelector.of(Keys.servers(3), Distribution.LIBMEMCACHED_KETAMA, HashAlgorithm.MD5);
        assertEquals(HashAlgorithm.MD5, selector.hashAlgorithm());
        assertEquals(Distribution.LIBMEMCACHED_KETAMA, selector.distribution());
        assertThrows(UnsupportedOperationException.class, () -> selector.servers().add(Keys.servers(1).get(0)));
        assertNotEquals(Keys.place(selector, KEYS)[0], -1);
    }

    /** Lookups allocate nothing (bar the MD5 and CRC key hashes, which allocate their state). */
    @ParameterizedTest
    @EnumSource(value = HashAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = {"MD5", "CRC"})
    void lookupsAllocateNothing(HashAlgorithm hash) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ServerSelector selector = Distribution.LIBMEMCACHED_KETAMA.selector(Keys.servers(100), hash);
        IntPredicate dead = i -> i == 5;
        long sink = 0;
        for (int round = 0; round < 20; round++) { // let the JIT compile the lookup
            for (byte[] key : KEYS) {
                sink += selector.indexFor(key) + selector.indexFor(key, dead);
            }
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 10; round++) {
            for (byte[] key : KEYS) {
                sink += selector.indexFor(key) + selector.indexFor(key, dead);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 4096, allocated + " bytes allocated by 400 000 lookups (" + sink + ")");
    }
}
