package dev.ketch.server.config;

import static dev.ketch.server.config.CommandLineTest.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code -o} suboptions and their effect on the settings. */
class ExtendedOptionsTest {

    @Test
    void noModernRestoresTheOneFourDefaults() {
        ServerSettings s = settings("-o", "no_modern");
        assertEquals(1024 * 1024, s.slabChunkSizeMax);
        assertFalse(s.slabReassign);
        assertEquals(0, s.slabAutomove);
        assertFalse(s.maxConnsFast);
        assertFalse(s.lruSegmented);
        assertEquals("jenkins", s.hashAlgorithm);
        assertFalse(s.lruCrawler);
        assertFalse(s.lruMaintainerThread);
    }

    @Test
    void anExplicitChunkMaxSurvivesNoModernWhicheverComesFirst() {
        assertEquals(4096, settings("-o", "no_modern,slab_chunk_max=4096").slabChunkSizeMax);
        assertEquals(4096, settings("-o", "slab_chunk_max=4096,no_modern").slabChunkSizeMax);
        assertEquals(4096, settings("-o", "slab_chunk_max=4096", "-o", "no_modern").slabChunkSizeMax);
    }

    @Test
    void laterSuboptionsOverrideNoModern() {
        ServerSettings s = settings("-o", "no_modern,lru_crawler,lru_maintainer,slab_reassign,slab_automove=2");
        assertTrue(s.lruCrawler);
        assertTrue(s.lruMaintainerThread);
        assertTrue(s.lruSegmented);
        assertTrue(s.slabReassign);
        assertEquals(2, s.slabAutomove);
        assertEquals(1024 * 1024, s.slabChunkSizeMax);
    }

    @Test
    void modernChangesNothing() {
        ServerSettings modern = settings("-o", "modern");
        ServerSettings plain = settings();
        assertEquals(plain.slabChunkSizeMax, modern.slabChunkSizeMax);
        assertEquals(plain.lruSegmented, modern.lruSegmented);
        assertEquals(plain.hashAlgorithm, modern.hashAlgorithm);
        assertEquals(3, settings("-m", "3", "-o", "modern,slab_automove_window=3").slabAutomoveWindow);
    }

    @Test
    void numericSuboptions() {
        ServerSettings s = settings("-o", "hashpower=16,tail_repair_time=10,lru_crawler_sleep=0,lru_crawler_tocrawl=50,"
                + "hot_lru_pct=10,warm_lru_pct=50,hot_max_factor=0.5,warm_max_factor=3,temporary_ttl=30,idle_timeout=3,"
                + "slab_automove_ratio=0.5,slab_automove_window=5,watcher_logbuf_size=8,read_buf_mem_limit=1");
        assertEquals(16, s.hashPowerInit);
        assertEquals(10, s.tailRepairTime);
        assertEquals(0, s.lruCrawlerSleep);
        assertEquals(50, s.lruCrawlerTocrawl);
        assertEquals(10, s.hotLruPct);
        assertEquals(50, s.warmLruPct);
        assertEquals(0.5, s.hotMaxFactor);
        assertEquals(3.0, s.warmMaxFactor);
        assertTrue(s.tempLru);
        assertEquals(30, s.temporaryTtl);
        assertEquals(3, s.idleTimeout);
        assertEquals(0.5, s.slabAutomoveRatio);
        assertEquals(5, s.slabAutomoveWindow);
        assertEquals(8 * 1024, s.loggerWatcherBufSize);
        assertEquals(1024 * 1024, s.readBufMemLimit);
    }

    @Test
    void thirtyTwoBitUnsignedValuesWrapAsInC() {
        assertEquals(0, settings("-o", "read_buf_mem_limit=4096").readBufMemLimit); // 4096 MiB == 2^32
        assertEquals(-1, settings("-o", "lru_crawler_tocrawl=4294967295").lruCrawlerTocrawl);
    }

    @Test
    void flagSuboptions() {
        ServerSettings s = settings("-o", "no_maxconns_fast,no_slab_reassign,no_slab_automove,no_lru_crawler,"
                + "no_lru_maintainer,track_sizes,no_hashexpand,drop_privileges,inline_ascii_resp,no_inline_ascii_resp");
        assertFalse(s.maxConnsFast);
        assertFalse(s.slabReassign);
        assertEquals(0, s.slabAutomove);
        assertFalse(s.lruCrawler);
        assertFalse(s.lruMaintainerThread);
        assertFalse(s.lruSegmented);
        assertTrue(s.trackSizes);
        assertFalse(s.hashExpand);
        assertTrue(s.dropPrivileges);
        assertFalse(settings("-o", "drop_privileges,no_drop_privileges").dropPrivileges);
        assertTrue(settings("-o", "no_maxconns_fast,maxconns_fast").maxConnsFast);
        assertEquals(1, settings("-o", "no_slab_automove,slab_automove").slabAutomove);
    }

    @Test
    void hashAlgorithms() {
        assertEquals("xxh3", settings("-o", "hash_algorithm=xxh3").hashAlgorithm);
        assertEquals("jenkins", settings("-o", "hash_algorithm=jenkins").hashAlgorithm);
        assertEquals("murmur3", settings("-o", "no_modern,hash_algorithm=murmur3").hashAlgorithm);
    }

    @Test
    void slabSizes() {
        ServerSettings s = settings("-o", "slab_sizes=100-200-300");
        assertArrayEquals(new int[] {100, 200, 300}, s.slabSizes);
        assertEquals("100-200-300", s.slabConfig);
        assertArrayEquals(new int[] {100, 200}, settings("-o", "slab_sizes=-100--200-").slabSizes);
        assertArrayEquals(new int[0], settings("-o", "slab_sizes=---").slabSizes);
    }

    @Test
    void workerLogbufSizeAlsoSetsSlabSizesAsInMemcached() {
        ServerSettings s = settings("-o", "worker_logbuf_size=100");
        assertEquals(100 * 1024, s.loggerBufSize);
        assertArrayEquals(new int[] {100}, s.slabSizes);
    }

    @Test
    void sockCookieIdIsKeptAndAParseFailureMeansZero() {
        assertEquals(5, settings("-o", "sock_cookie_id=5").sockCookieId);
        assertEquals(0, settings("-o", "sock_cookie_id=x").sockCookieId);
    }

    @Test
    void valuesAfterTheNameAreIgnoredForFlags() {
        assertFalse(settings("-o", "no_modern=1").lruSegmented);
        assertNull(settings("-o", "modern=3").slabSizes);
    }

    @Test
    void emptyListsAndTrailingCommasAreFine() {
        assertEquals(settings().port, settings("-o", "").port);
        assertFalse(settings("-o", "no_modern,").lruSegmented);
    }
}
