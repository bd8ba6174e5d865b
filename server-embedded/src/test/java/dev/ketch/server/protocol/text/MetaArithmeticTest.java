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
 * {@code ma} over real sockets. Expected bytes were taken from memcached 1.6.18
 * ({@code /usr/bin/memcached}) for the same input. The server clock is paused, so TTLs are exact.
 */
class MetaArithmeticTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension(s -> s.debugTimeCommand = true);

    private static final AtomicInteger KEYS = new AtomicInteger();

    @BeforeAll
    static void prepare() throws IOException {
        MetaTestTarget.prepare(memcached);
    }

    private static String key() {
        return "a" + KEYS.incrementAndGet();
    }

    private static TextClient client() throws IOException {
        return MetaTestTarget.client(memcached);
    }

    /** A VA reply's header and number, joined by "/". */
    private static String va(TextClient c, String request) throws IOException {
        String head = c.call(request);
        return head.startsWith("VA ") ? head + "/" + c.line() : head;
    }

    @Test
    void incrementDecrementAndModes() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("NF", c.call("ma " + k + "\r\n"));
            assertEquals("NF", c.call("ma " + k + " D1\r\n"));
            c.call("set " + k + " 0 0 1\r\n1\r\n");
            assertEquals("HD", c.call("ma " + k + "\r\n"));
            assertEquals("VA 1/3", va(c, "ma " + k + " v\r\n"));
            assertEquals("VA 1/2", va(c, "ma " + k + " v MD\r\n"));
            assertEquals("VA 1/1", va(c, "ma " + k + " v M-\r\n"));
            assertEquals("VA 1/2", va(c, "ma " + k + " v M+\r\n"));
            assertEquals("VA 1/3", va(c, "ma " + k + " v MI\r\n"));
            assertEquals("VA 2/33", va(c, "ma " + k + " v D30\r\n"));
            assertEquals("VA 1/0", va(c, "ma " + k + " v MD D9000\r\n"));
            assertEquals("VA 20/18446744073709551615", va(c, "ma " + k + " v D18446744073709551615\r\n"));
            assertEquals("VA 1/0", va(c, "ma " + k + " v\r\n"), "incr wraps around");
            assertEquals("CLIENT_ERROR invalid mode for ma M token", c.call("ma " + k + " Mx\r\n"));
            assertEquals("CLIENT_ERROR invalid or duplicate flag", c.call("ma " + k + " Mxy\r\n"));
            assertEquals("CLIENT_ERROR invalid or duplicate flag", c.call("ma " + k + " Dabc\r\n"));
            assertEquals("CLIENT_ERROR invalid or duplicate flag", c.call("ma " + k + " D-1\r\n"));
        }
    }

    @Test
    void autovivifyWithInitialValue() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("HD", c.call("ma " + k + " N90\r\n"));
            assertEquals("VA 1 s1 t90", c.call("mg " + k + " s t v\r\n"));
            assertEquals("0", c.line());
            String i = key();
            assertEquals("VA 2/13", va(c, "ma " + i + " N0 J13 v\r\n"));
            assertEquals("VA 2/14", va(c, "ma " + i + " N0 J13 v\r\n"));
            assertEquals("VA 2/22", va(c, "ma " + i + " N0 J13 v D8\r\n"));
            assertTrue(va(c, "ma " + key() + " t N30 J7 v c\r\n").matches("VA 1 t-1 c\\d+/7"), "t before N");
            assertTrue(va(c, "ma " + key() + " N30 t J7 v c\r\n").matches("VA 1 t30 c\\d+/7"), "t after N");
        }
    }

    @Test
    void quietHidesOnlyAnUpdate() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("NF", c.call("ma " + k + " q\r\n"));
            assertEquals("HD", c.call("ma " + k + " q N0\r\n"), "creating is not hidden");
            assertEquals("MN", c.call("ma " + k + " q\r\nma " + k + " q v\r\nmn\r\n"));
            assertEquals("EX", c.call("ma " + k + " q C1\r\n"));
            assertEquals("VA 1/3", va(c, "ma " + k + " v\r\n"));
        }
    }

    @Test
    void compareCas() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            String first = c.call("ma " + k + " N0 c v\r\n");
            c.line();
            String cas = first.substring(first.indexOf(" c") + 2);
            assertEquals("EX", c.call("ma " + k + " N0 C99999 v\r\n"));
            String next = c.call("ma " + k + " N0 C" + cas + " c v\r\n");
            assertEquals("1", c.line());
            assertNotEquals(first.substring(first.indexOf(" c")), next.substring(next.indexOf(" c")));
            assertEquals("VA 1/2", va(c, "ma " + k + " C0 v\r\n"), "C0 means no CAS check");
        }
    }

    @Test
    void ttlFlagsInRequestOrder() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 100 2\r\n10\r\n");
            assertEquals("VA 1 t100/9", va(c, "ma " + k + " t T500 MD v\r\n"), "t before T: the TTL before");
            assertEquals("VA 1 t500/8", va(c, "ma " + k + " MD t v\r\n"));
        }
    }

    @Test
    void ttlReachesTheItemOnlyWhenUpdatedInPlace() throws IOException {
        try (TextClient c = client()) {
            String grow = key();
            c.call("set " + grow + " 0 100 1\r\n9\r\n");
            assertEquals("VA 2 t500/10", va(c, "ma " + grow + " T500 t v\r\n"));
            assertEquals("VA 2 t100/11", va(c, "ma " + grow + " t v\r\n"), "memcached 1.6.18 lost the T");
            String shrink = key();
            c.call("set " + shrink + " 0 100 2\r\n10\r\n");
            assertEquals("VA 1 t500/9", va(c, "ma " + shrink + " T500 MD t v\r\n"));
            assertEquals("VA 2 t500/10", va(c, "ma " + shrink + " t v\r\n"));
            assertEquals("VA 2", c.call("mg " + shrink + " v\r\n"));
            assertEquals("10", c.line());
        }
    }

    @Test
    void nonNumericAndEmptyValues() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 2\r\nab\r\n");
            assertEquals("CLIENT_ERROR cannot increment or decrement non-numeric value", c.call("ma " + k + "\r\n"));
            assertEquals("CLIENT_ERROR cannot increment or decrement non-numeric value", c.call("ma " + k + " q\r\n"));
            c.call("set " + k + " 0 0 0\r\n\r\n");
            assertEquals("CLIENT_ERROR cannot increment or decrement non-numeric value", c.call("ma " + k + "\r\n"));
        }
    }

    @Test
    void echoesAndOpaqueErrorsAfterTheUpdate() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("NF k" + k + " O1", c.call("ma " + k + " k O1\r\n"));
            String tooLong = "O" + "1".repeat(32);
            assertEquals("CLIENT_ERROR opaque token too long", c.call("ma " + k + " " + tooLong + "\r\n"));
            assertEquals("CLIENT_ERROR opaque token too long", c.call("ma " + k + " " + tooLong + " N0\r\n"));
            assertEquals("VA 1", c.call("mg " + k + " v\r\n"), "the item was created before the error");
            assertEquals("0", c.line());
            assertEquals("CLIENT_ERROR opaque token too long", c.call("ma " + k + " " + tooLong + "\r\n"));
            assertEquals("VA 1", c.call("mg " + k + " v\r\n"), "and incremented");
            assertEquals("1", c.line());
            assertEquals("VA 1 k" + base64(k) + " b/2", va(c, "ma " + base64(k) + " b k v\r\n"));
        }
    }

    private static String base64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void errors() throws IOException {
        try (TextClient c = client()) {
            assertEquals("ERROR", c.call("ma\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("ma " + "k".repeat(251) + "\r\n"));
            assertEquals("CLIENT_ERROR options flags too long",
                    c.call("ma foo s v c f t l h k O1 q u T1 N1 R1 P L I F1\r\n"));
            assertEquals("CLIENT_ERROR invalid or duplicate flag", c.call("ma foo v t c k O1 T100 t\r\n"));
            assertEquals("CLIENT_ERROR invalid or duplicate flag", c.call("ma foo N0 J5 b\r\n"));
        }
    }
}
