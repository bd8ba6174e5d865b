package dev.ketch.client.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.client.ServerAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Point names and weighted point counts. The counts are those the research notes report from the
 * real library (libmemcached's {@code ketama_server_points}, checked with libmemcached
 * 1.1.4's {@code lmc_ketama -C} on 460 configurations of up to 60 servers); the rounded counts
 * beyond 60 servers come from libmemcached's expression compiled as C by gcc on x86-64.
 */
class KetamaPointsTest {

    @Test
    void pointNamesOmitTheDefaultPort() {
        assertArrayEquals(ascii("cache1.example.com-0"), PointName.of(ServerAddress.parse("cache1.example.com"), 0));
        assertArrayEquals(ascii("10.0.0.1-99"), PointName.of(ServerAddress.parse("10.0.0.1:11211:3"), 99));
        assertArrayEquals(ascii("10.0.0.2:11212-0"), PointName.of(ServerAddress.parse("10.0.0.2:11212"), 0));
        assertArrayEquals(ascii("::1:11212-7"), PointName.of(ServerAddress.parse("[::1]:11212"), 7));
        assertArrayEquals(ascii("[::1]-7"), PointName.of(new ServerAddress("[::1]", 11211), 7));
    }

    /** Float32 rounding: 1/n * 160 / 4 * n is 39.999996 for these n, so 39 digests, 156 points. */
    @Test
    void equalWeightsGive160PointsExceptWhereFloatRoundingGives156() {
        Set<Integer> rounded = Set.of(25, 47, 50, 55, 61, 71, 94, 100);
        for (int n = 1; n <= 100; n++) {
            int expected = rounded.contains(n) ? 156 : 160;
            assertEquals(expected, KetamaPoints.weightedPoints(1, n, n), "points of each of " + n + " equal servers");
            assertEquals(expected, KetamaPoints.weightedPoints(7, 7L * n, n), "weight 7, " + n + " servers");
        }
    }

    @Test
    void unequalWeights() {
        int[] weights = {1, 1, 2, 4, 8};
        assertArrayEquals(new int[] {48, 48, 100, 200, 400},
                IntStream.of(weights).map(w -> KetamaPoints.weightedPoints(w, 16, 5)).toArray());
        assertArrayEquals(new int[] {80, 160, 240},
                IntStream.of(1, 2, 3).map(w -> KetamaPoints.weightedPoints(w, 6, 3)).toArray());
        assertEquals(0, KetamaPoints.weightedPoints(1, 101, 2), "weight 1 beside 100: floor(0.79) digests");
        assertEquals(316, KetamaPoints.weightedPoints(100, 101, 2));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
