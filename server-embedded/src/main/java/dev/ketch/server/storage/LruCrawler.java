package dev.ketch.server.storage;

import static dev.ketch.server.storage.ItemLayout.FETCHED;

/**
 * The LRU crawler ({@code crawler.c}, expiry mode): walks LRUs from tail to head and reclaims
 * expired and flushed items that nobody asks for, so their memory comes back without waiting for
 * eviction. A placeholder "item" is linked into each list being crawled and stepped towards the
 * head, so the walk survives items being linked and unlinked between steps.
 *
 * <p>Driven by {@link Maintainer}: {@link #start} begins a crawl, {@link #step} does a bounded
 * amount of work under the storage lock. Also records, per LRU, how many items will expire in the
 * next hour, which decides when the next automatic crawl is worth it.
 */
final class LruCrawler implements AutoCloseable {

    private static final int IDS = LruQueues.LRU_IDS;
    private static final int MAX_MAINTCRAWL_WAIT = 60 * 60;

    private final Storage storage;
    /** One placeholder per LRU id, in one native block. */
    private final long crawlers;
    private final boolean[] active = new boolean[IDS];
    private final int[] remaining = new int[IDS];
    private final long[] reclaimed = new long[IDS];
    private final long[] unfetched = new long[IDS];
    private final long[] checked = new long[IDS];
    private int activeCount;
    private boolean autoExpire;

    // scheduling of automatic crawls (lru_maintainer_crawler_check)
    private final long[] seen = new long[IDS];
    private final long[] noexp = new long[IDS];
    private final long[][] histo = new long[IDS][61];
    private final boolean[] runComplete = new boolean[IDS];
    private final int[] nextCrawls = new int[IDS];
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
        return activeCount > 0;
    }

    long starts() {
        return starts;
    }

    /**
     * Starts crawling the given LRU ids (lock held). Returns false if a crawl is already running.
     *
     * @param limit items to check per LRU, 0 for all
     */
    boolean start(boolean[] todo, int limit, boolean automatic) {
        if (activeCount > 0) {
            return false;
        }
        autoExpire = automatic;
        for (int i = SlabAllocator.POWER_SMALLEST; i < IDS; i++) {
            if (!todo[i] || storage.lru.tails[i] == 0) {
                continue;
            }
            long c = crawler(i);
            NativeMemory.zero(c, ItemLayout.HEADER_SIZE);
            ItemLayout.flags(c, 1);
            storage.lru.linkCrawlerAtTail(c, i);
            active[i] = true;
            remaining[i] = limit;
            reclaimed[i] = 0;
            unfetched[i] = 0;
            checked[i] = 0;
            if (automatic) {
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

    /** Checks up to {@code budget} items across the active crawls (lock held); true while work remains. */
    boolean step(int budget) {
        int now = storage.clock.now();
        while (budget > 0 && activeCount > 0) {
            for (int i = SlabAllocator.POWER_SMALLEST; i < IDS && budget > 0; i++) {
                if (!active[i]) {
                    continue;
                }
                long c = crawler(i);
                long search = storage.lru.crawlStep(c);
                if (search == 0 || (remaining[i] != 0 && --remaining[i] < 1)) {
                    classDone(i);
                    continue;
                }
                budget--;
                if (ItemLayout.refcount(search) != 1) {
                    continue;
                }
                checked[i]++;
                evaluate(i, search, now);
            }
        }
        return activeCount > 0;
    }

    private void evaluate(int i, long search, int now) {
        boolean flushed = storage.isFlushed(search);
        int exptime = ItemLayout.exptime(search);
        if ((exptime != 0 && exptime < now) || flushed) {
            reclaimed[i]++;
            if (!ItemLayout.hasFlag(search, FETCHED) && !flushed) {
                unfetched[i]++;
            }
            storage.unlink(search, Hashing.murmur3(ItemLayout.keyAddress(search), ItemLayout.nkey(search)));
        } else if (autoExpire) {
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
        storage.lru.unlinkCrawler(crawler(i));
        active[i] = false;
        activeCount--;
        storage.counters.crawlerReclaimed[i] += reclaimed[i];
        storage.counters.expiredUnfetched[i] += unfetched[i];
        storage.counters.crawlerItemsChecked[i] += checked[i];
        if (autoExpire) {
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
        if (todo != null && activeCount == 0) {
            int limit = storage.settings.lruCrawlerTocrawl;
            if (limit != 0 && limit < tocrawl) {
                tocrawl = limit;
            }
            start(todo, tocrawl, true);
        }
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
    }
}
