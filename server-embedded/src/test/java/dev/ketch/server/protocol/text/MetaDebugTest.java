package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code me} over real sockets. Expected bytes were taken from memcached 1.6.18
 * ({@code /usr/bin/memcached}) for the same input. The server clock is paused, so times are exact.
 */
class MetaDebugTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension(s -> s.debugTimeCommand = true);

    @BeforeAll
    static void prepare() throws IOException {
        MetaTestTarget.prepare(memcached);
    }

    private static TextClient client() throws IOException {
        return MetaTestTarget.client(memcached);
    }

    @Test
    void missAndHit() throws IOException {
        try (TextClient c = client()) {
            assertEquals("EN", c.call("me none\r\n"));
            c.call("set foo 0 100 2\r\nhi\r\n");
            // exp is memcached's current_time - exptime: the remaining TTL, negated
            assertTrue(c.call("me foo\r\n").matches("ME foo exp=-100 la=0 cas=\\d+ fetch=no cls=1 size=64"));
            assertTrue(c.call("me foo\r\n").endsWith("fetch=no cls=1 size=64"), "me does not bump");
            c.send("get foo\r\n").untilEnd();
            assertTrue(c.call("me foo\r\n").endsWith("fetch=yes cls=1 size=64"));
            c.call("set forever 0 0 10\r\n0123456789\r\n");
            assertTrue(c.call("me forever\r\n").matches("ME forever exp=-1 la=0 cas=\\d+ fetch=no cls=1 size=76"));
        }
    }

    @Test
    void lastAccessAndExpiry() throws IOException {
        MetaTestTarget.assumeClockControl();
        try (TextClient c = client()) {
            c.call("set aged 0 100 1\r\nx\r\n");
            c.call("debugtime 7\r\n");
            assertTrue(c.call("me aged\r\n").matches("ME aged exp=-93 la=7 cas=\\d+ fetch=no cls=1 size=\\d+"));
        }
    }

    @Test
    void binaryKeys() throws IOException {
        try (TextClient c = client()) {
            c.call("set bar 0 0 1\r\nx\r\n");
            assertTrue(c.call("me YmFy b\r\n").startsWith("ME bar exp=-1 "), "decoded, shown as stored");
            assertEquals("EN", c.call("me YmFy\r\n"));
            assertEquals("EN", c.call("me YmFy x b\r\n"), "b must be the first flag");
            c.call("ms AAAA 1 b\r\nx\r\n");
            assertTrue(c.call("me AAAA b\r\n").startsWith("ME AAAA exp=-1 "), "a binary key is shown base64, no b");
            assertEquals("CLIENT_ERROR bad command line format", c.call("me bar b\r\n"));
        }
    }

    @Test
    void errors() throws IOException {
        try (TextClient c = client()) {
            assertEquals("CLIENT_ERROR bad command line format", c.call("me\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("me " + "k".repeat(251) + "\r\n"));
        }
    }
}
