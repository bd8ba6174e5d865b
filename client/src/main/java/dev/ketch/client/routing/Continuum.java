package dev.ketch.client.routing;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A ketama ring: points (32-bit unsigned value, server index) sorted by value, then by index, as
 * libmemcached sorts them. A hash belongs to the first point whose value is at least the hash,
 * wrapping to the first point past the last; of equal values the lowest server index wins.
 *
 * <p>Immutable. A lookup reads a bucket index (the top bits of the hash say where to search),
 * then binary-searches the few points of that bucket; it allocates nothing.
 */
final class Continuum {

    private static final int SIGN = 0x8000_0000;

    /**
     * Each point packed as {@code (value ^ SIGN) << 32 | index}: flipping the value's sign bit
     * makes signed {@code long} order equal unsigned value order, then index order.
     */
    private final long[] points;
    /** Top bits of a hash that pick its bucket: about one bucket per point, at most 2^16. */
    private final int shift;
    /**
     * {@code buckets[b]}: the position of the first point whose value is at least {@code b <<
     * shift}; the last entry is the number of points. A hash of bucket {@code b} belongs to a
     * point from {@code buckets[b]} to {@code buckets[b + 1]}.
     */
    private final int[] buckets;

    private Continuum(long[] points) {
        this.points = points;
        int bits = Math.max(1, Math.min(16, 32 - Integer.numberOfLeadingZeros(Math.max(1, points.length - 1))));
        this.shift = 32 - bits;
        this.buckets = new int[(1 << bits) + 1];
        int position = 0;
        for (int b = 0; b < 1 << bits; b++) {
            long first = (long) ((b << shift) ^ SIGN) << 32;
            while (position < points.length && points[position] < first) {
                position++;
            }
            buckets[b] = position;
        }
        buckets[1 << bits] = points.length;
    }

    /** Collects points and sorts them once. */
    static final class Builder {
        private long[] points;
        private int size;

        Builder(int expectedPoints) {
            points = new long[Math.max(expectedPoints, 1)];
        }

        Builder add(int value, int serverIndex) {
            if (size == points.length) {
                points = Arrays.copyOf(points, size * 2);
            }
            points[size++] = pack(value, serverIndex);
            return this;
        }

        Continuum build() {
            long[] sorted = Arrays.copyOf(points, size);
            Arrays.sort(sorted);
            return new Continuum(sorted);
        }
    }

    private static long pack(int value, int serverIndex) {
        return (long) (value ^ SIGN) << 32 | (serverIndex & 0xffff_ffffL);
    }

    /** Number of points. */
    public int size() {
        return points.length;
    }

    /** The value (32-bit unsigned) of the point at {@code position} (0 = smallest). */
    public int valueAt(int position) {
        return (int) (points[position] >> 32) ^ SIGN;
    }

    /** The server index of the point at {@code position}. */
    public int serverAt(int position) {
        return (int) points[position];
    }

    /** The position of the point {@code hash} belongs to; -1 if the ring is empty. */
    public int positionOf(int hash) {
        if (points.length == 0) {
            return -1;
        }
        long target = (long) (hash ^ SIGN) << 32; // index 0: the lowest possible point of this value
        int bucket = hash >>> shift;
        int low = buckets[bucket];
        int high = buckets[bucket + 1];
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (points[middle] < target) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low == points.length ? 0 : low;
    }

    /** The server index {@code hash} belongs to; -1 if the ring is empty. */
    public int serverFor(int hash) {
        int position = positionOf(hash);
        return position < 0 ? -1 : serverAt(position);
    }

    /**
     * The server {@code hash} belongs to when the servers {@code dead} accepts are skipped: the
     * owner of the first point at or after the hash's position whose server is alive, wrapping
     * once to the first point (OMcache's failover on an unchanged ring, without its quirk of never
     * choosing point 0 after a wrap); -1 if every server is dead.
     */
    public int serverFor(int hash, IntPredicate dead) {
        int start = positionOf(hash);
        if (start < 0) {
            return -1;
        }
        int n = points.length;
        for (int step = 0; step < n; step++) {
            int position = start + step;
            int server = serverAt(position < n ? position : position - n);
            if (!dead.test(server)) {
                return server;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Continuum[" + points.length + " points]";
    }
}
