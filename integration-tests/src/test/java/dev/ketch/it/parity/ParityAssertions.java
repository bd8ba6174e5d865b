package dev.ketch.it.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.it.support.KetchServer;
import dev.ketch.it.support.ParityServers;

/** The verdict of one parity-table row: the row's documented replies and Ketch's, both against memcached. */
public final class ParityAssertions {

    private ParityAssertions() {
    }

    /**
     * Fails if real memcached did not give the replies the row documents (the row is wrong), or if
     * Ketch's transcript differs from memcached's. {@code -Dketch.it.printTranscripts=true} prints
     * memcached's transcript of every row.
     */
    public static void assertKetchLikeMemcached(String row, ParityServers.Results<Transcript> results) {
        Transcript expected = results.memcached();
        if (Boolean.getBoolean("ketch.it.printTranscripts")) {
            System.out.println("### " + row + "\n" + expected + "\n");
        }
        assertTrue(expected.expectationFailures().isEmpty(), () -> "table row '" + row
                + "' documents replies that real memcached did not give (fix the row):\n"
                + String.join("\n", expected.expectationFailures()) + "\nmemcached transcript:\n" + expected);
        assertEquals(expected.text(), results.ketch().text(), () -> KetchServer.label() + " differs from memcached in '"
                + row + "' (expected = memcached, actual = " + KetchServer.label() + ")");
    }
}
