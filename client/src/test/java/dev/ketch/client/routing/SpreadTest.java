package dev.ketch.client.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.ServerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How evenly each mode spreads 100 000 random keys over 10 equal servers: the largest and
 * smallest share, printed for the README. Ketama is uneven by design (a few hundred points per
 * server); modula is as even as the hash.
 */
class SpreadTest {

    private static final int KEYS = 100_000;
    private static final byte[][] KEY_SET = Keys.random(KEYS, 7_700_777L);

    static Stream<Arguments> modes() {
        List<Arguments> modes = new ArrayList<>();
        for (String naming : List.of("10.0.0.N:11211", "127.0.0.1:1121N", "cacheN.example.com")) {
            modes.add(Arguments.of(Distribution.LIBMEMCACHED_KETAMA, HashAlgorithm.ONE_AT_A_TIME, naming, 0.45));
            modes.add(Arguments.of(Distribution.LIBMEMCACHED_KETAMA, HashAlgorithm.MD5, naming, 0.45));
            modes.add(Arguments.of(Distribution.LIBMEMCACHED_KETAMA_WEIGHTED, HashAlgorithm.MD5, naming, 0.35));
            modes.add(Arguments.of(Distribution.LIBMEMCACHED_CONSISTENT_WEIGHTED, HashAlgorithm.ONE_AT_A_TIME, naming, 0.35));
            modes.add(Arguments.of(Distribution.MODULA, HashAlgorithm.ONE_AT_A_TIME, naming, 0.05));
        }
        for (HashAlgorithm hash : HashAlgorithm.values()) {
            if (hash != HashAlgorithm.ONE_AT_A_TIME && hash != HashAlgorithm.MD5 && hash.libmemcached()) {
                modes.add(Arguments.of(Distribution.LIBMEMCACHED_KETAMA, hash, "10.0.0.N:11211", Double.NaN));
            }
        }
        return modes.stream();
    }

    /**
     * @param tolerance how far (as a fraction of the fair 10%) any share may stray, generous
     *     bounds meant to catch a broken ring, not to pin the figures; NaN (no bound) for the
     *     hashes that spread ketama points badly (the FNV-64 pair leaves a server almost nothing)
     */
    @ParameterizedTest(name = "{0}/{1} {2}")
    @MethodSource("modes")
    void spreadOverTenEqualServers(Distribution distribution, HashAlgorithm hash, String naming, double tolerance) {
        List<ServerAddress> servers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            servers.add(ServerAddress.parse(naming.replace("N", Integer.toString(naming.startsWith("127") ? i : i + 1))));
        }
        int[] perServer = new int[10];
        for (int index : Keys.place(distribution.selector(servers, hash), KEY_SET)) {
            perServer[index]++;
        }
        int max = 0;
        int min = KEYS;
        int total = 0;
        for (int n : perServer) {
            max = Math.max(max, n);
            min = Math.min(min, n);
            total += n;
        }
        assertEquals(KEYS, total);
        double largest = 100.0 * max / KEYS;
        double smallest = 100.0 * min / KEYS;
        System.out.printf(Locale.ROOT, "FIGURE spread %s/%s servers %s: largest %.1f%%, smallest %.1f%% (fair: 10%%)%n",
                distribution, hash, naming, largest, smallest);
        if (!Double.isNaN(tolerance)) {
            assertTrue(largest < 10 * (1 + tolerance) && smallest > 10 * (1 - tolerance),
                    "shares " + smallest + ".." + largest + "% beyond +-" + tolerance * 100 + "% of 10%");
        }
    }
}
