package dev.ketch.server.storage;

import static dev.ketch.server.storage.ItemLayout.next;
import static dev.ketch.server.storage.ItemLayout.prev;

/**
 * The LRU lists: one doubly linked list per slab class and LRU segment (HOT, WARM, COLD, TEMP),
 * threaded through the items' {@code next}/{@code prev} fields, with the item count and accounted
 * bytes of each. Indexed by memcached's {@code slabs_clsid} byte (class | LRU id). Not
 * thread-safe; the {@link Storage} lock guards every call.
 */
final class LruQueues {

    static final int LRU_IDS = SlabAllocator.POWER_LARGEST;

    final long[] heads = new long[LRU_IDS];
    final long[] tails = new long[LRU_IDS];
    final int[] sizes = new int[LRU_IDS];
    final long[] sizesBytes = new long[LRU_IDS];

    /** Links {@code it} at the head of its list ({@code slabs_clsid} must be set). */
    void linkHead(long it) {
        int id = ItemLayout.slabsClsid(it);
        prev(it, 0);
        next(it, heads[id]);
        if (heads[id] != 0) {
            prev(heads[id], it);
        }
        heads[id] = it;
        if (tails[id] == 0) {
            tails[id] = it;
        }
        sizes[id]++;
        sizesBytes[id] += ItemLayout.memoryBytes(it);
    }

    void unlink(long it) {
        int id = ItemLayout.slabsClsid(it);
        unlinkLinks(it, id);
        sizes[id]--;
        sizesBytes[id] -= ItemLayout.memoryBytes(it);
    }

    private void unlinkLinks(long it, int id) {
        if (heads[id] == it) {
            heads[id] = next(it);
        }
        if (tails[id] == it) {
            tails[id] = prev(it);
        }
        if (next(it) != 0) {
            prev(next(it), prev(it));
        }
        if (prev(it) != 0) {
            next(prev(it), next(it));
        }
    }

    /**
     * A restored item whose LRU links were carried over: it is its list's head when nothing is in
     * front of it, its tail when nothing is behind it, and it is counted.
     */
    void relinkRestored(long it) {
        int id = ItemLayout.slabsClsid(it);
        if (prev(it) == 0 && heads[id] == 0) {
            heads[id] = it;
        }
        if (next(it) == 0 && tails[id] == 0) {
            tails[id] = it;
        }
        sizes[id]++;
        sizesBytes[id] += ItemLayout.memoryBytes(it);
    }

    // ---- the crawler's placeholder: linked without being counted ----

    /** Links the crawler placeholder at the tail of list {@code id}. */
    void linkCrawlerAtTail(long crawler, int id) {
        ItemLayout.slabsClsid(crawler, id);
        prev(crawler, tails[id]);
        next(crawler, 0);
        if (tails[id] != 0) {
            next(tails[id], crawler);
        }
        tails[id] = crawler;
        if (heads[id] == 0) {
            heads[id] = crawler;
        }
    }

    void unlinkCrawler(long crawler) {
        unlinkLinks(crawler, ItemLayout.slabsClsid(crawler));
    }

    /**
     * Moves the crawler one step towards the head, swapping it with the item in front of it, and
     * returns that item (now behind the crawler), or 0 when the crawler has reached the head.
     */
    long crawlStep(long crawler) {
        int id = ItemLayout.slabsClsid(crawler);
        long before = prev(crawler);
        if (before == 0) {
            return 0;
        }
        long after = next(crawler);
        // Unlink the crawler, then relink it in front of `before`.
        next(before, after);
        if (after != 0) {
            prev(after, before);
        } else {
            tails[id] = before;
        }
        long beforeBefore = prev(before);
        prev(crawler, beforeBefore);
        next(crawler, before);
        prev(before, crawler);
        if (beforeBefore != 0) {
            next(beforeBefore, crawler);
        } else {
            heads[id] = crawler;
        }
        return before;
    }
}
