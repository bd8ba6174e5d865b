package dev.ketch.server.storage;

import static dev.ketch.server.storage.ItemLayout.CHUNKED;
import static dev.ketch.server.storage.ItemLayout.SLABBED;

import dev.ketch.server.config.ServerSettings;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memcached's slab allocator ({@code slabs.c}): memory is handed out in pages (1 MiB by default),
 * each page belongs to one slab class and is cut into equal chunks; an item takes a chunk of the
 * smallest class it fits. Pages are taken on demand until {@code -m} is reached; after that a class
 * that needs a chunk must free one of its own (the caller evicts from that class's LRU).
 *
 * <p>Class 0 is the global pool of pages not owned by any class. Free chunks are kept on an
 * intrusive list threaded through the chunks themselves. Not thread-safe: the {@link Storage}
 * lock guards every call.
 */
public final class SlabAllocator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlabAllocator.class);

    public static final int POWER_SMALLEST = 1;
    public static final int MAX_NUMBER_OF_SLAB_CLASSES = 64;
    /** Largest possible slab class id (top two bits of the class byte are the LRU id). */
    public static final int POWER_LARGEST = 256;
    static final int CHUNK_ALIGN_BYTES = 8;
    static final int GLOBAL_PAGE_POOL = 0;

    private final int pageSize;
    /** Pages are whole {@link #pageSize}s when they may move between classes or chunk sizes are capped. */
    private final boolean fullPages;
    private final boolean pagesMayMove;
    private final int chunkSizeMax;
    private final int itemSizeMax;
    private final int[] size = new int[MAX_NUMBER_OF_SLAB_CLASSES];
    private final int[] perslab = new int[MAX_NUMBER_OF_SLAB_CLASSES];
    /** Head of each class's free list. */
    private final long[] slots = new long[MAX_NUMBER_OF_SLAB_CLASSES];
    private final int[] slCurr = new int[MAX_NUMBER_OF_SLAB_CLASSES];
    private final long[][] slabList = new long[MAX_NUMBER_OF_SLAB_CLASSES][];
    private final int[] slabs = new int[MAX_NUMBER_OF_SLAB_CLASSES];
    private final int powerLargest;

    private long memLimit;
    private long memMalloced;
    private boolean memLimitReached;
    /** With {@code -L}: one region allocated up front and carved into pages. */
    private long memBase;
    private long memCurrent;
    private long memAvail;
    /** Every page region ever allocated, for {@link #close()}. */
    private long[] allocations = new long[16];
    private int allocationCount;

    public SlabAllocator(ServerSettings settings) {
        this.pageSize = settings.slabPageSize;
        this.pagesMayMove = settings.slabReassign;
        this.fullPages = settings.slabReassign || settings.slabChunkSizeMax != settings.slabPageSize;
        this.chunkSizeMax = settings.slabChunkSizeMax;
        this.itemSizeMax = settings.itemSizeMax;
        this.memLimit = settings.maxBytes;
        for (int i = 0; i < MAX_NUMBER_OF_SLAB_CLASSES; i++) {
            slabList[i] = new long[16];
        }
        if (settings.preallocate) {
            memBase = NativeMemory.allocate(memLimit);
            remember(memBase);
            memCurrent = memBase;
            memAvail = memLimit;
        }
        int i = POWER_SMALLEST - 1;
        long sz = ItemLayout.HEADER_SIZE + settings.chunkSize;
        double dsize = sz;
        while (++i < MAX_NUMBER_OF_SLAB_CLASSES - 1) {
            if (settings.slabSizes != null) {
                if (i - 1 >= settings.slabSizes.length || settings.slabSizes[i - 1] == 0) {
                    break;
                }
                sz = settings.slabSizes[i - 1];
            } else {
                sz = (long) dsize;
                if (sz >= chunkSizeMax / settings.factor) {
                    break;
                }
            }
            if (sz % CHUNK_ALIGN_BYTES != 0) {
                sz += CHUNK_ALIGN_BYTES - (sz % CHUNK_ALIGN_BYTES);
            }
            size[i] = (int) sz;
            perslab[i] = pageSize / size[i];
            // memcached multiplies its unsigned int size in place: the product is truncated.
            dsize = (long) (sz * settings.factor);
        }
        powerLargest = i;
        size[powerLargest] = chunkSizeMax;
        perslab[powerLargest] = pageSize / chunkSizeMax;
        memMalloced = initialMallocForTests();
        if (memBase != 0) {
            for (int c = POWER_SMALLEST; c <= powerLargest; c++) {
                if (!newSlab(c)) {
                    throw new IllegalStateException("Error while preallocating slab memory! If using -L or other "
                            + "prealloc options, max memory must be at least " + powerLargest + " megabytes.");
                }
            }
        }
    }

    /**
     * memcached's hook for its test suite ({@code t/64bit.t}): {@code T_MEMD_INITIAL_MALLOC}
     * pretends that much memory is already allocated, to test limits beyond 4 GiB cheaply.
     */
    private static long initialMallocForTests() {
        String fake = System.getenv("T_MEMD_INITIAL_MALLOC");
        if (fake == null) {
            return 0;
        }
        try {
            return Long.parseLong(fake.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The class for an item of {@code bytes}, or 0 if it exceeds the item size limit. */
    public int clsid(long bytes) {
        if (bytes == 0 || bytes > itemSizeMax) {
            return 0;
        }
        int res = POWER_SMALLEST;
        while (bytes > size[res]) {
            if (res++ == powerLargest) {
                return powerLargest;
            }
        }
        return res;
    }

    public int chunkSize(int id) {
        return size[id];
    }

    public int perslab(int id) {
        return perslab[id];
    }

    public int largestClass() {
        return powerLargest;
    }

    public int chunkSizeMax() {
        return chunkSizeMax;
    }

    public int pages(int id) {
        return slabs[id];
    }

    public int freeChunks(int id) {
        return slCurr[id];
    }

    public long memMalloced() {
        return memMalloced;
    }

    public long memLimit() {
        return memLimit;
    }

    public boolean memLimitReached() {
        return memLimitReached;
    }

    public int globalPoolPages() {
        return slabs[GLOBAL_PAGE_POOL];
    }

    /**
     * Takes a free chunk of class {@code id}, taking a new page for the class if it has none free
     * and {@code mayGrow}. Returns 0 when the class is full and no page can be had. The chunk comes
     * back with its flags cleared and a reference count of 1.
     */
    public long alloc(int id, boolean mayGrow) {
        if (id < POWER_SMALLEST || id > powerLargest) {
            return 0;
        }
        if (slCurr[id] == 0 && mayGrow) {
            newSlab(id);
        }
        if (slCurr[id] == 0) {
            return 0;
        }
        long it = slots[id];
        long next = ItemLayout.next(it);
        slots[id] = next;
        if (next != 0) {
            ItemLayout.prev(next, 0);
        }
        ItemLayout.flags(it, ItemLayout.flags(it) & ~SLABBED);
        ItemLayout.refcount(it, 1);
        slCurr[id]--;
        return it;
    }

    /** Returns an item's chunk (and, for a chunked item, every chunk of its value) to the free lists. */
    public void free(long it, int id) {
        if (id < POWER_SMALLEST || id > powerLargest) {
            return;
        }
        if ((ItemLayout.flags(it) & CHUNKED) == 0) {
            pushFree(it, id);
        } else {
            freeChunked(it);
        }
    }

    private void freeChunked(long it) {
        long chunk = ItemLayout.headerChunk(it);
        int origClsid = ItemLayout.chunkOrigClsid(chunk);
        long next = ItemLayout.next(chunk);
        pushFree(it, origClsid);
        while (next != 0) {
            long ch = next;
            next = ItemLayout.next(ch);
            pushFree(ch, ItemLayout.slabsClsid(ch));
        }
    }

    private void pushFree(long ptr, int id) {
        ItemLayout.flags(ptr, SLABBED);
        ItemLayout.slabsClsid(ptr, id);
        ItemLayout.prev(ptr, 0);
        long head = slots[id];
        ItemLayout.next(ptr, head);
        if (head != 0) {
            ItemLayout.prev(head, ptr);
        }
        slots[id] = ptr;
        slCurr[id]++;
    }

    private boolean newSlab(int id) {
        int len = fullPages ? pageSize : size[id] * perslab[id];
        if (memLimit != 0 && memMalloced + len > memLimit && slabs[id] > 0 && slabs[GLOBAL_PAGE_POOL] == 0) {
            memLimitReached = true;
            return false;
        }
        long ptr = pageFromGlobalPool();
        if (ptr == 0) {
            ptr = memoryAllocate(len);
            if (ptr == 0) {
                return false;
            }
        }
        NativeMemory.zero(ptr, len);
        splitIntoFreeList(ptr, id);
        addPage(id, ptr);
        return true;
    }

    private void splitIntoFreeList(long page, int id) {
        for (int x = 0; x < perslab[id]; x++) {
            pushFree(page + (long) x * size[id], id);
        }
    }

    private void addPage(int id, long page) {
        if (slabs[id] == slabList[id].length) {
            slabList[id] = Arrays.copyOf(slabList[id], slabList[id].length * 2);
        }
        slabList[id][slabs[id]++] = page;
    }

    private long pageFromGlobalPool() {
        if (slabs[GLOBAL_PAGE_POOL] < 1) {
            return 0;
        }
        return slabList[GLOBAL_PAGE_POOL][--slabs[GLOBAL_PAGE_POOL]];
    }

    private long memoryAllocate(int len) {
        long ret;
        if (memBase == 0) {
            try {
                ret = NativeMemory.allocate(len);
            } catch (OutOfMemoryError e) {
                LOG.warn("Could not allocate a slab page of {} bytes: {}", len, e.getMessage());
                return 0;
            }
            remember(ret);
        } else {
            if (len > memAvail) {
                return 0;
            }
            if (len % CHUNK_ALIGN_BYTES != 0) {
                len += CHUNK_ALIGN_BYTES - len % CHUNK_ALIGN_BYTES;
            }
            ret = memCurrent;
            memCurrent += len;
            memAvail = len < memAvail ? memAvail - len : 0;
        }
        memMalloced += len;
        return ret;
    }

    private void remember(long region) {
        if (allocationCount == allocations.length) {
            allocations = Arrays.copyOf(allocations, allocations.length * 2);
        }
        allocations[allocationCount++] = region;
    }

    private void forget(long region) {
        for (int i = 0; i < allocationCount; i++) {
            if (allocations[i] == region) {
                allocations[i] = allocations[--allocationCount];
                return;
            }
        }
    }

    /**
     * {@code slabs_prefill_global}: takes the whole memory limit now, as free pages of the global
     * pool, which is what external storage's writer watches to tell memory pressure.
     */
    public void prefillGlobalPool() {
        while (memMalloced < memLimit) {
            long ptr = memoryAllocate(pageSize);
            if (ptr == 0) {
                break;
            }
            addPage(GLOBAL_PAGE_POOL, ptr);
        }
        memLimitReached = true;
    }

    /**
     * {@code cache_memlimit}: changes the limit at run time (not with {@code -L}). Lowering it
     * takes no page from a class; pages in the global pool beyond the new limit are freed now, and
     * those the slab mover brings there later (the automover moves free pages there) as they come.
     */
    public boolean adjustMemLimit(long newLimit) {
        if (memBase != 0) {
            return false;
        }
        memLimit = newLimit;
        memLimitReached = false;
        memoryRelease();
        return true;
    }

    /** memcached's {@code memory_release}: frees global pool pages while over the limit. */
    private void memoryRelease() {
        if (memBase != 0 || !pagesMayMove) {
            return;
        }
        while (memMalloced > memLimit && slabs[GLOBAL_PAGE_POOL] > 0) {
            long page = pageFromGlobalPool();
            forget(page);
            NativeMemory.free(page);
            memMalloced -= pageSize;
        }
    }

    // ---------------------------------------------------------------- restart (-e)

    /** The pages class {@code id} owns, oldest first. */
    long[] pagesOf(int id) {
        return Arrays.copyOf(slabList[id], slabs[id]);
    }

    /** Bytes of a page of class {@code id} as memory holds it. */
    int pageLength(int id) {
        return fullPages || id == GLOBAL_PAGE_POOL ? pageSize : size[id] * perslab[id];
    }

    /** Memory for a page a restart brings back into class {@code id} (its chunks are put in place by the caller). */
    long restorePage(int id) {
        long page = memoryAllocate(pageLength(id));
        if (page != 0) {
            addPage(id, page);
        }
        return page;
    }

    /** A free chunk found in a restored page goes back on its class's free list. */
    void restoreFree(long chunk, int id) {
        pushFree(chunk, id);
    }

    // ---------------------------------------------------------------- the slab mover's view

    /** The page a move out of class {@code id} takes: its first, most likely holding the oldest items. */
    long firstPage(int id) {
        return slabList[id][0];
    }

    /** Bytes of chunks in one page of class {@code id} (the global pool's pages hold none). */
    long pageChunkBytes(int id) {
        return (long) size[id] * perslab[id];
    }

    /** A free chunk of class {@code id} without taking a new page ({@code SLABS_ALLOC_NO_NEWPAGE}). */
    long allocNoNewPage(int id) {
        return alloc(id, false);
    }

    /** Takes {@code it}, a free chunk of class {@code id}, off the class's free list. */
    void cutFree(int id, long it) {
        long next = ItemLayout.next(it);
        long prev = ItemLayout.prev(it);
        if (slots[id] == it) {
            slots[id] = next;
        }
        if (next != 0) {
            ItemLayout.prev(next, prev);
        }
        if (prev != 0) {
            ItemLayout.next(prev, next);
        }
        slCurr[id]--;
    }

    /**
     * Ends a page move ({@code slab_rebalance_finish}): class {@code src}'s first page, now clear,
     * goes to class {@code dst}, cut into its chunks, or to the global pool (dst 0), where memory
     * beyond the limit is freed.
     */
    void movePage(int src, int dst) {
        long page = slabList[src][0];
        slabs[src]--;
        System.arraycopy(slabList[src], 1, slabList[src], 0, slabs[src]);
        addPage(dst, page);
        if (dst > GLOBAL_PAGE_POOL) {
            NativeMemory.zero(page, pageSize);
            splitIntoFreeList(page, dst);
        } else {
            NativeMemory.zero(page, ItemLayout.HEADER_SIZE);
            memLimitReached = false;
            memoryRelease();
        }
    }

    /** Reports {@code stats slabs} per-class figures; {@code perClass} receives (class id, this). */
    public void forEachActiveClass(BiConsumer<Integer, SlabAllocator> perClass) {
        for (int i = POWER_SMALLEST; i <= powerLargest; i++) {
            if (slabs[i] != 0) {
                perClass.accept(i, this);
            }
        }
    }

    /** Frees every page; the allocator is unusable afterwards. */
    @Override
    public void close() {
        for (int i = 0; i < allocationCount; i++) {
            NativeMemory.free(allocations[i]);
        }
        allocationCount = 0;
        memBase = 0;
        Arrays.fill(slots, 0);
        Arrays.fill(slCurr, 0);
        Arrays.fill(slabs, 0);
    }
}
