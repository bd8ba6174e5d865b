package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code md} over real sockets. Expected bytes were taken from memcached 1.6.18
 * ({@code /usr/bin/memcached}) for the same input.
 */
class MetaDeleteTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension(s -> s.debugTimeCommand = true);

    private static final AtomicInteger KEYS = new AtomicInteger();

    @BeforeAll
    static void prepare() throws IOException {
        MetaTestTarget.prepare(memcached);
    }

    private static String key() {
        return "d" + KEYS.incrementAndGet();
    }

    private static TextClient client() throws IOException {
        return MetaTestTarget.client(memcached);
    }

    private static long cas(TextClient c, String key) throws IOException {
        String reply = c.call("mg " + key + " c\r\n");
        assertTrue(reply.startsWith("HD c"), reply);
        return Long.parseLong(reply.substring(4));
    }

    @Test
    void deleteAndMiss() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("NF", c.call("md " + k + "\r\n"));
            c.call("set " + k + " 0 0 2\r\nhi\r\n");
            assertEquals("HD", c.call("md " + k + "\r\n"));
            assertEquals("EN", c.call("mg " + k + "\r\n"));
        }
    }

    @Test
    void compareCas() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("ms " + k + " 2\r\nzo\r\n");
            long cas = cas(c, k);
            assertEquals("EX", c.call("md " + k + " C" + (cas + 10) + "\r\n"));
            assertEquals("EX", c.call("md " + k + " C0\r\n"), "C0 compares too");
            assertEquals("EX", c.call("md " + k + " C1 q\r\n"), "q does not hide EX");
            assertEquals("HD", c.call("md " + k + " C" + cas + "\r\n"));
        }
    }

    @Test
    void quietHidesOnlyHd() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 1\r\nx\r\n");
            assertEquals("NF", c.call("md " + k + " q\r\nmd " + k + " q\r\n"));
            assertEquals("MN", c.call("mn\r\n"));
        }
    }

    @Test
    void echoesKeyAndOpaqueButNotCas() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 1\r\nx\r\n");
            assertEquals("HD k" + k + " O9", c.call("md " + k + " k O9 c\r\n"));
            assertEquals("NF O9 k" + k, c.call("md " + k + " O9 k\r\n"));
            assertEquals("HD", c.call("ms YWI= 1 b\r\nx\r\n"));
            assertEquals("HD kYWI= b", c.call("md YWI= b k\r\n"));
            assertEquals("NF kYWI= b", c.call("md YWI= b k q\r\n"));
        }
    }

    @Test
    void invalidateMarksStaleBumpsCasAndOptionallySetsTtl() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 3\r\nmoo\r\n");
            long cas = cas(c, k);
            assertEquals("HD", c.call("md " + k + " I T30\r\n"));
            String reply = c.call("mg " + k + " c t v\r\n");
            assertTrue(reply.matches("VA 3 c\\d+ t30 X W"), reply);
            assertNotEquals("VA 3 c" + cas + " t30 X W", reply);
            assertEquals("moo", c.line());
            assertTrue(c.call("mg " + k + " c t\r\n").matches("HD c\\d+ t30 Z X"));
            assertEquals("", c.send("md " + k + " I q\r\n").drain(200), "q hides HD of an invalidation");
            assertTrue(c.call("mg " + k + " t\r\n").matches("HD t\\d+ X W"), "a new invalidation clears the token");
            assertEquals("EX", c.call("md " + k + " I C1\r\n"));
            assertEquals("NF", c.call("md " + key() + " I\r\n"));
            String noI = key();
            c.call("set " + noI + " 0 0 1\r\nx\r\n");
            assertEquals("HD", c.call("md " + noI + " T30\r\n"), "T without I deletes");
            assertEquals("EN", c.call("mg " + noI + "\r\n"));
        }
    }

    @Test
    void errors() throws IOException {
        try (TextClient c = client()) {
            String[][] cases = {
                {"md\r\n", "ERROR"},
                {"md " + "k".repeat(251) + "\r\n", "CLIENT_ERROR bad command line format"},
                {"md foo s v c f t l h k O1 q u T1 N1 R1 P L I F1\r\n", "CLIENT_ERROR options flags too long"},
                {"md foo Tabc\r\n", "CLIENT_ERROR invalid or duplicate flag"},
                {"md foo zz\r\n", "CLIENT_ERROR invalid or duplicate flag"},
                {"md foo q q\r\n", "CLIENT_ERROR invalid or duplicate flag"},
                {"md foo \u0080\r\n", "CLIENT_ERROR invalid or duplicate flag"},
                {"md foo b\r\n", "CLIENT_ERROR invalid or duplicate flag"},
                {"md foo O" + "1".repeat(32) + "\r\n", "CLIENT_ERROR opaque token too long"},
                {"md foo q O" + "1".repeat(32) + "\r\n", "CLIENT_ERROR opaque token too long"},
            };
            for (String[] x : cases) {
                assertEquals(x[1], c.call(x[0]), x[0]);
            }
            String k = key();
            c.call("set " + k + " 0 0 1\r\nx\r\n");
            assertEquals("CLIENT_ERROR opaque token too long", c.call("md " + k + " O" + "1".repeat(32) + "\r\n"));
            assertEquals("HD", c.call("mg " + k + "\r\n"), "checked before the item is touched");
        }
    }
}
