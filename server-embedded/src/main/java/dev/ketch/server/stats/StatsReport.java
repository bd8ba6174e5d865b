package dev.ketch.server.stats;

import static dev.ketch.server.engine.EngineCounters.sum;

import dev.ketch.server.Version;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.engine.Cache;
import dev.ketch.server.engine.EngineCounters;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.storage.ExtstoreCounters;
import dev.ketch.server.storage.ExtstoreItems;
import dev.ketch.server.storage.extstore.ExtstoreStats;
import dev.ketch.server.storage.extstore.PageData;
import dev.ketch.server.storage.ItemLayout;
import dev.ketch.server.storage.LruCounters;
import dev.ketch.server.storage.SlabAllocator;
import dev.ketch.server.storage.SlabMover;
import dev.ketch.server.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The statistics groups memcached reports, with its names, order and formats: {@code stats}
 * (general), {@code stats items}, {@code stats slabs} and {@code stats sizes}. Which keys appear
 * follows the same settings as in memcached (e.g. the LRU maintainer's counters only when it
 * runs), because clients and memcached's own tests count them.
 */
public final class StatsReport {

    private static final int[] LRU_TYPES = {ItemLayout.HOT_LRU, ItemLayout.WARM_LRU, ItemLayout.COLD_LRU, ItemLayout.TEMP_LRU};
    private static final int ITEM_UPDATE_INTERVAL = 60;
    private static final int RESERVED_FDS = 20;

    private final Cache cache;
    private final ServerStats server;
    private final ServerSettings settings;
    private volatile Consumer<StatsSink> connectionMemory = StatsReport::noConnectionMemory;

    public StatsReport(Cache cache, ServerStats server) {
        this.cache = cache;
        this.server = server;
        this.settings = cache.settings();
    }

    /** Where {@code stats} gets the read buffer and response object figures (the connections' memory). */
    public void connectionMemory(Consumer<StatsSink> figures) {
        this.connectionMemory = figures;
    }

    private static void noConnectionMemory(StatsSink sink) {
        for (String name : new String[] {"response_obj_oom", "response_obj_count", "response_obj_bytes",
                "read_buf_count", "read_buf_bytes", "read_buf_bytes_free", "read_buf_oom"}) {
            sink.stat(name, "0");
        }
    }

    /** {@code stats}: the general statistics. */
    public void general(StatsSink sink) {
        ReentrantLock lock = cache.lock();
        lock.lock();
        try {
            generalLocked(sink);
        } finally {
            lock.unlock();
        }
    }

    private void generalLocked(StatsSink sink) {
        Storage storage = cache.storage();
        EngineCounters c = cache.counters();
        int now = cache.clock().now();
        long[] rusage = Rusage.read();

        sink.stat("pid", Long.toString(ProcessHandle.current().pid()));
        sink.stat("uptime", Integer.toUnsignedString(now - ITEM_UPDATE_INTERVAL));
        sink.stat("time", Long.toString(now + cache.clock().processStarted()));
        sink.stat("version", Version.full());
        sink.stat("libevent", "netty-" + Version.netty());
        sink.stat("pointer_size", "64");
        sink.stat("rusage_user", Rusage.format(rusage[0]));
        sink.stat("rusage_system", Rusage.format(rusage[1]));
        sink.stat("max_connections", Integer.toString(settings.maxConns));
        sink.stat("curr_connections", Long.toString(server.currConnections.get() - 1));
        sink.stat("total_connections", Long.toString(server.totalConnections.sum()));
        if (settings.maxConnsFast) {
            sink.stat("rejected_connections", Long.toString(server.rejectedConnections.sum()));
        }
        sink.stat("connection_structures", Long.toString(server.connectionStructures.get()));
        connectionMemory.accept(sink);
        sink.stat("reserved_fds", Integer.toString(RESERVED_FDS));
        sink.stat("cmd_get", Long.toString(c.getCmds));
        sink.stat("cmd_set", Long.toString(sum(c.setCmds)));
        sink.stat("cmd_flush", Long.toString(server.flushCmds.sum()));
        sink.stat("cmd_touch", Long.toString(c.touchCmds));
        sink.stat("cmd_meta", Long.toString(server.metaCmds.sum()));
        sink.stat("get_hits", Long.toString(sum(c.getHits)));
        sink.stat("get_misses", Long.toString(c.getMisses));
        sink.stat("get_expired", Long.toString(storage.getExpired()));
        sink.stat("get_flushed", Long.toString(storage.getFlushed()));
        ExtstoreItems ext = storage.extstore();
        if (ext != null) {
            ExtstoreCounters e = ext.counters();
            sink.stat("get_extstore", Long.toString(e.getExtstore));
            sink.stat("get_aborted_extstore", Long.toString(e.getAbortedExtstore));
            sink.stat("get_oom_extstore", Long.toString(e.getOomExtstore));
            sink.stat("recache_from_extstore", Long.toString(e.recacheFromExtstore));
            sink.stat("miss_from_extstore", Long.toString(e.missFromExtstore));
            sink.stat("badcrc_from_extstore", Long.toString(e.badcrcFromExtstore));
        }
        sink.stat("delete_misses", Long.toString(c.deleteMisses));
        sink.stat("delete_hits", Long.toString(sum(c.deleteHits)));
        sink.stat("incr_misses", Long.toString(c.incrMisses));
        sink.stat("incr_hits", Long.toString(sum(c.incrHits)));
        sink.stat("decr_misses", Long.toString(c.decrMisses));
        sink.stat("decr_hits", Long.toString(sum(c.decrHits)));
        sink.stat("cas_misses", Long.toString(c.casMisses));
        sink.stat("cas_hits", Long.toString(sum(c.casHits)));
        sink.stat("cas_badval", Long.toString(sum(c.casBadval)));
        sink.stat("touch_hits", Long.toString(sum(c.touchHits)));
        sink.stat("touch_misses", Long.toString(c.touchMisses));
        sink.stat("store_too_large", Long.toString(c.storeTooLarge));
        sink.stat("store_no_memory", Long.toString(c.storeNoMemory));
        sink.stat("auth_cmds", Long.toString(server.authCmds.sum()));
        sink.stat("auth_errors", Long.toString(server.authErrors.sum()));
        if (settings.idleTimeout != 0) {
            sink.stat("idle_kicks", Long.toString(server.idleKicks.sum()));
        }
        sink.stat("bytes_read", Long.toString(server.bytesRead.sum()));
        sink.stat("bytes_written", Long.toString(server.bytesWritten.sum()));
        sink.stat("limit_maxbytes", Long.toString(settings.maxBytes));
        sink.stat("accepting_conns", server.acceptingConnections ? "1" : "0");
        sink.stat("listen_disabled_num", Long.toString(server.listenDisabledNum.sum()));
        sink.stat("time_in_listen_disabled_us", Long.toString(server.timeInListenDisabledUs.sum()));
        sink.stat("threads", Integer.toString(settings.numThreads));
        sink.stat("conn_yields", Long.toString(server.connYields.sum()));
        sink.stat("hash_power_level", Integer.toString(storage.hashPowerLevel()));
        sink.stat("hash_bytes", Long.toString(storage.hashBytes()));
        sink.stat("hash_is_expanding", storage.hashIsExpanding() ? "1" : "0");
        if (settings.slabReassign) {
            SlabMover mover = storage.mover();
            sink.stat("slab_reassign_rescues", Long.toString(mover.rescues()));
            sink.stat("slab_reassign_chunk_rescues", Long.toString(mover.chunkRescues()));
            sink.stat("slab_reassign_evictions_nomem", Long.toString(mover.evictionsNomem()));
            sink.stat("slab_reassign_inline_reclaim", Long.toString(mover.inlineReclaim()));
            sink.stat("slab_reassign_busy_items", Long.toString(mover.busyItems()));
            sink.stat("slab_reassign_busy_deletes", "0");
            sink.stat("slab_reassign_running", mover.running() ? "1" : "0");
            sink.stat("slabs_moved", Long.toString(mover.slabsMoved()));
        }
        if (settings.lruCrawler) {
            sink.stat("lru_crawler_running", cache.maintainer().crawlerRunning() ? "1" : "0");
            sink.stat("lru_crawler_starts", Long.toString(cache.maintainer().crawlerStarts()));
        }
        if (settings.lruMaintainerThread) {
            sink.stat("lru_maintainer_juggles", Long.toString(cache.maintainer().juggles()));
        }
        sink.stat("malloc_fails", "0");
        EventLog log = cache.eventLog();
        sink.stat("log_worker_dropped", "0");
        sink.stat("log_worker_written", Long.toString(log.written()));
        sink.stat("log_watcher_skipped", Long.toString(log.watcherSkipped()));
        sink.stat("log_watcher_sent", Long.toString(log.watcherSent()));
        sink.stat("log_watchers", Integer.toString(log.watcherCount()));
        if (ext != null) {
            extstore(ext, sink);
        }
        if (settings.sslEnabled) {
            if (settings.sslSessionCache) {
                sink.stat("ssl_new_sessions", Long.toString(server.sslNewSessions.sum()));
            }
            sink.stat("ssl_handshake_errors", Long.toString(server.sslHandshakeErrors.sum()));
            sink.stat("time_since_server_cert_refresh", Integer.toUnsignedString(now - server.sslLastCertRefreshTime));
        }
        sink.stat("unexpected_napi_ids", "0");
        sink.stat("round_robin_fallback", "0");

        sink.stat("bytes", Long.toString(storage.currBytes()));
        sink.stat("curr_items", Long.toString(storage.currItems()));
        sink.stat("total_items", Long.toString(storage.totalItems()));
        sink.stat("slab_global_page_pool", Integer.toString(storage.slabs().globalPoolPages()));
        itemTotals(storage.counters(), sink);
    }

    private void itemTotals(LruCounters k, StatsSink sink) {
        sink.stat("expired_unfetched", Long.toString(sum(k.expiredUnfetched)));
        sink.stat("evicted_unfetched", Long.toString(sum(k.evictedUnfetched)));
        if (settings.lruMaintainerThread) {
            sink.stat("evicted_active", Long.toString(sum(k.evictedActive)));
        }
        sink.stat("evictions", Long.toString(sum(k.evicted)));
        sink.stat("reclaimed", Long.toString(sum(k.reclaimed)));
        sink.stat("crawler_reclaimed", Long.toString(sum(k.crawlerReclaimed)));
        sink.stat("crawler_items_checked", Long.toString(sum(k.crawlerItemsChecked)));
        sink.stat("lrutail_reflocked", Long.toString(sum(k.lrutailReflocked)));
        if (settings.lruMaintainerThread) {
            sink.stat("moves_to_cold", Long.toString(sum(k.movesToCold)));
            sink.stat("moves_to_warm", Long.toString(sum(k.movesToWarm)));
            sink.stat("moves_within_lru", Long.toString(sum(k.movesWithinLru)));
            sink.stat("direct_reclaims", Long.toString(sum(k.directReclaims)));
            sink.stat("lru_bumps_dropped", "0");
        }
    }

    /** {@code stats items}: per slab class, the LRU sizes and what happened to their items. */
    public void items(StatsSink sink) {
        ReentrantLock lock = cache.lock();
        lock.lock();
        try {
            Storage storage = cache.storage();
            LruCounters k = storage.counters();
            long[] lruHits = cache.counters().lruHits;
            for (int n = 0; n < SlabAllocator.MAX_NUMBER_OF_SLAB_CLASSES; n++) {
                int[] size = new int[4];
                long total = 0;
                long memRequested = 0;
                for (int x = 0; x < 4; x++) {
                    int i = n | LRU_TYPES[x];
                    size[x] = storage.lruSize(i);
                    total += size[x];
                    memRequested += storage.lruBytes(i);
                }
                if (total == 0) {
                    continue;
                }
                int hot = n | ItemLayout.HOT_LRU;
                int warm = n | ItemLayout.WARM_LRU;
                int cold = n | ItemLayout.COLD_LRU;
                int temp = n | ItemLayout.TEMP_LRU;
                String p = "items:" + n + ":";
                sink.stat(p + "number", Long.toString(total));
                if (settings.lruMaintainerThread) {
                    sink.stat(p + "number_hot", Integer.toString(size[0]));
                    sink.stat(p + "number_warm", Integer.toString(size[1]));
                    sink.stat(p + "number_cold", Integer.toString(size[2]));
                    if (settings.tempLru) {
                        sink.stat(p + "number_temp", Integer.toString(size[3]));
                    }
                    sink.stat(p + "age_hot", Integer.toUnsignedString(storage.lruTailAge(hot)));
                    sink.stat(p + "age_warm", Integer.toUnsignedString(storage.lruTailAge(warm)));
                }
                sink.stat(p + "age", Integer.toUnsignedString(storage.lruTailAge(cold)));
                sink.stat(p + "mem_requested", Long.toString(memRequested));
                sink.stat(p + "evicted", Long.toString(sum4(k.evicted, n)));
                sink.stat(p + "evicted_nonzero", Long.toString(sum4(k.evictedNonzero, n)));
                sink.stat(p + "evicted_time", Integer.toUnsignedString(k.evictedTime[cold]));
                sink.stat(p + "outofmemory", Long.toString(sum4(k.outofmemory, n)));
                sink.stat(p + "tailrepairs", Long.toString(sum4(k.tailrepairs, n)));
                sink.stat(p + "reclaimed", Long.toString(sum4(k.reclaimed, n)));
                sink.stat(p + "expired_unfetched", Long.toString(sum4(k.expiredUnfetched, n)));
                sink.stat(p + "evicted_unfetched", Long.toString(sum4(k.evictedUnfetched, n)));
                if (settings.lruMaintainerThread) {
                    sink.stat(p + "evicted_active", Long.toString(sum4(k.evictedActive, n)));
                }
                sink.stat(p + "crawler_reclaimed", Long.toString(sum4(k.crawlerReclaimed, n)));
                sink.stat(p + "crawler_items_checked", Long.toString(sum4(k.crawlerItemsChecked, n)));
                sink.stat(p + "lrutail_reflocked", Long.toString(sum4(k.lrutailReflocked, n)));
                if (settings.lruMaintainerThread) {
                    sink.stat(p + "moves_to_cold", Long.toString(sum4(k.movesToCold, n)));
                    sink.stat(p + "moves_to_warm", Long.toString(sum4(k.movesToWarm, n)));
                    sink.stat(p + "moves_within_lru", Long.toString(sum4(k.movesWithinLru, n)));
                    sink.stat(p + "direct_reclaims", Long.toString(sum4(k.directReclaims, n)));
                    sink.stat(p + "hits_to_hot", Long.toString(lruHits[hot]));
                    sink.stat(p + "hits_to_warm", Long.toString(lruHits[warm]));
                    sink.stat(p + "hits_to_cold", Long.toString(lruHits[cold]));
                    sink.stat(p + "hits_to_temp", Long.toString(lruHits[temp]));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static long sum4(long[] perLru, int cls) {
        long total = 0;
        for (int lru : LRU_TYPES) {
            total += perLru[cls | lru];
        }
        return total;
    }

    /** {@code stats slabs}: per class with pages, the chunk geometry, usage and hit counts. */
    public void slabs(StatsSink sink) {
        ReentrantLock lock = cache.lock();
        lock.lock();
        try {
            SlabAllocator slabs = cache.storage().slabs();
            EngineCounters c = cache.counters();
            int[] active = {0};
            slabs.forEachActiveClass((i, s) -> {
                long pages = s.pages(i);
                long perslab = s.perslab(i);
                String p = i + ":";
                sink.stat(p + "chunk_size", Integer.toString(s.chunkSize(i)));
                sink.stat(p + "chunks_per_page", Long.toString(perslab));
                sink.stat(p + "total_pages", Long.toString(pages));
                sink.stat(p + "total_chunks", Long.toString(pages * perslab));
                sink.stat(p + "used_chunks", Long.toString(pages * perslab - s.freeChunks(i)));
                sink.stat(p + "free_chunks", Integer.toString(s.freeChunks(i)));
                sink.stat(p + "free_chunks_end", "0");
                sink.stat(p + "get_hits", Long.toString(c.getHits[i]));
                sink.stat(p + "cmd_set", Long.toString(c.setCmds[i]));
                sink.stat(p + "delete_hits", Long.toString(c.deleteHits[i]));
                sink.stat(p + "incr_hits", Long.toString(c.incrHits[i]));
                sink.stat(p + "decr_hits", Long.toString(c.decrHits[i]));
                sink.stat(p + "cas_hits", Long.toString(c.casHits[i]));
                sink.stat(p + "cas_badval", Long.toString(c.casBadval[i]));
                sink.stat(p + "touch_hits", Long.toString(c.touchHits[i]));
                active[0]++;
            });
            sink.stat("active_slabs", Integer.toString(active[0]));
            sink.stat("total_malloced", Long.toString(slabs.memMalloced()));
        } finally {
            lock.unlock();
        }
    }

    /** {@code stats sizes}: the item size histogram, or {@code sizes_status disabled}. */
    public void sizes(StatsSink sink) {
        ReentrantLock lock = cache.lock();
        lock.lock();
        try {
            if (!cache.storage().sizes().forEach((size, count) -> sink.stat(size, Integer.toString(count)))) {
                sink.stat("sizes_status", "disabled");
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code stats sizes_enable}. */
    public void sizesEnable(StatsSink sink) {
        ReentrantLock lock = cache.lock();
        lock.lock();
        try {
            if (cache.storage().enableSizes()) {
                sink.stat("sizes_status", "enabled");
            } else {
                sink.stat("sizes_status", "error");
                sink.stat("sizes_error", "cas_support_disabled");
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code stats sizes_disable}. */
    public void sizesDisable(StatsSink sink) {
        ReentrantLock lock = cache.lock();
        lock.lock();
        try {
            cache.storage().disableSizes();
            sink.stat("sizes_status", "disabled");
        } finally {
            lock.unlock();
        }
    }

    /** {@code stats reset}. */
    public void reset() {
        server.reset();
        cache.resetStats();
    }

    /** Process CPU time split into user and system, in microseconds. */
    static final class Rusage {
        private static final long TICKS_PER_SECOND = 100;

        private Rusage() {
        }

        static long[] read() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields 14 and 15 of /proc/PID/stat (utime, stime), counted after "pid (comm) "
                long user = Long.parseLong(f[11]) * 1_000_000 / TICKS_PER_SECOND;
                long system = Long.parseLong(f[12]) * 1_000_000 / TICKS_PER_SECOND;
                return new long[] {user, system};
            } catch (IOException | RuntimeException e) {
                java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpu = os instanceof com.sun.management.OperatingSystemMXBean
                        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1000 : 0;
                return new long[] {cpu, 0};
            }
        }

        static String format(long micros) {
            return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
        }
    }

    /** {@code storage_stats}: compaction's counters and the page store's. */
    private static void extstore(ExtstoreItems ext, StatsSink sink) {
        ExtstoreCounters e = ext.counters();
        sink.stat("extstore_compact_lost", Long.toString(e.compactLost));
        sink.stat("extstore_compact_rescues", Long.toString(e.compactRescues));
        sink.stat("extstore_compact_skipped", Long.toString(e.compactSkipped));
        ExtstoreStats st = ext.store().stats();
        sink.stat("extstore_page_allocs", Long.toString(st.pageAllocs()));
        sink.stat("extstore_page_evictions", Long.toString(st.pageEvictions()));
        sink.stat("extstore_page_reclaims", Long.toString(st.pageReclaims()));
        sink.stat("extstore_pages_free", Long.toString(st.pagesFree()));
        sink.stat("extstore_pages_used", Long.toString(st.pagesUsed()));
        sink.stat("extstore_objects_evicted", Long.toString(st.objectsEvicted()));
        sink.stat("extstore_objects_read", Long.toString(st.objectsRead()));
        sink.stat("extstore_objects_written", Long.toString(st.objectsWritten()));
        sink.stat("extstore_objects_used", Long.toString(st.objectsUsed()));
        sink.stat("extstore_bytes_evicted", Long.toString(st.bytesEvicted()));
        sink.stat("extstore_bytes_written", Long.toString(st.bytesWritten()));
        sink.stat("extstore_bytes_read", Long.toString(st.bytesRead()));
        sink.stat("extstore_bytes_used", Long.toString(st.bytesUsed()));
        sink.stat("extstore_bytes_fragmented", Long.toString(st.bytesFragmented()));
        sink.stat("extstore_limit_maxbytes", Long.toString(st.limitMaxbytes()));
        sink.stat("extstore_io_queue", "0");
    }

    /** {@code stats extstore}: each page's version, live bytes and buckets; nothing without external storage. */
    public void extstorePages(StatsSink sink) {
        ExtstoreItems ext;
        cache.lock().lock();
        try {
            ext = cache.storage().extstore();
        } finally {
            cache.lock().unlock();
        }
        if (ext == null) {
            return;
        }
        PageData[] pages = ext.store().pageData();
        for (int i = 0; i < pages.length; i++) {
            sink.stat(i + ":version", Integer.toUnsignedString(pages[i].version()));
            sink.stat(i + ":bytes", Long.toString(pages[i].bytesUsed()));
            sink.stat(i + ":bucket", Integer.toString(pages[i].bucket()));
            sink.stat(i + ":free_bucket", Integer.toString(pages[i].freeBucket()));
        }
    }
}
