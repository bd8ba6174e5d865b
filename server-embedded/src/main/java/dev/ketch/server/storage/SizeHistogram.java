package dev.ketch.server.storage;

import java.util.function.ObjIntConsumer;

/**
 * {@code stats sizes}: how many items there are of each size, in 32-byte buckets. Off unless
 * {@code -o track_sizes} or {@code stats sizes_enable}; only items stored after it was enabled
 * (recognised by their CAS) are counted, as in memcached. Guarded by the {@link Storage} lock.
 */
public final class SizeHistogram {

    private final int buckets;
    private int[] histogram;
    private long casMin;

    SizeHistogram(int itemSizeMax) {
        this.buckets = itemSizeMax / 32 + 1;
    }

    public boolean enabled() {
        return histogram != null;
    }

    void enable(long casMin) {
        if (histogram == null) {
            histogram = new int[buckets];
            this.casMin = casMin;
        }
    }

    void disable() {
        histogram = null;
    }

    void add(long it) {
        int b = bucket(it);
        if (b >= 0) {
            histogram[b]++;
        }
    }

    void remove(long it) {
        int b = bucket(it);
        if (b >= 0) {
            histogram[b]--;
        }
    }

    private int bucket(long it) {
        if (histogram == null || casMin > ItemLayout.cas(it)) {
            return -1;
        }
        int ntotal = ItemLayout.ntotal(it);
        int bucket = (ntotal + 31) / 32;
        return bucket < buckets ? bucket : -1;
    }

    /** Reports every non-empty bucket as (size, count); returns false if tracking is off. */
    public boolean forEach(ObjIntConsumer<String> sink) {
        if (histogram == null) {
            return false;
        }
        for (int i = 0; i < buckets; i++) {
            if (histogram[i] != 0) {
                sink.accept(Integer.toString(i * 32), histogram[i]);
            }
        }
        return true;
    }
}
