package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The invalidation and recache flows of memcached's protocol.txt: serve-stale with {@code md I},
 * stale sets with {@code ms I}, lease-like wins with {@code N} and {@code R}. Expected bytes were
 * taken from memcached 1.6.18 ({@code /usr/bin/memcached}) for the same input.
 */
class MetaStaleFlowTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension(s -> s.debugTimeCommand = true);

    private static final Pattern CAS = Pattern.compile(" c(\\d+)");

    @BeforeAll
    static void prepare() throws IOException {
        MetaTestTarget.prepare(memcached);
    }

    private static TextClient client() throws IOException {
        return MetaTestTarget.client(memcached);
    }

    private static long cas(String reply) {
        Matcher m = CAS.matcher(reply);
        assertTrue(m.find(), reply);
        return Long.parseLong(m.group(1));
    }

    @Test
    void serveStaleWhileOneClientRecaches() throws IOException {
        try (TextClient c = client(); TextClient other = client()) {
            c.call("set toinv 0 0 3\r\nmoo\r\n");
            assertEquals("VA 3 s3", c.call("mg toinv s v\r\n"));
            c.line();
            assertEquals("HD", c.call("md toinv I T30\r\n"));

            String winner = c.call("mg toinv s t c v\r\n");
            assertTrue(winner.matches("VA 3 s3 t30 c\\d+ X W"), winner);
            assertEquals("moo", c.line());
            String loser = other.call("mg toinv s t c v\r\n");
            assertTrue(loser.matches("VA 3 s3 t30 c\\d+ Z X"), loser);
            assertEquals("moo", other.line());

            assertEquals("EX", other.call("ms toinv 1 T90 C0\r\nf\r\n"), "a low CAS without I fails");
            assertEquals("HD", other.call("ms toinv 1 I T90 C1\r\nf\r\n"), "with I it is stored, as stale");
            String stale = c.call("mg toinv s t c v\r\n");
            assertTrue(stale.matches("VA 1 s1 t30 c\\d+ Z X"), stale + ": still stale, token and TTL kept");
            assertEquals("f", c.line());

            assertEquals("HD", c.call("ms toinv 1 T90 C" + cas(stale) + "\r\ng\r\n"));
            String fresh = c.call("mg toinv s t c v\r\n");
            assertTrue(fresh.matches("VA 1 s1 t90 c\\d+"), fresh);
            assertNotEquals(cas(stale), cas(fresh));
            assertEquals("g", c.line());
        }
    }

    @Test
    void staleSetNeedsALowerCasAndCasMode() throws IOException {
        try (TextClient c = client()) {
            c.call("set st 0 0 1\r\na\r\n");
            assertEquals("HD", c.call("md st I\r\n"));
            long cas = cas(c.call("mg st c\r\n"));
            assertEquals("EX c0", c.call("ms st 1 I C" + (cas + 100) + " c\r\nz\r\n"), "higher CAS: no");
            String lower = c.call("ms st 1 I C" + (cas - 1) + " c MR\r\nq\r\n");
            assertTrue(lower.matches("HD c\\d+"), "replace with a CAS is a CAS, so I applies: " + lower);
            assertEquals("EX c0", c.call("ms st 1 I C1 c MA\r\nq\r\n"), "append has no stale mode");
            assertEquals("NS c0", c.call("ms st 1 I C1 c ME\r\nq\r\n"));
            assertTrue(c.call("mg st v\r\n").matches("VA 1 Z X"));
            assertEquals("q", c.line());
            assertTrue(c.call("ms st 1 I c\r\nn\r\n").matches("HD c\\d+"), "I without C is a plain set");
            assertEquals("VA 1", c.call("mg st v\r\n"));
            assertEquals("n", c.line());
        }
    }

    @Test
    void dogpileProtectionWithAutovivify() throws IOException {
        try (TextClient c = client(); TextClient other = client()) {
            String won = c.call("mg needwin s c v N30 t\r\n");
            assertTrue(won.matches("VA 0 s0 c\\d+ t30 W"), won);
            c.line();
            String lost = other.call("mg needwin s t c v N30\r\n");
            assertTrue(lost.matches("VA 0 s0 t30 c\\d+ Z"), lost);
            other.line();
            assertEquals("EX", other.call("ms needwin 2 C5000 T120\r\nnu\r\n"));
            assertEquals("HD", c.call("ms needwin 2 C" + cas(won) + " T120\r\nmu\r\n"));
            String after = other.call("mg needwin s k t c v N30\r\n");
            assertTrue(after.matches("VA 2 s2 kneedwin t120 c\\d+"), after);
            assertEquals("mu", other.line());
        }
    }

    @Test
    void recacheBeforeExpiry() throws IOException {
        try (TextClient c = client()) {
            c.call("ms early 2 T120\r\nmu\r\n");
            String won = c.call("mg early s t c v N30 R130\r\n");
            assertTrue(won.matches("VA 2 s2 t120 c\\d+ W"), won);
            c.line();
            assertTrue(c.call("mg early s t c v N30 R130\r\n").matches("VA 2 s2 t120 c\\d+ Z"));
            c.line();
            assertEquals("HD", c.call("ms early 4 C" + cas(won) + " T300\r\nzuuu\r\n"));
            assertTrue(c.call("mg early s t c v N30 R130\r\n").matches("VA 4 s4 t300 c\\d+"));
            assertEquals("zuuu", c.line());
        }
    }
}
