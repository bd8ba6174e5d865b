package dev.ketch.server.storage;

import static dev.ketch.server.storage.ItemLayout.ACTIVE;
import static dev.ketch.server.storage.ItemLayout.CAS;
import static dev.ketch.server.storage.ItemLayout.CFLAGS;
import static dev.ketch.server.storage.ItemLayout.CHUNK;
import static dev.ketch.server.storage.ItemLayout.CHUNKED;
import static dev.ketch.server.storage.ItemLayout.COLD_LRU;
import static dev.ketch.server.storage.ItemLayout.FETCHED;
import static dev.ketch.server.storage.ItemLayout.HOT_LRU;
import static dev.ketch.server.storage.ItemLayout.LINKED;
import static dev.ketch.server.storage.ItemLayout.TEMP_LRU;
import static dev.ketch.server.storage.ItemLayout.WARM_LRU;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Items in memory ({@code items.c}): allocation with LRU eviction, linking into the index and the
 * LRU lists, lookup with lazy expiry and flush, LRU bumps, and the segmented-LRU juggling that the
 * maintainer thread performs.
 *
 * <p>Every method that touches items requires {@link #lock()} to be held: one lock guards the
 * index, the LRUs, the slab allocator and the counters. Values are copied in and out while it is
 * held, so no item is ever referenced outside it and no reference counting is needed, except for
 * items being filled by a connection ({@link #itemAlloc}): those are not yet linked anywhere and
 * belong to that connection until {@link #link} or {@link #freeUnlinked}. An item's reference count
 * is 1 while it is linked or pending; {@link #pin} raises it while an allocation that might evict
 * the item runs, so its memory survives until {@link #unpin}.
 */
public final class Storage implements AutoCloseable {

    public static final int KEY_MAX_LENGTH = 250;
    static final int ITEM_UPDATE_INTERVAL = 60;

    static final int LRU_PULL_EVICT = 1;
    static final int LRU_PULL_CRAWL_BLOCKS = 2;

    private final ReentrantLock lock = new ReentrantLock();
    final ServerSettings settings;
    final Clock clock;
    final SlabAllocator slabs;
    final HashIndex index;
    final LruQueues lru = new LruQueues();
    final LruCounters counters = new LruCounters();
    final EventLog log;
    final SlabMover mover;
    private final boolean useCas;

    private long casId;
    private long currItems;
    private long currBytes;
    private long totalItems;
    private long getExpired;
    private long getFlushed;
    private int oldestLive;
    private long oldestCas;
    private final SizeHistogram sizes;
    private ExtstoreItems extstore;

    public Storage(ServerSettings settings, Clock clock) {
        this(settings, clock, new EventLog(settings.loggerWatcherBufSize, new Verbose(settings, System.err)));
    }

    /** @param log where lookups ({@code fetchers}) and evictions are reported while watched */
    public Storage(ServerSettings settings, Clock clock, EventLog log) {
        this.settings = settings;
        this.clock = clock;
        this.log = log;
        this.useCas = settings.useCas;
        this.slabs = new SlabAllocator(settings);
        this.index = new HashIndex(settings.hashPowerInit);
        this.mover = new SlabMover(this);
        Verbose verbose = log.verbose();
        if (verbose.at(Verbose.COMMANDS)) {
            for (int c = SlabAllocator.POWER_SMALLEST; c <= slabs.largestClass(); c++) {
                verbose.line(String.format(java.util.Locale.ROOT, "slab class %3d: chunk size %9d perslab %7d",
                        c, slabs.chunkSize(c), slabs.perslab(c)));
            }
        }
        this.sizes = new SizeHistogram(settings.itemSizeMax);
        if (settings.trackSizes) {
            sizes.enable(nextCasIdForSizes());
        }
    }

    public ReentrantLock lock() {
        return lock;
    }

    /** Sends items past the memory limit to {@code store} from now on (set once, before serving). */
    public void attachExtstore(dev.ketch.server.storage.extstore.Extstore store) {
        this.extstore = new ExtstoreItems(this, store);
    }

    /** The external storage side of the items, or null without {@code ext_path}. */
    public ExtstoreItems extstore() {
        return extstore;
    }

    public Clock clock() {
        return clock;
    }

    public SlabAllocator slabs() {
        return slabs;
    }

    public boolean useCas() {
        return useCas;
    }

    /** The next CAS unique (memcached's global counter). */
    public long nextCasId() {
        return ++casId;
    }

    private long nextCasIdForSizes() {
        return useCas ? nextCasId() : 0;
    }

    // ---------------------------------------------------------------- sizes

    /** True if an item of this shape fits the item size limit at all. */
    public boolean itemSizeOk(int nkey, int clientFlags, int nbytes) {
        if (nbytes < 2) {
            return false;
        }
        return slabs.clsid(ItemLayout.totalSize(nkey, clientFlags, nbytes, useCas)) != 0;
    }

    // ---------------------------------------------------------------- allocation

    /**
     * Allocates an unlinked item ({@code do_item_alloc}), evicting from the target class if memory
     * is full. For a large item only the header is allocated; its value chunks come from
     * {@link #allocChunks}. Returns 0 if the item is too large or no memory can be had.
     */
    public long itemAlloc(byte[] key, int nkey, int clientFlags, int exptime, int nbytes) {
        if (nbytes < 2) {
            return 0;
        }
        int ntotal = ItemLayout.totalSize(nkey, clientFlags, nbytes, useCas);
        int id = slabs.clsid(ntotal);
        if (id == 0) {
            return 0;
        }
        int hdrId = 0;
        long it;
        if (ntotal > settings.slabChunkSizeMax) {
            int htotal = ItemLayout.chunkedHeaderSize(nkey, clientFlags, useCas);
            hdrId = slabs.clsid(htotal);
            it = allocPull(hdrId);
            if (it != 0) {
                ItemLayout.setFlag(it, CHUNKED);
            }
        } else {
            it = allocPull(id);
        }
        if (it == 0) {
            counters.outofmemory[id]++;
            return 0;
        }
        ItemLayout.next(it, 0);
        ItemLayout.prev(it, 0);
        int lruId;
        if (settings.tempLru && Integer.compareUnsigned(exptime - clock.now(), settings.temporaryTtl) <= 0) {
            lruId = TEMP_LRU;
        } else if (settings.lruSegmented) {
            lruId = HOT_LRU;
        } else {
            lruId = COLD_LRU;
        }
        ItemLayout.slabsClsid(it, id | lruId);
        int f = ItemLayout.flags(it);
        if (useCas) {
            f |= CAS;
        }
        if (clientFlags != 0) {
            f |= CFLAGS;
        }
        ItemLayout.flags(it, f);
        ItemLayout.nkey(it, nkey);
        ItemLayout.nbytes(it, nbytes);
        NativeMemory.copyFromArray(key, 0, ItemLayout.keyAddress(it), nkey);
        NativeMemory.putByte(ItemLayout.keyAddress(it) + nkey, (byte) 0);
        ItemLayout.exptime(it, exptime);
        ItemLayout.clientFlags(it, clientFlags);
        if ((f & CHUNKED) != 0) {
            long chunk = ItemLayout.headerChunk(it);
            ItemLayout.next(chunk, 0);
            ItemLayout.prev(chunk, 0);
            ItemLayout.chunkUsed(chunk, 0);
            ItemLayout.chunkSize(chunk, 0);
            ItemLayout.chunkHead(chunk, it);
            ItemLayout.chunkOrigClsid(chunk, hdrId);
        }
        ItemLayout.hNext(it, 0);
        return it;
    }

    /**
     * Allocates the value chunks of a chunked item, sized as memcached sizes them while reading:
     * full chunks of the largest class, then a last chunk of the smallest class that fits the rest.
     * On failure the item is freed and false returned.
     */
    public boolean allocChunks(long it) {
        if (!ItemLayout.hasFlag(it, CHUNKED)) {
            return true;
        }
        long ch = ItemLayout.headerChunk(it);
        int remain = ItemLayout.nbytes(it);
        while (remain > 0) {
            long nch = allocChunk(ch, remain);
            if (nch == 0) {
                freeUnlinked(it);
                return false;
            }
            remain -= ItemLayout.chunkSize(nch);
            ch = nch;
        }
        return true;
    }

    private long allocChunk(long ch, int bytesRemain) {
        int size = bytesRemain + ItemLayout.CHUNK_HEADER_SIZE;
        if (size > settings.slabChunkSizeMax) {
            size = settings.slabChunkSizeMax;
        }
        int id = slabs.clsid(size);
        long nch = allocPull(id);
        if (nch == 0) {
            if (size == settings.slabChunkSizeMax) {
                return 0;
            }
            size = settings.slabChunkSizeMax;
            id = slabs.clsid(size);
            nch = allocPull(id);
            if (nch == 0) {
                return 0;
            }
        }
        ItemLayout.chunkHead(nch, ItemLayout.chunkHead(ch));
        ItemLayout.next(ch, nch);
        ItemLayout.prev(nch, ch);
        ItemLayout.next(nch, 0);
        ItemLayout.chunkUsed(nch, 0);
        ItemLayout.slabsClsid(nch, id);
        ItemLayout.chunkSize(nch, size - ItemLayout.CHUNK_HEADER_SIZE);
        ItemLayout.setFlag(nch, CHUNK);
        return nch;
    }

    /** {@code do_item_alloc_pull}: a chunk of class {@code id}, evicting or juggling if needed. */
    private long allocPull(int id) {
        long it = 0;
        int i;
        for (i = 0; i < 10; i++) {
            if (!settings.lruSegmented) {
                pullTail(id, COLD_LRU, 0, 0, 0);
            }
            it = slabs.alloc(id, true);
            if (it == 0) {
                if (pullTail(id, COLD_LRU, 0, LRU_PULL_EVICT, 0) <= 0) {
                    if (settings.lruSegmented) {
                        pullTail(id, HOT_LRU, 0, 0, 0);
                    } else {
                        break;
                    }
                }
            } else {
                break;
            }
        }
        if (i > 0) {
            counters.directReclaims[id] += i;
        }
        return it;
    }

    /** Frees an item that was allocated but never linked (a failed or abandoned store). */
    public void freeUnlinked(long it) {
        release(it);
    }

    /**
     * Keeps an item's memory alive across an allocation that might evict it (append, incr into a
     * new item). Pair with {@link #unpin}.
     */
    public void pin(long it) {
        ItemLayout.refcount(it, ItemLayout.refcount(it) + 1);
    }

    /** Drops a {@link #pin}; frees the item if it was unlinked meanwhile. */
    public void unpin(long it) {
        release(it);
    }

    private void release(long it) {
        int rc = ItemLayout.refcount(it) - 1;
        ItemLayout.refcount(it, rc);
        if (rc <= 0) {
            slabs.free(it, ItemLayout.clsid(it));
        }
    }

    // ---------------------------------------------------------------- link / unlink

    /** Makes an allocated item visible: index, LRU head, a fresh CAS, counters. */
    public void link(long it, int hv) {
        ItemLayout.setFlag(it, LINKED);
        ItemLayout.time(it, clock.now());
        int ntotal = ItemLayout.ntotal(it);
        currBytes += ntotal;
        currItems++;
        totalItems++;
        ItemLayout.cas(it, useCas ? nextCasId() : 0);
        index.insert(it, hv);
        index.grow(currItems);
        lru.linkHead(it);
        sizes.add(it);
    }

    /** Removes a linked item from the index and its LRU and frees its memory. */
    public void unlink(long it, int hv) {
        if (ItemLayout.hasFlag(it, LINKED)) {
            ItemLayout.clearFlag(it, LINKED);
            if (extstore != null && ItemLayout.hasFlag(it, ItemLayout.HDR)) {
                extstore.forget(it);
            }
            currBytes -= ItemLayout.ntotal(it);
            currItems--;
            sizes.remove(it);
            index.delete(it, hv);
            lru.unlink(it);
            release(it);
        }
    }

    /** Unlinks {@code oldIt} and links {@code newIt} in its place. */
    public void replace(long oldIt, long newIt, int hv) {
        unlink(oldIt, hv);
        link(newIt, hv);
    }

    /** Gives a linked item a fresh CAS unique (incr/decr in place). */
    public void assignNewCas(long it) {
        sizes.remove(it);
        ItemLayout.cas(it, useCas ? nextCasId() : 0);
        sizes.add(it);
    }

    /** The index hash of a key. */
    public static int hash(byte[] key, int nkey) {
        return Hashing.murmur3(key, nkey);
    }

    static int hashOfItem(long it) {
        return Hashing.murmur3(ItemLayout.keyAddress(it), ItemLayout.nkey(it));
    }

    // ---------------------------------------------------------------- lookup

    /** Looks a key up, without expiry checks or side effects. */
    public long find(byte[] key, int nkey, int hv) {
        return index.find(key, nkey, hv);
    }

    /**
     * {@code do_item_get}: the live item for a key, or 0. An expired or flushed item found on the
     * way is unlinked. With {@code bump} the access counts for the LRU.
     */
    public long get(byte[] key, int nkey, int hv, boolean bump) {
        long it = index.find(key, nkey, hv);
        int status = EventLog.NOT_FOUND;
        if (it != 0) {
            int exptime = ItemLayout.exptime(it);
            if (isFlushed(it)) {
                unlink(it, hv);
                getFlushed++;
                it = 0;
                status = EventLog.FLUSHED;
            } else if (exptime != 0 && exptime <= clock.now()) {
                unlink(it, hv);
                getExpired++;
                it = 0;
                status = EventLog.EXPIRED;
            } else {
                if (bump) {
                    bump(it);
                }
                status = EventLog.FOUND;
            }
        }
        if (log.reportsLookups()) {
            log.lookup(status, key, nkey, it != 0 ? ItemLayout.nbytes(it) : 0, it != 0 ? ItemLayout.clsid(it) : 0);
        }
        return it;
    }

    /** True if a {@code flush_all} has invalidated this item. */
    public boolean isFlushed(long it) {
        int live = oldestLive;
        if (live == 0 || live > clock.now()) {
            return false;
        }
        long cas = ItemLayout.cas(it);
        return ItemLayout.time(it) <= live || (oldestCas != 0 && cas != 0 && cas < oldestCas);
    }

    /** {@code do_item_bump}: hit bookkeeping for the segmented LRU (or a plain bump when flat). */
    public void bump(long it) {
        int f = ItemLayout.flags(it);
        if (settings.lruSegmented) {
            if ((f & ACTIVE) == 0) {
                if ((f & FETCHED) == 0) {
                    ItemLayout.flags(it, f | FETCHED);
                } else {
                    ItemLayout.flags(it, f | ACTIVE);
                    if (ItemLayout.lruId(it) != COLD_LRU) {
                        ItemLayout.time(it, clock.now());
                    } else {
                        // memcached queues this bump for its maintainer; under one lock we apply it now.
                        update(it);
                    }
                }
            }
        } else {
            ItemLayout.flags(it, f | FETCHED);
            update(it);
        }
    }

    /** {@code do_item_update}: refresh the access time, moving active COLD items to WARM. */
    public void update(long it) {
        int now = clock.now();
        if (settings.lruSegmented) {
            if (ItemLayout.hasFlag(it, LINKED)) {
                if (ItemLayout.lruId(it) == COLD_LRU && ItemLayout.hasFlag(it, ACTIVE)) {
                    ItemLayout.time(it, now);
                    lru.unlink(it);
                    ItemLayout.slabsClsid(it, ItemLayout.clsid(it) | WARM_LRU);
                    ItemLayout.clearFlag(it, ACTIVE);
                    lru.linkHead(it);
                    counters.movesToWarm[ItemLayout.slabsClsid(it)]++;
                } else {
                    ItemLayout.time(it, now);
                }
            }
        } else if (ItemLayout.time(it) < now - ITEM_UPDATE_INTERVAL) {
            if (ItemLayout.hasFlag(it, LINKED)) {
                ItemLayout.time(it, now);
                lru.unlink(it);
                lru.linkHead(it);
            }
        }
    }

    // ---------------------------------------------------------------- LRU tail work

    /**
     * {@code lru_pull_tail}: looks at up to five items from the tail of one LRU of class
     * {@code origId}: reclaims expired ones, moves HOT/WARM items to COLD (or active ones to WARM),
     * and with {@link #LRU_PULL_EVICT} evicts the COLD tail. Returns how many items it removed or
     * moved.
     */
    int pullTail(int origId, int curLru, long totalBytes, int pullFlags, int maxAge) {
        if (origId == 0) {
            return 0;
        }
        int id = origId | curLru;
        int removed = 0;
        long limit = 0;
        int moveToLru = 0;
        long it = 0;
        int now = clock.now();
        long search = lru.tails[id];
        for (int tries = 5; tries > 0 && search != 0; tries--) {
            long nextIt = ItemLayout.prev(search);
            if (ItemLayout.isCrawler(search)) {
                if ((pullFlags & LRU_PULL_CRAWL_BLOCKS) != 0) {
                    return 0;
                }
                tries++;
                search = nextIt;
                continue;
            }
            if (ItemLayout.refcount(search) != 1) {
                counters.lrutailReflocked[id]++;
            }
            int exptime = ItemLayout.exptime(search);
            if ((exptime != 0 && exptime < now) || isFlushed(search)) {
                counters.reclaimed[id]++;
                if (!ItemLayout.hasFlag(search, FETCHED)) {
                    counters.expiredUnfetched[id]++;
                }
                unlink(search, hashOfItem(search));
                removed++;
                search = nextIt;
                continue;
            }
            switch (curLru) {
                case HOT_LRU:
                case WARM_LRU:
                    limit = totalBytes * (curLru == HOT_LRU ? settings.hotLruPct : settings.warmLruPct) / 100;
                    if (curLru == HOT_LRU && limit == 0) {
                        limit = totalBytes * settings.warmLruPct / 100;
                    }
                    if (ItemLayout.hasFlag(search, ACTIVE)) {
                        ItemLayout.clearFlag(search, ACTIVE);
                        removed++;
                        if (curLru == WARM_LRU) {
                            counters.movesWithinLru[id]++;
                            lru.unlink(search);
                            lru.linkHead(search);
                        } else {
                            counters.movesToWarm[id]++;
                            moveToLru = WARM_LRU;
                            lru.unlink(search);
                            it = search;
                        }
                    } else if (lru.sizesBytes[id] > limit || Integer.compareUnsigned(now - ItemLayout.time(search), maxAge) > 0) {
                        counters.movesToCold[id]++;
                        moveToLru = COLD_LRU;
                        lru.unlink(search);
                        it = search;
                        removed++;
                    } else {
                        it = search;
                    }
                    break;
                case COLD_LRU:
                    it = search;
                    if ((pullFlags & LRU_PULL_EVICT) != 0) {
                        if (!settings.evictToFree) {
                            break;
                        }
                        counters.evicted[id]++;
                        counters.evictedTime[id] = now - ItemLayout.time(search);
                        if (exptime != 0) {
                            counters.evictedNonzero[id]++;
                        }
                        if (!ItemLayout.hasFlag(search, FETCHED)) {
                            counters.evictedUnfetched[id]++;
                        }
                        if (ItemLayout.hasFlag(search, ACTIVE)) {
                            counters.evictedActive[id]++;
                        }
                        if (log.wants(EventLog.EVICTIONS)) {
                            logEviction(search, now);
                        }
                        unlink(search, hashOfItem(search));
                        removed++;
                        if (settings.slabAutomove == 2) {
                            mover.reassign(-1, origId);
                        }
                    } else if (ItemLayout.hasFlag(search, ACTIVE) && settings.lruSegmented) {
                        counters.movesToWarm[id]++;
                        ItemLayout.clearFlag(search, ACTIVE);
                        moveToLru = WARM_LRU;
                        lru.unlink(search);
                        removed++;
                    }
                    break;
                default: // TEMP_LRU: only reclaims, which happened above
                    it = search;
                    break;
            }
            if (it != 0) {
                break;
            }
            search = nextIt;
        }
        if (it != 0 && moveToLru != 0) {
            ItemLayout.slabsClsid(it, ItemLayout.clsid(it) | moveToLru);
            lru.linkHead(it);
        }
        return removed;
    }

    /**
     * {@code lru_pull_tail} with {@code LRU_PULL_RETURN_ITEM} on COLD: reclaims expired items at
     * the tail of class {@code clsid}'s COLD LRU and returns the first live one (looking at five at
     * most), or 0.
     */
    long coldTailForWrite(int clsid) {
        int id = clsid | COLD_LRU;
        int now = clock.now();
        long search = lru.tails[id];
        for (int tries = 5; tries > 0 && search != 0; tries--) {
            long nextIt = ItemLayout.prev(search);
            if (ItemLayout.isCrawler(search)) {
                tries++;
                search = nextIt;
                continue;
            }
            if (ItemLayout.refcount(search) != 1) {
                counters.lrutailReflocked[id]++;
                search = nextIt;
                continue;
            }
            int exptime = ItemLayout.exptime(search);
            if ((exptime != 0 && exptime < now) || isFlushed(search)) {
                counters.reclaimed[id]++;
                if (!ItemLayout.hasFlag(search, FETCHED)) {
                    counters.expiredUnfetched[id]++;
                }
                unlink(search, hashOfItem(search));
                search = nextIt;
                continue;
            }
            return search;
        }
        return 0;
    }

    private void logEviction(long it, int now) {
        int exptime = ItemLayout.exptime(it);
        log.eviction(ItemLayout.keyAddress(it), ItemLayout.nkey(it), ItemLayout.hasFlag(it, FETCHED),
                exptime > 0 ? (long) exptime - now : -1, now - ItemLayout.time(it), ItemLayout.clsid(it),
                ItemLayout.nbytes(it));
    }

    /** The slab page mover ({@code slabs reassign}, automove). */
    public SlabMover mover() {
        return mover;
    }

    /** The event log lookups and evictions are reported to. */
    public EventLog log() {
        return log;
    }

    /**
     * {@code lru_maintainer_juggle}: one maintenance pass over class {@code clsid}: reclaims TEMP,
     * then moves HOT/WARM overflow to COLD and active COLD items to WARM. Returns the moves made.
     */
    int juggle(int clsid) {
        int didMoves = 0;
        if (settings.tempLru) {
            for (int i = 0; i < 500; i++) {
                if (pullTail(clsid, TEMP_LRU, 0, 0, 0) <= 0) {
                    break;
                }
                didMoves++;
            }
        }
        int coldAge = 0;
        int hotAge = 0;
        int warmAge = 0;
        long totalBytes = 0;
        if (settings.lruSegmented) {
            int now = clock.now();
            long coldTail = lru.tails[clsid | COLD_LRU];
            if (coldTail != 0) {
                coldAge = now - ItemLayout.time(coldTail);
            }
            totalBytes = lru.sizesBytes[clsid | COLD_LRU] + lru.sizesBytes[clsid | HOT_LRU] + lru.sizesBytes[clsid | WARM_LRU];
            hotAge = (int) (Integer.toUnsignedLong(coldAge) * settings.hotMaxFactor);
            warmAge = (int) (Integer.toUnsignedLong(coldAge) * settings.warmMaxFactor);
        }
        for (int i = 0; i < 500; i++) {
            int doMore = 0;
            if (pullTail(clsid, HOT_LRU, totalBytes, LRU_PULL_CRAWL_BLOCKS, hotAge) != 0
                    || pullTail(clsid, WARM_LRU, totalBytes, LRU_PULL_CRAWL_BLOCKS, warmAge) != 0) {
                doMore++;
            }
            if (settings.lruSegmented) {
                doMore += pullTail(clsid, COLD_LRU, totalBytes, LRU_PULL_CRAWL_BLOCKS, 0);
            }
            if (doMore == 0) {
                break;
            }
            didMoves++;
        }
        return didMoves;
    }

    // ---------------------------------------------------------------- flush

    /**
     * {@code flush_all [delay]}: invalidates every item stored before the given moment (now, or
     * {@code delay} as a protocol exptime). Items stored after it stay valid.
     */
    public void flushAll(long exptime) {
        int now = clock.now();
        int newOldest = exptime > 0 ? clock.realtime(exptime) : now;
        if (useCas) {
            oldestLive = newOldest - 1;
            if (oldestLive <= now) {
                oldestCas = nextCasId();
            }
        } else {
            oldestLive = newOldest;
        }
    }

    // ---------------------------------------------------------------- restart (lock held)

    /** The CAS counter for a restart file, taken as memcached's {@code get_cas_id()} takes it: used up. */
    long takeCasForSave() {
        return ++casId;
    }

    /** A restart's saved state: the CAS counter (the next item gets one more) and the {@code flush_all} marks. */
    void restoreCounters(long savedCas, int oldestLive, long oldestCas) {
        this.casId = savedCas;
        this.oldestLive = oldestLive;
        this.oldestCas = oldestCas;
    }

    long oldestCas() {
        return oldestCas;
    }

    /** Links a restored item back into the index and its LRU, as it was ({@code do_item_link_fixup}). */
    void relinkRestored(long it) {
        int ntotal = ItemLayout.ntotal(it);
        index.insert(it, hashOfItem(it));
        index.grow(currItems + 1);
        lru.relinkRestored(it);
        currBytes += ntotal;
        currItems++;
        totalItems++;
        sizes.add(it);
    }

    // ---------------------------------------------------------------- stats access (lock held)

    /** The {@code flush_all} mark in relative time, 0 if none. */
    public int oldestLive() {
        return oldestLive;
    }

    public long currItems() {
        return currItems;
    }

    public long currBytes() {
        return currBytes;
    }

    public long totalItems() {
        return totalItems;
    }

    public long getExpired() {
        return getExpired;
    }

    public long getFlushed() {
        return getFlushed;
    }

    public int hashPowerLevel() {
        return index.hashpower();
    }

    public long hashBytes() {
        return index.hashBytes();
    }

    public boolean hashIsExpanding() {
        return index.expanding();
    }

    public LruCounters counters() {
        return counters;
    }

    /** Items in one LRU ({@code class | LRU id}). */
    public int lruSize(int id) {
        return lru.sizes[id];
    }

    /** Accounted bytes of the items in one LRU. */
    public long lruBytes(int id) {
        return lru.sizesBytes[id];
    }

    /** Seconds since the tail of one LRU was accessed, 0 if the LRU is empty. */
    public int lruTailAge(int id) {
        long tail = lru.tails[id];
        return tail == 0 ? 0 : clock.now() - ItemLayout.time(tail);
    }

    /**
     * {@code stats cachedump}: visits up to {@code limit} (0 = all) items of class {@code clsid}'s
     * COLD LRU from the head, passing key, value length and absolute expiry (0 = never).
     */
    public void cachedump(int clsid, int limit, CachedumpVisitor visitor) {
        int id = clsid | ItemLayout.COLD_LRU;
        int shown = 0;
        for (long it = lru.heads[id]; it != 0 && (limit == 0 || shown < limit); it = ItemLayout.next(it)) {
            if ((ItemLayout.nbytes(it) == 0 && ItemLayout.nkey(it) == 0) || ItemLayout.hasFlag(it, ItemLayout.KEY_BINARY)) {
                continue;
            }
            byte[] key = new byte[ItemLayout.nkey(it)];
            NativeMemory.copyToArray(ItemLayout.keyAddress(it), key, 0, key.length);
            int exptime = ItemLayout.exptime(it);
            if (!visitor.item(key, ItemLayout.nbytes(it) - 2, exptime == 0 ? 0 : exptime + clock.processStarted())) {
                break;
            }
            shown++;
        }
    }

    /** Receives one item of a {@link #cachedump}; returns false to stop. */
    @FunctionalInterface
    public interface CachedumpVisitor {
        boolean item(byte[] key, int valueLength, long absoluteExpiry);
    }

    public SizeHistogram sizes() {
        return sizes;
    }

    /** {@code stats sizes_enable}: starts the size histogram from the current CAS on. */
    public boolean enableSizes() {
        if (!useCas) {
            return false;
        }
        if (!sizes.enabled()) {
            sizes.enable(nextCasId());
        }
        return true;
    }

    public void disableSizes() {
        sizes.disable();
    }

    /** {@code stats reset} of the per-LRU counters and of the lookup counters. */
    public void resetCounters() {
        counters.reset();
        getExpired = 0;
        getFlushed = 0;
        totalItems = 0;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            slabs.close();
        } finally {
            lock.unlock();
        }
    }
}
