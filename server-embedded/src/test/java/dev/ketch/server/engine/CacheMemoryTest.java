package dev.ketch.server.engine;

import static dev.ketch.server.engine.CacheFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.stats.StatsReport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The memory limit, slab pages and LRU eviction reproduce memcached's numbers for the workloads of
 * its own test suite (t/lru.t, t/issue_22.t, t/evictions.t, t/dash-M.t).
 */
class CacheMemoryTest {

    private static Map<String, String> stats(Cache cache, String group) {
        Map<String, String> out = new HashMap<>();
        StatsReport report = new StatsReport(cache, new ServerStats());
        switch (group) {
            case "items":
                report.items(out::put);
                break;
            case "slabs":
                report.slabs(out::put);
                break;
            default:
                report.general(out::put);
        }
        return out;
    }

    @Test
    void flatLruEvictsOldestFirstExactlyAsMemcached() {
        // t/lru.t: -o no_modern, 64 MB, values of 1 MiB - 250 bytes: 37 evictions after 101 sets.
        try (CacheFixture f = new CacheFixture(CacheFixture.noModern())) {
            String big = "x".repeat(1024 * 1024 - 250);
            f.set("big", big);
            assertEquals("0", stats(f.cache, "general").get("evictions"));
            for (int i = 0; i < 100; i++) {
                assertEquals(StoreResult.STORED, f.set("item_" + i, big));
            }
            int evictions = Integer.parseInt(stats(f.cache, "general").get("evictions"));
            assertEquals(37, evictions);
            assertNull(f.get("big"));
            for (int i = 0; i < evictions - 1; i++) {
                assertNull(f.get("item_" + i), "item_" + i + " evicted");
            }
            for (int i = evictions - 1; i < evictions + 4; i++) {
                assertEquals(big, f.get("item_" + i), "item_" + i + " kept");
            }
            Map<String, String> slabs = stats(f.cache, "slabs");
            assertEquals("64", slabs.get("42:total_pages"));
            assertEquals(Long.toString(64L * 1024 * 1024), slabs.get("total_malloced"));
        }
    }

    @Test
    void everySetBeyondCapacityEvictsOneItemOfItsClass() {
        // t/issue_22.t: -m 3, values of 66560 bytes land in class 31.
        ServerSettings s = new ServerSettings();
        s.maxBytes = 3L * 1024 * 1024;
        try (CacheFixture f = new CacheFixture(s)) {
            String value = "B".repeat(66560);
            for (int k = 0; k < 40; k++) {
                assertEquals(StoreResult.STORED, f.set("key" + k, value));
            }
            assertNotEquals("0", stats(f.cache, "items").get("items:31:evicted"));
            f.cache.resetStats();
            assertEquals("0", stats(f.cache, "items").get("items:31:evicted"));
            for (int k = 40; k < 80; k++) {
                assertEquals(StoreResult.STORED, f.set("key" + k, value));
            }
            assertEquals("40", stats(f.cache, "items").get("items:31:evicted"));
        }
    }

    @Test
    void evictionsOfItemsWithExpiryAreCountedApart() {
        // t/evictions.t
        ServerSettings s = new ServerSettings();
        s.maxBytes = 3L * 1024 * 1024;
        try (CacheFixture f = new CacheFixture(s)) {
            String value = "B".repeat(66560);
            for (int k = 0; k < 40; k++) {
                f.set("key" + k, value, 0);
            }
            for (int k = 0; k < 50; k++) {
                f.set("key" + k, value, 600);
            }
            Map<String, String> items = stats(f.cache, "items");
            assertNotEquals("0", items.get("items:31:evicted"));
            assertNotEquals("0", items.get("items:31:evicted_nonzero"));
        }
    }

    @Test
    void withoutEvictionAFullCacheRefusesStoresAndKeepsEverything() {
        // t/dash-M.t: -M -m 2, values of 8192 bytes.
        ServerSettings s = new ServerSettings();
        s.maxBytes = 2L * 1024 * 1024;
        s.evictToFree = false;
        try (CacheFixture f = new CacheFixture(s)) {
            String value = "B".repeat(8192);
            int key = 0;
            while (true) {
                PendingItem p = f.cache.allocate(StoreMode.SET, bytes("dash" + key), 0, 0, value.length());
                if (p.status() != PendingItem.Status.READY) {
                    assertEquals(PendingItem.Status.NO_MEMORY, p.status());
                    break;
                }
                p.write(io.netty.buffer.Unpooled.wrappedBuffer(bytes(value)));
                p.writeTerminator();
                assertEquals(StoreResult.STORED, f.cache.store(p, 0));
                key++;
            }
            PendingItem again = f.cache.allocate(StoreMode.SET, bytes("dash" + key), 0, 0, value.length());
            assertEquals(PendingItem.Status.NO_MEMORY, again.status());
            assertEquals("2", stats(f.cache, "general").get("store_no_memory"));
            assertTrue(key > 100, "stored " + key);
            for (int k = 0; k < key; k++) {
                assertEquals(value, f.get("dash" + k), "dash" + k);
            }
        }
    }

    @Test
    void writingTenTimesTheLimitStaysWithinIt() {
        ServerSettings s = new ServerSettings();
        s.maxBytes = 8L * 1024 * 1024;
        try (CacheFixture f = new CacheFixture(s)) {
            String value = "v".repeat(200);
            long written = 0;
            int i = 0;
            while (written < 10 * s.maxBytes) {
                assertEquals(StoreResult.STORED, f.set("key:" + i++, value));
                written += value.length();
            }
            Map<String, String> general = stats(f.cache, "general");
            long malloced = Long.parseLong(stats(f.cache, "slabs").get("total_malloced"));
            assertTrue(malloced <= s.maxBytes, "malloced " + malloced);
            assertTrue(Long.parseLong(general.get("bytes")) <= s.maxBytes);
            assertTrue(Long.parseLong(general.get("evictions")) > 0);
            assertEquals(value, f.get("key:" + (i - 1)), "the newest item survives");
        }
    }
}
