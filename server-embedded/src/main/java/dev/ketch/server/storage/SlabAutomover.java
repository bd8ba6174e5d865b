package dev.ketch.server.storage;

/**
 * {@code slab_automove=1}: memcached's default automove algorithm ({@code slab_automove.c}),
 * run once a second by the LRU maintainer. Over a window of the last {@code slab_automove_window}
 * seconds it watches each class's evictions, allocation failures, page count and the age of its
 * COLD tail, and decides on at most one page move:
 *
 * <ul>
 *   <li>a class holding more than 2.5 pages of free chunks whose window saw no evictions, no
 *       allocation failure and no new page gives a page back to the global pool;
 *   <li>otherwise, once the window has filled, the class with the oldest items (averaged over the
 *       window, with more than two pages) gives a page to the youngest class that keeps evicting,
 *       when the youngest is younger than the oldest by {@code slab_automove_ratio}.
 * </ul>
 */
final class SlabAutomover {

    private static final int MIN_PAGES_FOR_SOURCE = 2;
    private static final double MIN_PAGES_FOR_RECLAIM = 2.5;
    private static final int CLASSES = SlabAllocator.MAX_NUMBER_OF_SLAB_CLASSES;

    /** A decision: move a page from {@code src} to {@code dst} (0: the global pool). */
    record Move(int src, int dst) {
    }

    private final Storage storage;
    private final int windowSize;
    final double ratio;
    private long windowCur;
    // per class and window slot
    private final long[] age;
    private final boolean[] dirty;
    private final float[] evictedRatio;
    private final boolean[] evictedSeen;
    // the class figures of the previous run
    private final long[] evictedBefore = new long[CLASSES];
    private final long[] oomBefore = new long[CLASSES];
    private final int[] pagesBefore = new int[CLASSES];

    /** Lock held. */
    SlabAutomover(Storage storage, int windowSize, double ratio) {
        this.storage = storage;
        this.windowSize = windowSize;
        this.ratio = ratio;
        this.age = new long[windowSize * CLASSES];
        this.dirty = new boolean[windowSize * CLASSES];
        this.evictedRatio = new float[windowSize * CLASSES];
        this.evictedSeen = new boolean[windowSize * CLASSES];
        for (int n = 0; n < CLASSES; n++) {
            evictedBefore[n] = evicted(n);
            oomBefore[n] = outOfMemory(n);
            pagesBefore[n] = pages(n);
        }
    }

    private long evicted(int n) {
        return storage.counters.evicted[n | ItemLayout.COLD_LRU];
    }

    private long outOfMemory(int n) {
        return storage.counters.outofmemory[n | ItemLayout.HOT_LRU];
    }

    private int pages(int n) {
        return n <= storage.slabs.largestClass() ? storage.slabs.pages(n) : 0;
    }

    /** Seconds since the COLD tail (not the crawler's placeholder) was accessed; 0 if none. */
    private long coldAge(int n) {
        long tail = storage.lru.tails[n | ItemLayout.COLD_LRU];
        if (tail != 0 && ItemLayout.isCrawler(tail)) {
            tail = ItemLayout.prev(tail);
        }
        return tail == 0 ? 0 : Integer.toUnsignedLong(storage.clock.now() - ItemLayout.time(tail));
    }

    /** {@code slab_automove_run} (lock held): the move to make now, or null. */
    Move run() {
        SlabAllocator slabs = storage.slabs;
        long evictedTotal = 0;
        for (int n = SlabAllocator.POWER_SMALLEST; n < CLASSES; n++) {
            evictedTotal += evicted(n) - evictedBefore[n];
        }
        windowCur++;
        int oldest = -1;
        long oldestAge = 0;
        int youngest = -1;
        long youngestAge = -1; // unsigned: the largest value
        boolean youngestEvicting = false;
        Move reclaim = null;
        for (int n = SlabAllocator.POWER_SMALLEST; n < CLASSES; n++) {
            int base = n * windowSize;
            int slot = base + (int) (windowCur % windowSize);
            long evictedDelta = evicted(n) - evictedBefore[n];
            dirty[slot] = false;
            evictedSeen[slot] = false;
            evictedRatio[slot] = 0;
            if (evictedDelta > 0) {
                evictedRatio[slot] = (float) evictedDelta / evictedTotal;
                evictedSeen[slot] = true;
                dirty[slot] = true;
            }
            if (outOfMemory(n) - oomBefore[n] > 0) {
                dirty[slot] = true;
            }
            int totalPages = pages(n);
            if (totalPages - pagesBefore[n] > 0) {
                dirty[slot] = true;
            }
            age[slot] = coldAge(n);

            long ageSum = 0;
            boolean anyDirty = false;
            int seenCount = 0;
            float ratioSum = 0;
            for (int x = base; x < base + windowSize; x++) {
                ageSum += age[x];
                anyDirty |= dirty[x];
                seenCount += evictedSeen[x] ? 1 : 0;
                ratioSum += evictedRatio[x];
            }
            long windowAge = ageSum / windowSize;

            int freeChunks = n <= slabs.largestClass() ? slabs.freeChunks(n) : 0;
            int perslab = n <= slabs.largestClass() ? slabs.perslab(n) : 0;
            if (freeChunks > perslab * MIN_PAGES_FOR_RECLAIM && !anyDirty) {
                reclaim = new Move(n, 0);
                break;
            }
            if (windowAge > oldestAge && totalPages > MIN_PAGES_FOR_SOURCE) {
                oldest = n;
                oldestAge = windowAge;
            }
            if (Long.compareUnsigned(windowAge, youngestAge) < 0
                    && (seenCount > windowSize / 2 || ratioSum / windowSize > 0.25)) {
                youngest = n;
                youngestAge = windowAge;
                youngestEvicting = evictedSeen[slot];
            }
        }
        for (int n = 0; n < CLASSES; n++) {
            evictedBefore[n] = evicted(n);
            oomBefore[n] = outOfMemory(n);
            pagesBefore[n] = pages(n);
        }
        if (reclaim != null) {
            return reclaim;
        }
        if (youngest != -1 && oldest != -1 && windowCur > windowSize
                && youngestAge < oldestAge * ratio && youngestEvicting) {
            return new Move(oldest, youngest);
        }
        return null;
    }
}
