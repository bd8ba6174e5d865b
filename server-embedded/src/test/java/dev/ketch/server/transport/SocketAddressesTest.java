package dev.ketch.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

/** {@code stats conns} address text, as glibc's {@code inet_ntop} writes it. */
class SocketAddressesTest {

    private static String ntop(String address) throws Exception {
        return SocketAddresses.ntop6(InetAddress.getByName(address).getAddress());
    }

    @Test
    void ipv6Text() throws Exception {
        assertEquals("::", ntop("::"));
        assertEquals("::1", ntop("::1"));
        assertEquals("fe80::1", ntop("fe80:0:0:0:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", ntop("2001:db8:0:0:1:0:0:1"));
        assertEquals("1:0:2:0:3:0:4:0", ntop("1:0:2:0:3:0:4:0"));
        assertEquals("::1.2.3.4", ntop("::0102:0304"));
    }

    @Test
    void socketAddresses() throws Exception {
        assertEquals("tcp:127.0.0.1:11211", SocketAddresses.format(new InetSocketAddress("127.0.0.1", 11211)));
        assertEquals("tcp6:[::1]:11211", SocketAddresses.format(new InetSocketAddress("::1", 11211)));
        assertEquals("tcp:0.0.0.0:5", SocketAddresses.format(new InetSocketAddress("0.0.0.0", 5)));
    }

    @Test
    void udpUnixAndMissingAddresses() throws Exception {
        assertEquals("udp:127.0.0.1:11211", SocketAddresses.format(new InetSocketAddress("127.0.0.1", 11211), Transport.UDP));
        assertEquals("udp6:[::1]:11211", SocketAddresses.format(new InetSocketAddress("::1", 11211), Transport.UDP));
        assertEquals("udp:10.1.2.3:9", SocketAddresses.format(new InetSocketAddress("::ffff:10.1.2.3", 9), Transport.UDP),
                "an IPv4 sender on a dual-stack socket");
        assertEquals("unix:/tmp/mc.sock", SocketAddresses.format(new DomainSocketAddress("/tmp/mc.sock"), Transport.UNIX));
        assertEquals("unix:/tmp/mc.sock", SocketAddresses.format(UnixDomainSocketAddress.of("/tmp/mc.sock"), Transport.UNIX));
        assertEquals("unix:<AF 1>", SocketAddresses.format(new DomainSocketAddress("x"), Transport.UNIX),
                "memcached replaces text shorter than two characters");
        assertEquals("?:<AF 0>", SocketAddresses.format(null, Transport.UNIX), "a unix socket client has no address");
    }
}
