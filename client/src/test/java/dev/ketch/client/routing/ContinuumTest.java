package dev.ketch.client.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The ring's order and lookup rules, on hand-made rings. */
class ContinuumTest {

    private static final IntPredicate NONE_DEAD = i -> false;

    /** Points at 100 (server 0), 0x80000000 (1), 0xF0000000 (2), added out of order. */
    private static Continuum threePoints() {
        return new Continuum.Builder(3).add(0xF000_0000, 2).add(100, 0).add(0x8000_0000, 1).build();
    }

    @Test
    void sortsByUnsignedValue() {
        Continuum ring = threePoints();
        assertEquals(100, ring.valueAt(0));
        assertEquals(0x8000_0000, ring.valueAt(1));
        assertEquals(0xF000_0000, ring.valueAt(2));
        assertEquals(2, ring.serverAt(2));
    }

    @Test
    void aHashGoesToTheFirstPointAtOrAboveIt() {
        Continuum ring = threePoints();
        assertEquals(0, ring.serverFor(0));
        assertEquals(0, ring.serverFor(100));
        assertEquals(1, ring.serverFor(101));
        assertEquals(1, ring.serverFor(0x8000_0000));
        assertEquals(2, ring.serverFor(0x8000_0001));
        assertEquals(2, ring.serverFor(0xF000_0000));
    }

    @Test
    void pastTheLastPointWrapsToTheFirst() {
        Continuum ring = threePoints();
        assertEquals(0, ring.positionOf(0xF000_0001));
        assertEquals(0, ring.serverFor(0xFFFF_FFFF));
    }

    @Test
    void equalValuesGoToTheLowestServerIndex() {
        Continuum ring = new Continuum.Builder(4).add(500, 3).add(500, 1).add(500, 2).add(9, 0).build();
        assertEquals(1, ring.serverFor(10));
        assertEquals(1, ring.serverFor(500));
        assertEquals(2, ring.serverAt(2));
        assertEquals(3, ring.serverAt(3));
    }

    @Test
    void deadServersAreSkippedClockwiseWrappingOnceToPointZero() {
        Continuum ring = threePoints();
        assertEquals(1, ring.serverFor(50, i -> i == 0));
        assertEquals(2, ring.serverFor(50, i -> i <= 1));
        // the dead server owns the last point: the walk wraps to point 0, not point 1 (OMcache's quirk)
        assertEquals(0, ring.serverFor(0x8000_0001, i -> i == 2));
        assertEquals(-1, ring.serverFor(50, i -> true));
        assertEquals(ring.serverFor(12345), ring.serverFor(12345, NONE_DEAD));
    }

    @Test
    void anEmptyRingHasNoServer() {
        Continuum ring = new Continuum.Builder(0).build();
        assertEquals(0, ring.size());
        assertEquals(-1, ring.serverFor(7));
        assertEquals(-1, ring.serverFor(7, NONE_DEAD));
    }

    @Test
    void growsBeyondItsExpectedSize() {
        Continuum.Builder builder = new Continuum.Builder(1);
        for (int i = 0; i < 1000; i++) {
            builder.add(i * 7919, i % 5);
        }
        Continuum ring = builder.build();
        assertEquals(1000, ring.size());
        for (int p = 1; p < ring.size(); p++) {
            assertTrue(Integer.compareUnsigned(ring.valueAt(p - 1), ring.valueAt(p)) <= 0, "sorted at " + p);
        }
    }

    /** Against the definition, on random rings of every size, some with clustered values and ties. */
    @Test
    void lookupsAgreeWithALinearScan() {
        java.util.Random random = new java.util.Random(5);
        for (int round = 0; round < 300; round++) {
            int size = round < 40 ? round : 1 + random.nextInt(3000);
            boolean clustered = round % 3 == 0;
            Continuum.Builder builder = new Continuum.Builder(size);
            int[] values = new int[size];
            for (int i = 0; i < size; i++) {
                values[i] = clustered ? 0x7fff_f000 + random.nextInt(64) : random.nextInt();
                builder.add(values[i], random.nextInt(50));
            }
            Continuum ring = builder.build();
            for (int probe = 0; probe < 200; probe++) {
                int hash = probe % 4 == 0 && size > 0 ? values[random.nextInt(size)] + probe % 3 - 1
                        : clustered ? 0x7fff_f000 + random.nextInt(80) - 8 : random.nextInt();
                assertEquals(linearPosition(ring, hash), ring.positionOf(hash), "size " + size + " hash " + hash);
            }
        }
    }

    private static int linearPosition(Continuum ring, int hash) {
        if (ring.size() == 0) {
            return -1;
        }
        for (int p = 0; p < ring.size(); p++) {
            if (Integer.compareUnsigned(ring.valueAt(p), hash) >= 0) {
                return p;
            }
        }
        return 0;
    }
}
