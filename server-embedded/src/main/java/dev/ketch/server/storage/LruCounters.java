package dev.ketch.server.storage;

import java.util.Arrays;

/**
 * memcached's {@code itemstats}: what happened to items in each LRU (indexed like
 * {@link LruQueues}), reported by {@code stats items} per class and summed in {@code stats}.
 * Guarded by the {@link Storage} lock.
 */
public final class LruCounters {

    private static final int N = LruQueues.LRU_IDS;

    public final long[] evicted = new long[N];
    public final long[] evictedNonzero = new long[N];
    public final long[] reclaimed = new long[N];
    public final long[] outofmemory = new long[N];
    public final long[] tailrepairs = new long[N];
    public final long[] expiredUnfetched = new long[N];
    public final long[] evictedUnfetched = new long[N];
    public final long[] evictedActive = new long[N];
    public final long[] crawlerReclaimed = new long[N];
    public final long[] crawlerItemsChecked = new long[N];
    public final long[] lrutailReflocked = new long[N];
    public final long[] movesToCold = new long[N];
    public final long[] movesToWarm = new long[N];
    public final long[] movesWithinLru = new long[N];
    public final long[] directReclaims = new long[N];
    public final int[] evictedTime = new int[N];

    void reset() {
        for (long[] a : new long[][] {evicted, evictedNonzero, reclaimed, outofmemory, tailrepairs,
                expiredUnfetched, evictedUnfetched, evictedActive, crawlerReclaimed, crawlerItemsChecked,
                lrutailReflocked, movesToCold, movesToWarm, movesWithinLru, directReclaims}) {
            Arrays.fill(a, 0);
        }
        Arrays.fill(evictedTime, 0);
    }
}
