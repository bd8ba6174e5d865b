package dev.ketch.server.storage;

import static dev.ketch.server.storage.ItemLayout.FETCHED;

import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;

/**
 * The LRU crawler ({@code crawler.c}): walks LRUs from tail to head, one item of each LRU in turn.
 * A placeholder "item" is linked into each list being crawled and stepped towards the head, so
 * the walk survives items being linked and unlinked between steps.
 *
 * <p>Two kinds of crawl: an expiry crawl reclaims expired and flushed items that nobody asks for,
 * so their memory comes back without waiting for eviction (driven by {@link Maintainer}); a
 * metadump ({@link Metadump}) renders one line per live item for a client. {@link #start} begins
 * a crawl, {@link #step} and {@link #stepDump} do a bounded amount of work under the storage
 * lock. An automatic expiry crawl also records, per LRU, how many items will expire in the next
 * hour, which decides when the next one is worth it.
 */
final class LruCrawler implements AutoCloseable {

    private static final int IDS = LruQueues.LRU_IDS;
    private static final int MAX_MAINTCRAWL_WAIT = 60 * 60;

    private final Storage storage;
    /** One placeholder per LRU id, in one native block. */
    private long crawlers;
    private final boolean[] active = new boolean[IDS];
    private final int[] remaining = new int[IDS];
    private final long[] reclaimed = new long[IDS];
    private final long[] unfetched = new long[IDS];
    private final long[] checked = new long[IDS];
    private int activeCount;
    private Mode mode = Mode.EXPIRE;
    /** A metadump walks the hash table instead of the LRUs. */
    private boolean hashWalk;

    /** What a crawl does with the items it visits. */
    enum Mode {
        /** {@code lru_crawler crawl}: reclaim expired items. */
        EXPIRE,
        /** The maintainer's scheduled crawls: reclaim, and measure what will expire soon. */
        AUTO_EXPIRE,
        /** {@code lru_crawler metadump}: describe every live item. */
        METADUMP
    }

    /** memcached's {@code LRU_CRAWLER_CAP_REMAINING}: crawl as many items as the LRU holds at the start. */
    static final int CAP_REMAINING = -1;

    // scheduling of automatic crawls (lru_maintainer_crawler_check)
    private final long[] seen = new long[IDS];
    private final long[] noexp = new long[IDS];
    private final long[][] histo = new long[IDS][61];
    private final boolean[] runComplete = new boolean[IDS];
    private final int[] nextCrawls = new int[IDS];
    private final int[] startTime = new int[IDS];
    private final int[] endTime = new int[IDS];
    private final int[] nextCrawlWait = new int[IDS];

    private long starts;

    LruCrawler(Storage storage) {
        this.storage = storage;
        this.crawlers = NativeMemory.allocate((long) IDS * ItemLayout.HEADER_SIZE);
        NativeMemory.zero(crawlers, (long) IDS * ItemLayout.HEADER_SIZE);
    }

    private long crawler(int id) {
        return crawlers + (long) id * ItemLayout.HEADER_SIZE;
    }

    boolean running() {
        return activeCount > 0 || hashWalk;
    }

    /** The kind of the running crawl (meaningful while {@link #running()}). */
    Mode mode() {
        return mode;
    }

    /** A metadump of the hash table begins (lock held); false if a crawl is running. */
    boolean startHashWalk() {
        if (running()) {
            return false;
        }
        mode = Mode.METADUMP;
        hashWalk = true;
        starts++;
        return true;
    }

    /** The hash table metadump has ended (lock held). */
    void hashWalkDone() {
        hashWalk = false;
    }

    long starts() {
        return starts;
    }

    /**
     * Starts crawling the given LRU ids (lock held). Returns false if a crawl is already running.
     *
     * @param limit items to check per LRU, 0 for all, {@link #CAP_REMAINING} for those it holds now
     */
    boolean start(boolean[] todo, int limit, Mode mode) {
        if (running()) {
            return false;
        }
        this.mode = mode;
        boolean automatic = mode == Mode.AUTO_EXPIRE;
        Verbose verbose = storage.log.verbose();
        for (int i = SlabAllocator.POWER_SMALLEST; i < IDS; i++) {
            if (!todo[i]) {
                continue;
            }
            if (verbose.at(Verbose.INTERNALS)) {
                verbose.line("Kicking LRU crawler off for LRU " + i);
            }
            long c = crawler(i);
            NativeMemory.zero(c, ItemLayout.HEADER_SIZE);
            ItemLayout.flags(c, 1);
            storage.lru.linkCrawlerAtTail(c, i);
            active[i] = true;
            int items = limit == CAP_REMAINING ? storage.lru.sizes[i] : limit;
            // as memcached: n + 1, so that the n-th item is still examined
            remaining[i] = items != 0 ? items + 1 : 0;
            reclaimed[i] = 0;
            unfetched[i] = 0;
            checked[i] = 0;
            if (automatic) {
                startTime[i] = storage.clock.now();
                seen[i] = 0;
                noexp[i] = 0;
                java.util.Arrays.fill(histo[i], 0);
            }
            activeCount++;
        }
        if (activeCount > 0) {
            starts++;
        }
        return true;
    }

    /** Checks up to {@code budget} items across the active expiry crawls (lock held); true while work remains. */
    boolean step(int budget) {
        int now = storage.clock.now();
        while (budget > 0 && activeCount > 0) {
            for (int i = SlabAllocator.POWER_SMALLEST; i < IDS && budget > 0; i++) {
                long search = next(i);
                if (search == 0) {
                    continue;
                }
                budget--;
                evaluate(i, search, now);
            }
        }
        return activeCount > 0;
    }

    /**
     * Metadump: renders the live items visited into {@code out} until it is full or the crawl is
     * done (lock held); true while work remains.
     */
    boolean stepDump(MetadumpLines out) {
        while (activeCount > 0) {
            for (int i = SlabAllocator.POWER_SMALLEST; i < IDS; i++) {
                if (!out.hasRoom()) {
                    return true;
                }
                long search = next(i);
                if (search != 0) {
                    out.add(search);
                }
            }
        }
        return false;
    }

    /**
     * Moves LRU {@code i}'s crawler one item on and returns that item when it is to be examined;
     * 0 when the LRU is not crawled, is done (then it is closed) or the item is busy.
     */
    private long next(int i) {
        if (!active[i]) {
            return 0;
        }
        long search = storage.lru.crawlStep(crawler(i));
        if (search == 0 || (remaining[i] != 0 && --remaining[i] < 1)) {
            classDone(i);
            return 0;
        }
        if (ItemLayout.refcount(search) != 1) {
            return 0;
        }
        checked[i]++;
        return search;
    }

    private void evaluate(int i, long search, int now) {
        boolean flushed = storage.isFlushed(search);
        int exptime = ItemLayout.exptime(search);
        boolean valid = !ItemLayout.hasFlag(search, ItemLayout.HDR) || storage.extstore() == null
                || storage.extstore().valid(search);
        if ((exptime != 0 && exptime < now) || flushed || !valid) {
            reclaimed[i]++;
            if (!ItemLayout.hasFlag(search, FETCHED) && !flushed) {
                unfetched[i]++;
            }
            storage.unlink(search, Hashing.murmur3(ItemLayout.keyAddress(search), ItemLayout.nkey(search)));
        } else if (mode == Mode.AUTO_EXPIRE) {
            seen[i]++;
            if (exptime == 0) {
                noexp[i]++;
            } else if (exptime - now <= 3599) {
                int bucket = (exptime - now) / 60;
                if (bucket <= 60) {
                    histo[i][bucket]++;
                }
            }
        }
    }

    private void classDone(int i) {
        if (storage.log.verbose().at(Verbose.INTERNALS)) {
            storage.log.verbose().line("Nothing left to crawl for " + i);
        }
        storage.lru.unlinkCrawler(crawler(i));
        active[i] = false;
        activeCount--;
        storage.counters.crawlerReclaimed[i] += reclaimed[i];
        storage.counters.expiredUnfetched[i] += unfetched[i];
        storage.counters.crawlerItemsChecked[i] += checked[i];
        if (mode == Mode.AUTO_EXPIRE) {
            endTime[i] = storage.clock.now();
            runComplete[i] = true;
        }
    }

    /**
     * {@code lru_maintainer_crawler_check}: decides which LRUs are due for an automatic crawl and
     * starts one (lock held). A class is crawled again sooner when its last crawl found items about
     * to expire, later (up to an hour) when it found none.
     */
    void scheduleAutomatic() {
        int now = storage.clock.now();
        boolean[] todo = null;
        int tocrawl = 0;
        for (int i = SlabAllocator.POWER_SMALLEST; i < IDS; i++) {
            if (runComplete[i]) {
                long possible = seen[i] - noexp[i];
                long lowWatermark = possible / 100 + 1;
                long available = 0;
                for (int x = 0; x < 60; x++) {
                    available += histo[i][x];
                    if (available > lowWatermark) {
                        if (nextCrawlWait[i] < x * 60) {
                            nextCrawlWait[i] += 60;
                        } else if (nextCrawlWait[i] >= 60) {
                            nextCrawlWait[i] -= 60;
                        }
                        break;
                    }
                }
                if (available == 0) {
                    nextCrawlWait[i] += 60;
                }
                if (nextCrawlWait[i] > MAX_MAINTCRAWL_WAIT) {
                    nextCrawlWait[i] = MAX_MAINTCRAWL_WAIT;
                }
                nextCrawls[i] = now + nextCrawlWait[i] + 5;
                if (storage.log.wants(EventLog.SYSEVENTS)) {
                    storage.log.crawlerStatus(i & ~ItemLayout.LRU_MASK, lruName(i), lowWatermark, available,
                            now - endTime[i], nextCrawls[i] - now, endTime[i] - startTime[i], seen[i], reclaimed[i]);
                }
                runComplete[i] = false;
            }
            if (now > nextCrawls[i]) {
                if (todo == null) {
                    todo = new boolean[IDS];
                }
                tocrawl = Math.max(tocrawl, storage.lru.sizes[i]);
                todo[i] = true;
                nextCrawls[i] = now + 5;
            }
        }
        if (todo != null && !running()) {
            int limit = storage.settings.lruCrawlerTocrawl;
            if (limit != 0 && limit < tocrawl) {
                tocrawl = limit;
            }
            start(todo, tocrawl, Mode.AUTO_EXPIRE);
        }
    }

    private static String lruName(int id) {
        return switch (id & ItemLayout.LRU_MASK) {
            case ItemLayout.HOT_LRU -> "hot";
            case ItemLayout.WARM_LRU -> "warm";
            case ItemLayout.COLD_LRU -> "cold";
            default -> "temp";
        };
    }

    /** Stops any crawl, unlinking the placeholders (lock held). */
    void stopAll() {
        for (int i = 0; i < IDS; i++) {
            if (active[i]) {
                classDone(i);
            }
        }
    }

    @Override
    public void close() {
        NativeMemory.free(crawlers);
        crawlers = 0;
    }
}
