package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the meta protocol tests connect. Normally the embedded server of the test class, with its
 * clock paused so TTLs are exact. With {@code -Dketch.test.memcachedPort=N} they connect to a real
 * memcached on 127.0.0.1:N instead, which checks the expectations themselves against the
 * reference (tests that need {@code debugtime} are then skipped).
 */
final class MetaTestTarget {

    private static final Integer EXTERNAL_PORT = Integer.getInteger("ketch.test.memcachedPort");

    private MetaTestTarget() {
    }

    static boolean external() {
        return EXTERNAL_PORT != null;
    }

    static TextClient client(MemcachedServerExtension embedded) throws IOException {
        return new TextClient(external() ? EXTERNAL_PORT : embedded.port());
    }

    /** Empties the server and, when embedded, stops its clock. */
    static void prepare(MemcachedServerExtension embedded) throws IOException {
        try (TextClient c = client(embedded)) {
            assertEquals("OK", c.call("flush_all\r\n"));
            if (!external()) {
                assertEquals("OK", c.call("debugtime p\r\n"));
            }
        }
    }

    /** Skips a test that moves the clock when running against a real memcached. */
    static void assumeClockControl() {
        Assumptions.assumeFalse(external(), "needs debugtime");
    }
}
