package dev.ketch.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.server.config.ServerSettings;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Slab class geometry must equal memcached's, or item placement, page use and eviction counts
 * diverge. Expected values are what memcached 1.6.18 prints with {@code -vv} for the same flags.
 */
class SlabClassesTest {

    private static int[][] classes(Consumer<ServerSettings> configure) {
        ServerSettings s = new ServerSettings();
        configure.accept(s);
        try (SlabAllocator slabs = new SlabAllocator(s)) {
            int n = slabs.largestClass();
            int[][] out = new int[2][n];
            for (int i = 1; i <= n; i++) {
                out[0][i - 1] = slabs.chunkSize(i);
                out[1][i - 1] = slabs.perslab(i);
            }
            return out;
        }
    }

    @Test
    void defaultClassesMatchMemcached() {
        int[][] c = classes(s -> { });
        assertArrayEquals(new int[] {96, 120, 152, 192, 240, 304, 384, 480, 600, 752, 944, 1184, 1480, 1856, 2320,
            2904, 3632, 4544, 5680, 7104, 8880, 11104, 13880, 17352, 21696, 27120, 33904, 42384, 52984, 66232, 82792,
            103496, 129376, 161720, 202152, 252696, 315872, 394840, 524288}, c[0]);
        assertEquals(10922, c[1][0]);
        assertEquals(2, c[1][38]);
    }

    @Test
    void noModernClassesGoUpToAWholePage() {
        int[][] c = classes(s -> s.slabChunkSizeMax = s.slabPageSize);
        assertEquals(42, c[0].length);
        assertArrayEquals(new int[] {394840, 493552, 616944, 771184, 1048576},
                java.util.Arrays.copyOfRange(c[0], 37, 42));
    }

    @Test
    void chunkSizeAndGrowthFactorFlags() {
        int[][] c = classes(s -> {
            s.chunkSize = 100;
            s.factor = 1.5;
        });
        assertArrayEquals(new int[] {152, 232, 352, 528, 792, 1192, 1792, 2688, 4032, 6048, 9072, 13608, 20416,
            30624, 45936, 68904, 103360, 155040, 232560, 348840, 524288}, c[0]);
    }

    @Test
    void smallItemSizeMaxWithSmallChunkMax() {
        int[][] c = classes(s -> {
            s.itemSizeMax = 1024;
            s.slabChunkSizeMax = 1024;
        });
        assertArrayEquals(new int[] {96, 120, 152, 192, 240, 304, 384, 480, 600, 752, 1024}, c[0]);
        assertEquals(1024, c[1][10]);
    }

    @Test
    void explicitSlabSizesAreAlignedToEightBytes() {
        int[][] c = classes(s -> s.slabSizes = new int[] {100, 200, 300, 1000});
        assertArrayEquals(new int[] {104, 200, 304, 1000, 524288}, c[0]);
        assertArrayEquals(new int[] {10082, 5242, 3449, 1048, 2}, c[1]);
    }

    @Test
    void itemsGoToTheSmallestClassThatFits() {
        try (SlabAllocator slabs = new SlabAllocator(new ServerSettings())) {
            assertEquals(1, slabs.clsid(96));
            assertEquals(2, slabs.clsid(97));
            assertEquals(39, slabs.clsid(1024 * 1024));
            assertEquals(0, slabs.clsid(1024 * 1024 + 1));
            assertEquals(0, slabs.clsid(0));
        }
    }
}
