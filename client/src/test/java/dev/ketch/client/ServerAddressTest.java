package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The server forms and the host string each gives (the string ketama hashes). */
class ServerAddressTest {

    @Test
    void hostPortWeight() {
        assertEquals(new ServerAddress("cache1", 11211, 1), ServerAddress.parse("cache1"));
        assertEquals(new ServerAddress("cache1", 11212, 1), ServerAddress.parse("cache1:11212"));
        assertEquals(new ServerAddress("10.0.0.1", 11211, 3), ServerAddress.parse("10.0.0.1:11211:3"));
        assertEquals("10.0.0.1:11211", ServerAddress.parse("10.0.0.1:11211:3").toString());
    }

    @Test
    void bracketedIpv6LosesItsBracketsAsInPylibmcAndOmcache() {
        ServerAddress v6 = ServerAddress.parse("[::1]:11212:2");
        assertEquals(new ServerAddress("::1", 11212, 2), v6);
        assertEquals("[::1]:11212", v6.toString());
        assertEquals("::1", v6.connectHost());
        assertEquals(new ServerAddress("fe80::1", 11211, 1), ServerAddress.parse("[fe80::1]"));
    }

    /** libmemcached's memcached_servers_parse keeps the brackets: the constructor can say so. */
    @Test
    void bracketsKeptInTheHostAreHashedButNotConnectedTo() {
        ServerAddress c = new ServerAddress("[::1]", 11211);
        assertEquals("[::1]", c.host());
        assertEquals("::1", c.connectHost());
        assertEquals("[::1]:11211", c.toString());
    }

    @Test
    void socketAddressesKeepTheHostStringTheyWereCreatedWith() throws Exception {
        assertEquals(new ServerAddress("cache1.example.com", 11211, 1),
                ServerAddress.of(InetSocketAddress.createUnresolved("cache1.example.com", 11211)));
        InetAddress named = InetAddress.getByAddress("cache9", new byte[] {10, 0, 0, 9});
        assertEquals("cache9", ServerAddress.of(new InetSocketAddress(named, 11300), 4).host());
        InetAddress unnamed = InetAddress.getByAddress(new byte[] {10, 0, 0, 9});
        assertEquals(new ServerAddress("10.0.0.9", 11300, 4), ServerAddress.of(new InetSocketAddress(unnamed, 11300), 4));
        InetAddress v6 = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        assertEquals("0:0:0:0:0:0:0:1", ServerAddress.of(new InetSocketAddress(v6, 11211)).host());
    }

    @Test
    void malformed() {
        for (String bad : new String[] {"", "::1", "cache1:", "cache1:x", "cache1:11211:x", "cache1:1:2:3", "[::1",
                "[::1]11211", "cache1:0", "cache1:70000", "cache1:11211:0", "[]:11211"}) {
            assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new ServerAddress("[::1", 11211));
        assertThrows(IllegalArgumentException.class, () -> new ServerAddress("a b", 11211));
    }
}
