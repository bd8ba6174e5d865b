package dev.ketch.server.storage;

/**
 * The key index ({@code assoc.c}): a power-of-two table of buckets, each a chain of items linked
 * through their {@code h_next} field, so the index costs one {@code long} per bucket and nothing per
 * item on the Java heap.
 *
 * <p>When the table holds 1.5 items per bucket it doubles. As in memcached the move to the new
 * table is incremental: each insert moves a few old buckets ({@link #grow(long)}), so no request
 * pays for the whole move and chains never grow long while a busy server waits for a background
 * thread. While it runs, buckets not yet moved are looked up in the old table. Not thread-safe;
 * the {@link Storage} lock guards every call.
 */
final class HashIndex {

    static final int DEFAULT_HASHPOWER = 16;
    /** Old buckets moved per insert while growing: the move ends long before the next doubling. */
    private static final int BUCKETS_PER_INSERT = 4;
    private static final int HASHPOWER_MAX = 32;

    private int hashpower;
    private long[] primary;
    private long[] old;
    private boolean expanding;
    private int expandBucket;
    /** Walks in progress ({@link #beginWalk}): the table does not change shape meanwhile. */
    private int walkers;

    HashIndex(int hashpowerInit) {
        this.hashpower = hashpowerInit > 0 ? hashpowerInit : DEFAULT_HASHPOWER;
        this.primary = new long[1 << hashpower];
    }

    int hashpower() {
        return hashpower;
    }

    long hashBytes() {
        return (1L << hashpower) * Long.BYTES;
    }

    boolean expanding() {
        return expanding;
    }

    /** Called after each insert with the item count: starts or continues doubling the table. */
    void grow(long items) {
        if (walkers > 0 && !expanding) {
            return;
        }
        if (expanding) {
            expandStep(BUCKETS_PER_INSERT);
        } else if (hashpower < HASHPOWER_MAX - 2 && items > ((1L << hashpower) * 3) / 2) {
            startExpansion();
        }
    }

    private void startExpansion() {
        old = primary;
        primary = new long[1 << (hashpower + 1)];
        hashpower++;
        expanding = true;
        expandBucket = 0;
    }

    /** Moves up to {@code buckets} old buckets into the new table; returns true while work remains. */
    private boolean expandStep(int buckets) {
        if (!expanding) {
            return false;
        }
        int mask = (1 << hashpower) - 1;
        for (int n = 0; n < buckets && expandBucket < old.length; n++, expandBucket++) {
            long it = old[expandBucket];
            while (it != 0) {
                long next = ItemLayout.hNext(it);
                int b = hashOf(it) & mask;
                ItemLayout.hNext(it, primary[b]);
                primary[b] = it;
                it = next;
            }
            old[expandBucket] = 0;
        }
        if (expandBucket == old.length) {
            expanding = false;
            old = null;
            return false;
        }
        return true;
    }

    /**
     * Starts a walk over every bucket (memcached's {@code assoc_get_iterator}): an expansion under
     * way is finished first and no new one starts until {@link #endWalk()}, so that buckets can be
     * read one at a time, between which the lock may be released.
     */
    void beginWalk() {
        while (expanding) {
            expandStep(Integer.MAX_VALUE);
        }
        walkers++;
    }

    void endWalk() {
        walkers--;
    }

    /** Buckets of the table (stable during a walk). */
    int buckets() {
        return primary.length;
    }

    /** The first item of bucket {@code b}'s chain (during a walk), 0 if empty. */
    long bucketHead(int b) {
        return primary[b];
    }

    private static int hashOf(long it) {
        return Hashing.murmur3(ItemLayout.keyAddress(it), ItemLayout.nkey(it));
    }

    private int bucketOf(int hv) {
        if (expanding) {
            int oldBucket = hv & ((1 << (hashpower - 1)) - 1);
            if (oldBucket >= expandBucket) {
                return -1 - oldBucket;
            }
        }
        return hv & ((1 << hashpower) - 1);
    }

    private long head(int bucket) {
        return bucket >= 0 ? primary[bucket] : old[-1 - bucket];
    }

    private void head(int bucket, long it) {
        if (bucket >= 0) {
            primary[bucket] = it;
        } else {
            old[-1 - bucket] = it;
        }
    }

    long find(byte[] key, int nkey, int hv) {
        long it = head(bucketOf(hv));
        while (it != 0) {
            if (ItemLayout.nkey(it) == nkey && NativeMemory.equals(ItemLayout.keyAddress(it), key, nkey)) {
                return it;
            }
            it = ItemLayout.hNext(it);
        }
        return 0;
    }

    void insert(long it, int hv) {
        int bucket = bucketOf(hv);
        ItemLayout.hNext(it, head(bucket));
        head(bucket, it);
    }

    /** Unlinks the item with this key; its key bytes are read from the item itself. */
    void delete(long target, int hv) {
        int bucket = bucketOf(hv);
        long it = head(bucket);
        if (it == target) {
            head(bucket, ItemLayout.hNext(it));
            ItemLayout.hNext(it, 0);
            return;
        }
        while (it != 0) {
            long next = ItemLayout.hNext(it);
            if (next == target) {
                ItemLayout.hNext(it, ItemLayout.hNext(next));
                ItemLayout.hNext(next, 0);
                return;
            }
            it = next;
        }
    }
}
