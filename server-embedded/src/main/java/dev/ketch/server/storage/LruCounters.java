package dev.ketch.server.storage;

import java.util.Arrays;

/**
 * memcached's {@code itemstats}: what happened to items in each LRU (indexed like
 * {@link LruQueues}), reported by {@code stats items} per class and summed in {@code stats}.
 * Guarded by the {@link Storage} lock.
 */
public final class LruCounters {

    private static final int N = LruQueues.LRU_IDS;

    final long[] evicted = new long[N];
    final long[] evictedNonzero = new long[N];
    final long[] reclaimed = new long[N];
    final long[] outofmemory = new long[N];
    final long[] tailrepairs = new long[N];
    final long[] expiredUnfetched = new long[N];
    final long[] evictedUnfetched = new long[N];
    final long[] evictedActive = new long[N];
    final long[] crawlerReclaimed = new long[N];
    final long[] crawlerItemsChecked = new long[N];
    final long[] lrutailReflocked = new long[N];
    final long[] movesToCold = new long[N];
    final long[] movesToWarm = new long[N];
    final long[] movesWithinLru = new long[N];
    final long[] directReclaims = new long[N];
    final int[] evictedTime = new int[N];

    void reset() {
        for (long[] a : new long[][] {evicted, evictedNonzero, reclaimed, outofmemory, tailrepairs,
                expiredUnfetched, evictedUnfetched, evictedActive, crawlerReclaimed, crawlerItemsChecked,
                lrutailReflocked, movesToCold, movesToWarm, movesWithinLru, directReclaims}) {
            Arrays.fill(a, 0);
        }
        Arrays.fill(evictedTime, 0);
    }
}
