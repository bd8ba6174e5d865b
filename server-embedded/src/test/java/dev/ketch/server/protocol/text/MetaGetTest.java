package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code mg} over real sockets. Expected bytes were taken from memcached 1.6.18
 * ({@code /usr/bin/memcached}) for the same input. The server clock is paused, so TTLs are exact.
 */
class MetaGetTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension(s -> s.debugTimeCommand = true);

    private static final AtomicInteger KEYS = new AtomicInteger();

    @BeforeAll
    static void prepare() throws IOException {
        MetaTestTarget.prepare(memcached);
    }

    private static String key() {
        return "g" + KEYS.incrementAndGet();
    }

    private static TextClient client() throws IOException {
        return MetaTestTarget.client(memcached);
    }

    @Test
    void hitWithoutAndWithValue() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 2\r\nhi\r\n");
            assertEquals("HD", c.call("mg " + k + "\r\n"));
            assertEquals("VA 2", c.call("mg " + k + " v\r\n"));
            assertEquals("hi", c.line());
            assertEquals("VA 2 s2", c.call("mg " + k + " s v\r\n"));
            assertEquals("hi", c.line());
        }
    }

    @Test
    void returnFlagsComeInRequestOrder() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("HD", c.call("ms " + k + " 2 T100 F5\r\nxy\r\n"));
            assertEquals("VA 2 k" + k + " f5 t100 s2", c.call("mg " + k + " k v f t s\r\n"));
            assertEquals("xy", c.line());
            String gets = c.send("gets " + k + "\r\n").line();
            c.untilEnd();
            String cas = gets.substring(gets.lastIndexOf(' ') + 1);
            assertEquals("HD s2 c" + cas + " f5", c.call("mg " + k + " s c f\r\n"));
        }
    }

    @Test
    void ttlBeforeAndAfterTouch() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("ms " + k + " 1 T100\r\nx\r\n");
            assertEquals("HD t100", c.call("mg " + k + " t T300\r\n"), "t before T: the TTL before");
            assertEquals("HD t300", c.call("mg " + k + " t\r\n"));
            assertEquals("HD t400", c.call("mg " + k + " T400 t\r\n"), "T before t: the new TTL");
            assertEquals("CLIENT_ERROR duplicate flag", c.call("mg " + k + " t T300 t\r\n"));
            assertEquals("HD t-1", c.call("mg " + k + " T0 t\r\n"));
            // T-1 expires the item; a t after it shows memcached's unsigned wrap-around
            assertTrue(c.call("mg " + k + " T-1 t\r\n").matches("HD t42949\\d{5}"));
            assertEquals("EN", c.call("mg " + k + " t\r\n"));
        }
    }

    @Test
    void hitBeforeLastAccessAndNoBump() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("ms " + k + " 3 T100\r\nhit\r\n");
            assertEquals("HD s3 t100 h0", c.call("mg " + k + " s t h\r\n"));
            assertEquals("HD s3 t100 h1", c.call("mg " + k + " s t h\r\n"));
            String u = key();
            c.call("ms " + u + " 3 T100\r\nhit\r\n");
            assertEquals("HD h0", c.call("mg " + u + " u h\r\n"));
            assertEquals("HD h0", c.call("mg " + u + " h\r\n"), "reads the state before its own bump");
            assertEquals("HD h1", c.call("mg " + u + " u h\r\n"));
            String l = key();
            c.call("ms " + l + " 2\r\nla\r\n");
            if (MetaTestTarget.external()) {
                return;
            }
            assertEquals("OK", c.call("debugtime 5\r\n"));
            assertEquals("HD l5", c.call("mg " + l + " l\r\n"));
        }
    }

    @Test
    void missEchoesOpaqueAndKeyUnlessQuiet() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("EN", c.call("mg " + k + " v\r\n"));
            assertEquals("EN k" + k + " Oab", c.call("mg " + k + " v k Oab s t\r\n"));
            assertEquals("MN", c.call("mg " + k + " v q k Oab\r\nmn\r\n"));
        }
    }

    @Test
    void quietNeverHidesAHit() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 2\r\nhi\r\n");
            assertEquals("HD", c.call("mg " + k + " q\r\n"));
            assertEquals("VA 2 s2", c.call("mg " + k + " s v q\r\n"));
            assertEquals("hi", c.line());
        }
    }

    @Test
    void opaqueUpTo32BytesWithItsFlag() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 1\r\nx\r\n");
            String ok = "O" + "1".repeat(31);
            assertEquals("HD " + ok, c.call("mg " + k + " " + ok + "\r\n"));
            String tooLong = "O" + "1".repeat(32);
            assertEquals("CLIENT_ERROR opaque token too long", c.call("mg " + k + " " + tooLong + "\r\n"));
            assertEquals("CLIENT_ERROR opaque token too long", c.call("mg " + key() + " " + tooLong + "\r\n"));
            assertEquals("CLIENT_ERROR opaque token too long", c.call("mg " + key() + " q " + tooLong + "\r\n"),
                    "errors are never quiet");
        }
    }

    @Test
    void flagsBeforeATooLongOpaqueHaveTakenEffect() throws IOException {
        try (TextClient c = client()) {
            String tooLong = "O" + "1".repeat(40);
            String a = key();
            assertEquals("CLIENT_ERROR opaque token too long", c.call("mg " + a + " c t N30 " + tooLong + "\r\n"));
            assertEquals("HD t30", c.call("mg " + a + " t\r\n"), "created, and N applied before the error");
            String b = key();
            assertEquals("CLIENT_ERROR opaque token too long", c.call("mg " + b + " " + tooLong + " c t N30\r\n"));
            assertEquals("HD t-1", c.call("mg " + b + " t\r\n"), "created, but the error came before N");
            String d = key();
            c.call("set " + d + " 0 0 1\r\nx\r\n");
            c.call("mg " + d + " T10 " + tooLong + "\r\n");
            assertEquals("HD t10", c.call("mg " + d + " t\r\n"));
        }
    }

    @Test
    void vivifyOnMissWinsOnceAndQuietDoesNotHideIt() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertTrue(c.call("mg " + k + " N30 s v t c\r\n").matches("VA 0 s0 t30 c\\d+ W"));
            assertEquals("", c.line());
            assertTrue(c.call("mg " + k + " N30 s v t c\r\n").matches("VA 0 s0 t30 c\\d+ Z"));
            assertEquals("", c.line());
            assertEquals("HD s0 t30 Z", c.call("mg " + k + " s N30 t q\r\n"));
            assertEquals("HD s0 t30 h1 l0 Z", c.call("mg " + k + " s N30 t q u h l\r\n"));
        }
    }

    @Test
    void recacheWinsWhenTtlIsBelowTheToken() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 100 1\r\nx\r\n");
            assertEquals("HD", c.call("mg " + k + " R30\r\n"));
            assertEquals("HD W", c.call("mg " + k + " R200\r\n"));
            assertEquals("HD Z", c.call("mg " + k + " R200\r\n"));
            assertEquals("HD Z", c.call("mg " + k + " N30\r\n"));
            String forever = key();
            c.call("set " + forever + " 0 0 1\r\nx\r\n");
            assertEquals("HD", c.call("mg " + forever + " R200\r\n"), "no win for an item that never expires");
            String order = key();
            c.call("set " + order + " 0 0 1\r\nx\r\n");
            assertEquals("HD W", c.call("mg " + order + " T100 R200\r\n"), "R sees the TTL set by T before it");
            String order2 = key();
            c.call("set " + order2 + " 0 0 1\r\nx\r\n");
            assertEquals("HD", c.call("mg " + order2 + " R300 T100\r\n"));
        }
    }

    @Test
    void proxyHintsAreIgnored() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 2\r\nxx\r\n");
            assertEquals("VA 2", c.call("mg " + k + " v P L\r\n"));
            assertEquals("xx", c.line());
            assertEquals("HD", c.call("mg " + k + " Pfoo/ Lbar\r\n"));
        }
    }

    @Test
    void flagsOfOtherMetaCommandsAreAcceptedAndIgnored() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 2\r\nxx\r\n");
            assertEquals("HD", c.call("mg " + k + " I F7 C1 MZ J5 D9\r\n"));
            assertEquals("EN", c.call("mg " + key() + " F4294967296 v\r\n"));
        }
    }

    @Test
    void binaryKeys() throws IOException {
        try (TextClient c = client()) {
            // "44OG44K544OI" is "tesuto" in katakana
            assertEquals("HD", c.call("ms 44OG44K544OI 2 b\r\npo\r\n"));
            assertEquals("EN", c.call("mg 44OG44K544OI v\r\n"));
            assertEquals("VA 2 k44OG44K544OI b", c.call("mg 44OG44K544OI b v k\r\n"));
            assertEquals("po", c.line());
            c.call("ms YmluYXJ5 1 b\r\nx\r\n");
            assertEquals("HD kYmluYXJ5 b", c.call("mg binary k\r\n"), "the item remembers its key was binary");
            c.call("set plain 0 0 1\r\nx\r\n");
            assertEquals("HD kplain", c.call("mg cGxhaW4= b k\r\n"));
            assertEquals("EN kAA== b", c.call("mg AA== b k v\r\n"));
            assertEquals("CLIENT_ERROR error decoding key", c.call("mg abc b k\r\n"));
        }
    }

    @Test
    void autovivifiedBinaryKeyIsNotMarkedBinary() throws IOException {
        try (TextClient c = client()) {
            assertEquals("VA 0 k\0\0\1 W", c.call("mg AAAB b k v N0\r\n"));
            assertEquals("", c.line());
            assertEquals("HD k\0\0\1 Z", c.call("mg AAAB b k\r\n"));
        }
    }

    @Test
    void commandLineErrors() throws IOException {
        try (TextClient c = client()) {
            String[][] cases = {
                {"mg\r\n", "ERROR"},
                {"mg " + "k".repeat(251) + " v\r\n", "CLIENT_ERROR bad command line format"},
                {"mg foo a b c d e f g h i j k l m n o p q r\r\n", "CLIENT_ERROR options flags are too long"},
                {"mg foo s v c f t l h k O1 q u T1 N1 R1 P L I F1\r\n", "CLIENT_ERROR options flags are too long"},
                {"mg foo m o o o o o o o o o\r\n", "CLIENT_ERROR invalid flag"},
                {"mg foo v v\r\n", "CLIENT_ERROR duplicate flag"},
                {"mg foo Oabc Odef\r\n", "CLIENT_ERROR duplicate flag"},
                {"mg foo \u0080\r\n", "CLIENT_ERROR duplicate flag"},
                {"mg foo \u007f\r\n", "CLIENT_ERROR duplicate flag"},
                {"mg foo Fx\r\n", "CLIENT_ERROR bad command line format"},
                {"mg foo Fx Tx\r\n", "CLIENT_ERROR bad token in command line format"},
                {"mg foo T\r\n", "CLIENT_ERROR bad token in command line format"},
                {"mg foo T5x\r\n", "CLIENT_ERROR bad token in command line format"},
                {"mg foo N\r\n", "CLIENT_ERROR bad token in command line format"},
                {"mg foo Rx\r\n", "CLIENT_ERROR bad token in command line format"},
                {"mg foo C-1\r\n", "CLIENT_ERROR bad token in command line format"},
                {"mg foo C18446744073709551616\r\n", "CLIENT_ERROR bad token in command line format"},
                {"mg foo Jx\r\n", "CLIENT_ERROR invalid numeric initial value"},
                {"mg foo Dx\r\n", "CLIENT_ERROR invalid numeric delta value"},
                {"mg foo Tx Mxy\r\n", "CLIENT_ERROR incorrect length for M token"},
                {"mg foo Mxy Tx\r\n", "CLIENT_ERROR bad token in command line format"},
                {"mg foo Tx zz\r\n", "CLIENT_ERROR invalid flag"},
                {"mg foo Tx b\r\n", "CLIENT_ERROR error decoding key"},
                {"mgg foo\r\n", "ERROR"},
                {"mz foo\r\n", "ERROR"},
            };
            for (String[] x : cases) {
                assertEquals(x[1], c.call(x[0]), x[0]);
            }
            assertEquals("EN", c.call("mg foo T+5 t\r\n"));
            assertEquals("EN", c.call("mg foo T\t5 t\r\n"));
        }
    }

    @Test
    void largeChunkedValue() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            String value = "v".repeat(600_000);
            assertEquals("HD", c.call("ms " + k + " 600000\r\n" + value + "\r\n"));
            assertEquals("VA 600000 s600000 k" + k, c.call("mg " + k + " s v k\r\n"));
            assertEquals(value, new String(c.bytes(600_000), java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals("", c.line());
        }
    }
}
