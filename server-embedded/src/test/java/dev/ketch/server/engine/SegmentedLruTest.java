package dev.ketch.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.stats.StatsReport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * memcached's default segmented LRU: new items enter HOT, the maintainer moves them to COLD once
 * they age, and an item hit twice in COLD moves to WARM. Expected counts are what memcached 1.6.18
 * reports for the same workload.
 */
class SegmentedLruTest {

    private static Map<String, String> items(Cache cache) {
        Map<String, String> out = new HashMap<>();
        new StatsReport(cache, new ServerStats()).items(out::put);
        return out;
    }

    private static Map<String, String> awaitItems(Cache cache, String key, String value) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Map<String, String> items = items(cache);
        while (!value.equals(items.get(key)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            items = items(cache);
        }
        return items;
    }

    @Test
    void agedItemsMoveToColdAndHitColdItemsMoveToWarm() throws Exception {
        try (CacheFixture f = new CacheFixture()) {
            String value = "x".repeat(100);
            for (int i = 0; i < 2000; i++) {
                f.set("k" + i, value);
            }
            f.clock.shift(1);
            Map<String, String> items = awaitItems(f.cache, "items:4:number_cold", "2000");
            assertEquals("2000", items.get("items:4:number_cold"));
            assertEquals("0", items.get("items:4:number_hot"));
            assertEquals("2000", items.get("items:4:moves_to_cold"));
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 2000; i += 10) {
                    f.get("k" + i);
                }
            }
            items = items(f.cache);
            assertEquals("200", items.get("items:4:number_warm"));
            assertEquals("1800", items.get("items:4:number_cold"));
            assertEquals("200", items.get("items:4:moves_to_warm"));
            assertEquals("400", items.get("items:4:hits_to_cold"));
            assertEquals("0", items.get("items:4:hits_to_warm"));
        }
    }
}
