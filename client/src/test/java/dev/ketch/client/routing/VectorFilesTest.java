package dev.ketch.client.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ketch.client.ServerAddress;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of every file in the shared vectors, reproduced: for key files the key's hash, its
 * server and that server's index; for continuum files every point of the ring. The distribution
 * and key hash come from each file's own header, so a new file is checked without a code change
 * (and a file of an unknown shape fails).
 */
class VectorFilesTest {

    @TestFactory
    Stream<DynamicTest> everyRowOfEveryVectorFile() {
        return Vectors.files().stream().map(file -> dynamicTest(file.getFileName().toString(), () -> {
            Vectors.Table table = Vectors.read(file);
            List<String> columns = table.columns();
            if (columns.equals(List.of("key", "hash", "server", "index"))) {
                checkKeys(table);
            } else if (columns.equals(List.of("position", "value", "index", "server"))) {
                checkContinuum(table);
            } else if (columns.get(0).equals("key") && columns.contains("one_at_a_time")) {
                for (HashAlgorithm algorithm : HashAlgorithm.values()) {
                    HashAlgorithmTest.check(table, algorithm);
                }
            } else {
                throw new AssertionError("vectors of an unknown shape: " + columns);
            }
        }));
    }

    /** The selector a user would configure; the distribution's default hash is left implicit. */
    static ServerSelector selector(Vectors.Table table) {
        Distribution distribution = table.distribution();
        HashAlgorithm hash = table.hash();
        List<ServerAddress> servers = table.servers();
        ServerSelector selector = hash == distribution.defaultHash() ? distribution.selector(servers)
                : distribution.selector(servers, hash);
        assertEquals(table.comment("servers"), String.join(" ", servers.stream().map(ServerAddress::toString).toList()),
                "servers as libmemcached printed them");
        return selector;
    }

    private static void checkKeys(Vectors.Table table) {
        ServerSelector selector = selector(table);
        List<ServerAddress> ejected = table.ejected();
        if (ejected.isEmpty()) {
            assertContinuumSize(table, selector);
            checkRows(table, selector, key -> selector.indexFor(key), "");
            return;
        }
        boolean[] dead = new boolean[selector.servers().size()];
        for (ServerAddress gone : ejected) {
            int index = selector.servers().indexOf(gone);
            assertTrue(index >= 0, "ejected server " + gone + " is configured");
            dead[index] = true;
        }
        IntPredicate isDead = i -> dead[i];
        ServerSelector rebuilt = selector.without(isDead);
        assertContinuumSize(table, rebuilt);
        checkRows(table, rebuilt, rebuilt::indexFor, " (ring rebuilt without the dead, libmemcached's way)");
        checkRows(table, selector, key -> selector.indexFor(key, isDead), " (dead points skipped, OMcache's way)");
    }

    private interface Locate {
        int index(byte[] key);
    }

    private static void checkRows(Vectors.Table table, ServerSelector selector, Locate locate, String how) {
        Mismatches hashes = new Mismatches(table.name() + " key hashes");
        Mismatches servers = new Mismatches(table.name() + " servers" + how);
        for (String[] row : table.rows()) {
            byte[] key = Vectors.unescape(row[0]);
            int hash = selector.hash(key);
            hashes.check(hash == Vectors.unsigned(row[1]),
                    "key " + row[0] + ": hash " + row[1] + ", Ketch " + Integer.toUnsignedString(hash));
            int index = locate.index(key);
            String server = index < 0 ? "none" : selector.servers().get(index).toString();
            servers.check(index == Integer.parseInt(row[3]) && server.equals(row[2]),
                    "key " + row[0] + ": " + row[2] + " (" + row[3] + "), Ketch " + server + " (" + index + ")");
        }
        assertEquals(table.rows().size(), hashes.verify());
        servers.verify();
    }

    private static void assertContinuumSize(Vectors.Table table, ServerSelector selector) {
        if (selector instanceof KetamaSelector ketama) {
            assertEquals(Integer.parseInt(table.comment("continuum_points")), ketama.continuum().size(), "ring points");
        }
    }

    private static void checkContinuum(Vectors.Table table) {
        Continuum ring = ((KetamaSelector) selector(table)).continuum();
        assertEquals(Integer.parseInt(table.comment("continuum_points")), ring.size(), "ring points");
        assertEquals(table.rows().size(), ring.size(), "one row per point");
        Mismatches points = new Mismatches(table.name() + " points");
        for (String[] row : table.rows()) {
            int position = Integer.parseInt(row[0]);
            int value = ring.valueAt(position);
            int index = ring.serverAt(position);
            points.check(value == Vectors.unsigned(row[1]) && index == Integer.parseInt(row[2]),
                    "position " + row[0] + ": " + row[1] + " of " + row[2] + ", Ketch "
                            + Integer.toUnsignedString(value) + " of " + index);
        }
        points.verify();
    }
}
