package dev.ketch.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.stats.ServerStats;
import dev.ketch.server.stats.StatsReport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expiry and flush follow memcached's clock rules; the clock is moved, not waited for. */
class CacheExpiryTest {

    private final CacheFixture f = new CacheFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private long unixNow() {
        return f.clock.unixNow();
    }

    @Test
    void relativeExpiry() {
        f.clock.setPaused(true); // only the shifts move it: a second ticking by would expire "k" early
        f.set("k", "v", 3);
        f.clock.shift(2);
        assertEquals("v", f.get("k"));
        f.clock.shift(1);
        assertNull(f.get("k"));
    }

    @Test
    void zeroNeverExpires() {
        f.set("k", "v", 0);
        f.clock.shift(365L * 24 * 3600);
        assertEquals("v", f.get("k"));
    }

    @Test
    void negativeExpiryIsAlreadyExpired() {
        f.set("k", "v", -1);
        assertNull(f.get("k"));
    }

    @Test
    void thirtyDaysIsRelativeAndOneSecondMoreIsAbsolute() {
        int thirtyDays = 60 * 60 * 24 * 30;
        f.set("relative", "v", thirtyDays);
        f.set("absolute-past", "v", thirtyDays + 1);
        assertEquals("v", f.get("relative"));
        assertNull(f.get("absolute-past"), "a unix time in 1970 is long gone");
    }

    @Test
    void absoluteUnixTimeExpiry() {
        f.set("future", "v", (int) (unixNow() + 4));
        f.set("past", "v", (int) (unixNow() - 20));
        assertEquals("v", f.get("future"));
        assertNull(f.get("past"));
        f.clock.shift(4);
        assertNull(f.get("future"));
    }

    @Test
    void expiredItemsCountAsExpiredMisses() {
        f.set("k", "v", 1);
        f.clock.shift(1);
        assertNull(f.get("k"));
        Map<String, String> stats = new HashMap<>();
        new StatsReport(f.cache, new ServerStats()).general(stats::put);
        assertEquals("1", stats.get("get_expired"));
        assertEquals("1", stats.get("get_misses"));
    }

    @Test
    void flushAllInvalidatesEverythingStoredBefore() {
        f.set("a", "1");
        f.set("b", "2");
        f.cache.flushAll(0);
        assertNull(f.get("a"));
        assertNull(f.get("b"));
        f.set("c", "3");
        assertEquals("3", f.get("c"), "items set after the flush stay valid");
    }

    @Test
    void delayedFlushTakesEffectAtItsTime() {
        f.clock.setPaused(true); // a second ticking by between the flush and the first get would apply the flush
        f.set("a", "1");
        f.cache.flushAll(2);
        assertEquals("1", f.get("a"));
        f.clock.shift(2);
        assertNull(f.get("a"));
        f.set("b", "2");
        assertEquals("2", f.get("b"));
    }

    @Test
    void crawlerReclaimsExpiredItemsNobodyAsksFor() throws Exception {
        // The LRU maintainer reclaims the expired items it finds while it moves items between the
        // segmented LRUs; without it, only the crawler can have reclaimed them.
        ServerSettings noJuggling = new ServerSettings();
        noJuggling.lruMaintainerThread = false;
        try (CacheFixture crawled = new CacheFixture(noJuggling)) {
            for (int i = 0; i < 100; i++) {
                crawled.set("short" + i, "v", 1);
                crawled.set("long" + i, "v", 1000);
            }
            crawled.clock.shift(2);
            assertEquals(dev.ketch.server.storage.Maintainer.CrawlResult.OK, crawled.cache.maintainer().crawl("all"));
            Map<String, String> stats = new HashMap<>();
            long deadline = System.nanoTime() + 60_000_000_000L; // the crawler thread, on a loaded machine
            do {
                Thread.sleep(20);
                stats.clear();
                new StatsReport(crawled.cache, new ServerStats()).general(stats::put);
            } while (!"100".equals(stats.get("crawler_reclaimed")) && System.nanoTime() < deadline);
            assertEquals("100", stats.get("crawler_reclaimed"));
            assertEquals("100", stats.get("curr_items"));
            assertEquals("100", stats.get("expired_unfetched"));
        }
    }
}
