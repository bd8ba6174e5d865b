package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ms} over real sockets. Expected bytes were taken from memcached 1.6.18
 * ({@code /usr/bin/memcached}) for the same input. The server clock is paused, so TTLs are exact.
 */
class MetaSetTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension(s -> s.debugTimeCommand = true);

    private static final AtomicInteger KEYS = new AtomicInteger();
    private static final Pattern CAS = Pattern.compile(" c(\\d+)");

    @BeforeAll
    static void prepare() throws IOException {
        MetaTestTarget.prepare(memcached);
    }

    private static String key() {
        return "s" + KEYS.incrementAndGet();
    }

    private static TextClient client() throws IOException {
        return MetaTestTarget.client(memcached);
    }

    private static String value(TextClient c, String key) throws IOException {
        String head = c.call("mg " + key + " v\r\n");
        return head.startsWith("VA ") ? c.line() : head;
    }

    private static long cas(String reply) {
        Matcher m = CAS.matcher(reply);
        assertTrue(m.find(), reply);
        return Long.parseLong(m.group(1));
    }

    @Test
    void modes() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("HD", c.call("ms " + k + " 2 T120\r\naa\r\n"));
            assertEquals("NS", c.call("ms " + k + " 2 ME\r\nbb\r\n"));
            String fresh = key();
            assertEquals("HD", c.call("ms " + fresh + " 2 ME\r\nbb\r\n"));
            assertEquals("HD", c.call("ms " + fresh + " 2 MA\r\ncc\r\n"));
            assertEquals("HD", c.call("ms " + fresh + " 2 MP\r\naa\r\n"));
            assertEquals("aabbcc", value(c, fresh));
            assertEquals("NS", c.call("ms " + key() + " 2 MR\r\nzz\r\n"));
            assertEquals("NS", c.call("ms " + key() + " 2 MA\r\nzz\r\n"));
            assertEquals("NS", c.call("ms " + key() + " 2 MP\r\nzz\r\n"));
            assertEquals("HD", c.call("ms " + fresh + " 2 MR\r\nxx\r\n"));
            assertEquals("HD", c.call("ms " + fresh + " 2 MS\r\nyy\r\n"));
            assertEquals("yy", value(c, fresh));
            assertEquals("CLIENT_ERROR invalid mode for ms M token", c.call("ms " + fresh + " 2 MZ\r\ntt\r\n"));
            assertEquals("CLIENT_ERROR invalid mode for ms M token", c.call("ms " + fresh + " 2 Me\r\ntt\r\n"));
            assertEquals("yy", value(c, fresh));
        }
    }

    @Test
    void appendKeepsFlagsAndTtlOfTheExistingItem() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("ms " + k + " 1 F3 T50\r\na\r\n");
            c.call("ms " + k + " 1 F9 T500 MA\r\nb\r\n");
            assertEquals("VA 2 f3 t50", c.call("mg " + k + " v f t\r\n"));
            assertEquals("ab", c.line());
        }
    }

    @Test
    void compareAndSwap() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            long cas = cas(c.call("ms " + k + " 2 c\r\nbo\r\n"));
            assertEquals("EX c0", c.call("ms " + k + " 2 c C" + (cas + 10) + "\r\nio\r\n"), "no CAS returned on failure");
            String ok = c.call("ms " + k + " 2 c C" + cas + "\r\nio\r\n");
            assertTrue(ok.matches("HD c\\d+"), ok);
            assertNotEquals(cas, cas(ok));
            assertEquals("EX", c.call("ms " + k + " 1 C0\r\nx\r\n"), "C0 is a CAS that never matches");
            assertEquals("NF c0", c.call("ms " + key() + " 1 C5 c\r\nx\r\n"));
            assertEquals("NS", c.call("ms " + key() + " 1 MA C5\r\nx\r\n"));
            assertEquals("EX", c.call("ms " + k + " 1 MA C5\r\nx\r\n"), "append checks a CAS too");
            assertEquals("HD", c.call("ms " + k + " 1 MA C" + cas(ok) + "\r\nx\r\n"));
            assertEquals("EX", c.call("ms " + k + " 1 MR C5\r\nx\r\n"), "replace with a CAS is a CAS");
            assertEquals("NS", c.call("ms " + k + " 1 ME C5\r\nx\r\n"), "add ignores the CAS");
            assertEquals("HD", c.call("ms " + key() + " 1 ME C5\r\nx\r\n"));
        }
    }

    @Test
    void returnFlagsInRequestOrder() throws IOException {
        try (TextClient c = client()) {
            String reply = c.call("ms YmFy 2 T50 c k O123 F5 b\r\nxx\r\n");
            assertTrue(reply.matches("HD c\\d+ kYmFy b O123"), reply);
            assertEquals("VA 2 kYmFy b f5 t50", c.call("mg bar k v f t\r\n"));
            assertEquals("xx", c.line());
            String k = key();
            assertEquals("NS O1 k" + k + " c0", c.call("ms " + k + " 1 O1 k c MR\r\nx\r\n"));
            assertEquals("HD", c.call("ms " + k + " 1 s v f t l h u N5 R5 P L\r\nx\r\n"), "other flags echo nothing");
        }
    }

    @Test
    void quietHidesOnlyStored() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.send("ms " + k + " 2 q\r\nmo\r\n");
            c.send("ms " + k + " 2 q ME\r\nmo\r\n");
            c.send("ms " + k + " 2 q C1\r\nmo\r\n");
            c.send("ms " + key() + " 2 q C1\r\nmo\r\n");
            c.send("ms " + k + " 2 q k O5\r\nmo\r\n");
            c.send("mn\r\n");
            assertEquals("NS", c.line());
            assertEquals("EX", c.line());
            assertEquals("NF", c.line());
            assertEquals("MN", c.line());
        }
    }

    @Test
    void errorsBeforeTheLengthIsKnownLeaveTheDataBlockToBeParsed() throws IOException {
        try (TextClient c = client()) {
            String bad = "CLIENT_ERROR bad command line format\r\nERROR\r\n";
            assertEquals(bad, c.send("ms foo abc\r\nxx\r\n").beforeMn());
            assertEquals(bad, c.send("ms foo -1\r\nxx\r\n").beforeMn());
            assertEquals(bad, c.send("ms foo\r\nxx\r\n").beforeMn());
            assertEquals(bad, c.send("ms " + "k".repeat(251) + " 2\r\nxx\r\n").beforeMn());
            assertEquals("CLIENT_ERROR bad command line format", c.call("ms foo 2147483646\r\n"));
            assertEquals("CLIENT_ERROR options flags too long\r\nERROR\r\n",
                    c.send("ms foo 2 s v c f t l h k O1 q u T1 N1 R1 P L I\r\nab\r\n").beforeMn());
            assertEquals("ERROR", c.call("ms\r\n"));
        }
    }

    @Test
    void laterErrorsSwallowTheDataBlock() throws IOException {
        try (TextClient c = client()) {
            String[][] cases = {
                {"ms foo 2 z\r\nxx\r\n", "CLIENT_ERROR invalid flag"},
                {"ms foo 2 T1 T1\r\nxx\r\n", "CLIENT_ERROR duplicate flag"},
                {"ms foo 2 Tx\r\nxx\r\n", "CLIENT_ERROR bad token in command line format"},
                {"ms foo 2 Cx\r\nxx\r\n", "CLIENT_ERROR bad token in command line format"},
                {"ms foo 2 Nx\r\nxx\r\n", "CLIENT_ERROR bad token in command line format"},
                {"ms foo 2 Rx\r\nxx\r\n", "CLIENT_ERROR bad token in command line format"},
                {"ms foo 2 Jx\r\nxx\r\n", "CLIENT_ERROR invalid numeric initial value"},
                {"ms foo 2 Dx\r\nxx\r\n", "CLIENT_ERROR invalid numeric delta value"},
                {"ms foo 2 Fabc\r\nxx\r\n", "CLIENT_ERROR bad command line format"},
                {"ms foo 2 F-1\r\nxx\r\n", "CLIENT_ERROR bad command line format"},
                {"ms foo 2 Fabc Tx\r\nxx\r\n", "CLIENT_ERROR bad token in command line format"},
                {"ms foo 2 Mxx\r\nxx\r\n", "CLIENT_ERROR incorrect length for M token"},
                {"ms foo 2 O" + "1".repeat(32) + "\r\nxx\r\n", "CLIENT_ERROR opaque token too long"},
                {"ms foo 2 MX O" + "1".repeat(32) + "\r\nxx\r\n", "CLIENT_ERROR invalid mode for ms M token"},
                {"ms bar 2 b\r\nxx\r\n", "CLIENT_ERROR error decoding key"},
                {"ms foo 2 S100\r\nxx\r\n", "CLIENT_ERROR invalid flag"},
                {"ms foo 2 q z\r\nxx\r\n", "CLIENT_ERROR invalid flag"},
            };
            for (String[] x : cases) {
                assertEquals(x[1] + "\r\n", c.send(x[0]).beforeMn(), x[0]);
            }
            assertEquals("EN", c.call("mg foo v\r\n"));
        }
    }

    @Test
    void badDataChunkIsAnErrorEvenWhenQuiet() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("CLIENT_ERROR bad data chunk\r\nERROR\r\n", c.send("ms " + k + " 2 q\r\nxxx\r\n").beforeMn());
            assertEquals("EN", c.call("mg " + k + " v\r\n"));
            assertEquals("HD\r\nCLIENT_ERROR bad data chunk\r\nERROR\r\nVA 3\r\nabc\r\n",
                    c.send("ms " + k + " 3\r\nabc\r\nms " + k + " 3\r\nabcd\r\nmg " + k + " v\r\n").beforeMn());
        }
    }

    @Test
    void tooLargeIsSwallowedAndRemovesTheOldValueInAnyMode() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("ms " + k + " 1\r\nx\r\n");
            String big = "x".repeat(1024 * 1024 + 1);
            assertEquals("SERVER_ERROR object too large for cache",
                    c.call("ms " + k + " " + big.length() + " ME q\r\n" + big + "\r\n"));
            assertEquals("EN", c.call("mg " + k + " v\r\n"));
        }
    }

    @Test
    void expiryAndFlags() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("HD", c.call("ms " + k + " 1 T-1\r\nx\r\n"));
            assertEquals("EN", c.call("mg " + k + " v\r\n"));
            assertEquals("HD", c.call("ms " + k + " 1 T0\r\nx\r\n"));
            assertEquals("HD t-1", c.call("mg " + k + " t\r\n"));
            assertEquals("HD", c.call("ms " + k + " 1 T2592000\r\nx\r\n"));
            assertEquals("HD t2592000", c.call("mg " + k + " t\r\n"));
            assertEquals("HD", c.call("ms " + k + " 1 T2592001\r\nx\r\n"), "a unix time in 1970: expired");
            assertEquals("EN", c.call("mg " + k + " t\r\n"));
            assertEquals("HD", c.call("ms " + k + " 1 F4294967296\r\nx\r\n"));
            assertEquals("HD f0", c.call("mg " + k + " f\r\n"));
            assertEquals("HD", c.call("ms " + k + " 1 F4294967295\r\nx\r\n"));
            assertEquals("HD f4294967295", c.call("mg " + k + " f\r\n"));
            assertEquals("HD", c.call("ms " + k + " 0\r\n\r\n"));
            assertEquals("VA 0 s0", c.call("mg " + k + " v s\r\n"));
            assertEquals("", c.line());
        }
    }

    @Test
    void dataBlockInPieces() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.send("ms " + k + " 10 ");
            c.send("T100\r\n01234");
            c.send("56789\r");
            assertEquals("HD", c.call("\n"));
            assertEquals("0123456789", value(c, k));
        }
    }

    @Test
    void binaryKeyModes() throws IOException {
        try (TextClient c = client()) {
            assertEquals("HD kYWI= b", c.call("ms YWI= 1 b k\r\na\r\n"));
            assertEquals("HD kYWI= b", c.call("ms YWI= 1 b k MA\r\nb\r\n"));
            // memcached builds the appended item without the binary-key mark
            assertEquals("VA 2 kab", c.call("mg YWI= b k v\r\n"));
            assertEquals("ab", c.line());
            assertEquals("NS kbmV3a2V5 b", c.call("ms bmV3a2V5 1 b k q MR\r\nx\r\n"));
        }
    }
}
