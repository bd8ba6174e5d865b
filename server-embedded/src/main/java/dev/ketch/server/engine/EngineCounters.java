package dev.ketch.server.engine;

import dev.ketch.server.storage.SlabAllocator;
import java.util.Arrays;

/**
 * Command counters the engine keeps (memcached's per-thread {@code thread_stats}, including the
 * per-slab-class and per-LRU hit counts). Updated and read under the engine lock; {@code stats}
 * reads them through {@link Cache#counters()}.
 */
public final class EngineCounters {

    private static final int CLASSES = SlabAllocator.MAX_NUMBER_OF_SLAB_CLASSES;
    private static final int LRU_IDS = SlabAllocator.POWER_LARGEST;

    public long getCmds;
    public long getMisses;
    public long touchCmds;
    public long touchMisses;
    public long deleteMisses;
    public long incrMisses;
    public long decrMisses;
    public long casMisses;
    public long storeTooLarge;
    public long storeNoMemory;

    public final long[] setCmds = new long[CLASSES];
    public final long[] getHits = new long[CLASSES];
    public final long[] touchHits = new long[CLASSES];
    public final long[] deleteHits = new long[CLASSES];
    public final long[] casHits = new long[CLASSES];
    public final long[] casBadval = new long[CLASSES];
    public final long[] incrHits = new long[CLASSES];
    public final long[] decrHits = new long[CLASSES];
    /** Hits per LRU (class | LRU id), for {@code items:N:hits_to_*}. */
    public final long[] lruHits = new long[LRU_IDS];

    void reset() {
        getCmds = 0;
        getMisses = 0;
        touchCmds = 0;
        touchMisses = 0;
        deleteMisses = 0;
        incrMisses = 0;
        decrMisses = 0;
        casMisses = 0;
        storeTooLarge = 0;
        storeNoMemory = 0;
        for (long[] a : new long[][] {setCmds, getHits, touchHits, deleteHits, casHits, casBadval, incrHits, decrHits, lruHits}) {
            Arrays.fill(a, 0);
        }
    }

    public static long sum(long[] perClass) {
        long total = 0;
        for (long v : perClass) {
            total += v;
        }
        return total;
    }
}
