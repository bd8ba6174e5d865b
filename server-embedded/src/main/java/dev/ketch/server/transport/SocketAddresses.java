package dev.ketch.server.transport;

import io.netty.channel.unix.DomainSocketAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * Formats socket addresses as memcached's {@code stats conns} does ({@code get_conn_text}):
 * {@code tcp:127.0.0.1:11211}, {@code udp6:[::1]:11211}, {@code unix:/tmp/memcached.sock}, with
 * IPv6 written the way glibc's {@code inet_ntop} writes it (longest zero run compressed,
 * IPv4-mapped tails dotted). An address memcached does not have (a unix socket client's peer)
 * prints as {@code ?:<AF 0>}.
 */
final class SocketAddresses {

    private SocketAddresses() {
    }

    /** A TCP address. */
    static String format(SocketAddress address) {
        return format(address, Transport.TCP);
    }

    static String format(SocketAddress address, Transport transport) {
        if (address instanceof InetSocketAddress inet) {
            return formatInet(inet, transport == Transport.UDP);
        }
        String path = unixPath(address);
        if (path != null) {
            // memcached replaces text shorter than two characters by the address family
            return "unix:" + (path.length() < 2 ? "<AF 1>" : path);
        }
        return "?:<AF 0>";
    }

    private static String formatInet(InetSocketAddress inet, boolean udp) {
        InetAddress ip = inet.getAddress();
        String text;
        String proto;
        if (ip instanceof Inet6Address && isIpv4Mapped(ip.getAddress())) {
            // a dual-stack socket's IPv4 peer: memcached's separate IPv4 socket shows it as tcp/udp
            byte[] a = ip.getAddress();
            text = (a[12] & 0xff) + "." + (a[13] & 0xff) + "." + (a[14] & 0xff) + "." + (a[15] & 0xff);
            proto = udp ? "udp" : "tcp";
        } else if (ip instanceof Inet6Address) {
            text = "[" + ntop6(ip.getAddress()) + "]";
            proto = udp ? "udp6" : "tcp6";
        } else if (ip instanceof Inet4Address) {
            text = ip.getHostAddress();
            proto = udp ? "udp" : "tcp";
        } else {
            return "?:<AF 0>";
        }
        int port = inet.getPort();
        return port != 0 ? proto + ":" + text + ":" + port : proto + ":" + text;
    }

    /**
     * A peer's address as memcached's logger writes it ({@code rip=}): {@code inet_ntop}'s text,
     * an IPv4 peer of a dual-stack socket as plain IPv4, {@code unix} without an IP address.
     */
    static String remoteIp(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            byte[] a = inet.getAddress().getAddress();
            if (a.length == 4) {
                return inet.getAddress().getHostAddress();
            }
            if (isIpv4Mapped(a)) {
                return (a[12] & 0xff) + "." + (a[13] & 0xff) + "." + (a[14] & 0xff) + "." + (a[15] & 0xff);
            }
            return ntop6(a);
        }
        return "unix";
    }

    /** A peer's port ({@code rport=}), 0 without an IP address. */
    static int remotePort(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    /** The path of a unix domain socket address (Netty's native one or the JDK's), else null. */
    static String unixPath(SocketAddress address) {
        if (address instanceof DomainSocketAddress d) {
            return d.path();
        }
        if (address instanceof UnixDomainSocketAddress u) {
            return u.getPath().toString();
        }
        return null;
    }

    private static boolean isIpv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    /** glibc's {@code inet_ntop(AF_INET6, ...)}. */
    static String ntop6(byte[] a) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.')
                        .append(a[14] & 0xff).append('.').append(a[15] & 0xff);
                break;
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
