package dev.ketch.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.ServerStartException;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.testing.UnixSocketClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -s} and {@code -a}: the unix domain socket as memcached 1.6.18 creates and reports it. */
class UnixSocketTest {

    @TempDir
    Path dir;

    private MemcachedServer start(Path socket, Consumer<ServerSettings> configure) {
        ServerSettings s = new ServerSettings();
        s.socketPath = socket.toString();
        s.numThreads = 2;
        configure.accept(s);
        return MemcachedServer.start(s);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static boolean isSocket(Path p) throws IOException {
        return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000) == 0140000;
    }

    @Test
    void servesTheTextProtocolAndRemovesTheSocketOnClose() throws IOException {
        Path socket = dir.resolve("mc.sock");
        try (MemcachedServer server = start(socket, s -> { })) {
            assertTrue(isSocket(socket));
            assertEquals("rwx------", mode(socket), "memcached's default -a 0700");
            try (UnixSocketClient c = new UnixSocketClient(socket)) {
                assertEquals("STORED", c.call("set foo 0 0 6\r\nfooval\r\n"));
                assertEquals("VALUE foo 0 6\r\nfooval\r\nEND\r\n", c.send("get foo\r\n").untilEnd());
                assertTrue(c.send("quit\r\n").closedByServer());
            }
        }
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theSocketGetsTheAccessMaskWhateverTheUmask() throws IOException {
        for (int mask : new int[] {0777, 0600, 0750, 01777}) {
            Path socket = dir.resolve("mask" + Integer.toOctalString(mask) + ".sock");
            try (MemcachedServer server = start(socket, s -> s.access = mask)) {
                assertEquals(PosixFilePermissions.toString(UnixSocketFile.permissions(mask & 0777)), mode(socket));
                try (UnixSocketClient c = new UnixSocketClient(socket)) {
                    assertTrue(c.call("version\r\n").startsWith("VERSION "));
                }
            }
        }
    }

    @Test
    void aStaleSocketFileIsReplacedAnyOtherFileIsNot() throws IOException {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(isSocket(socket), "a socket file left behind");
        try (MemcachedServer server = start(socket, s -> { }); UnixSocketClient c = new UnixSocketClient(socket)) {
            assertTrue(c.call("version\r\n").startsWith("VERSION "));
        }
        Path regular = dir.resolve("regular");
        Files.writeString(regular, "keep me");
        ServerStartException e = assertThrows(ServerStartException.class, () -> start(regular, s -> { }));
        assertEquals("bind(): Address already in use\nfailed to listen on UNIX socket: " + regular + ": Invalid argument",
                e.getMessage());
        assertEquals(71, e.exitStatus());
        assertEquals("keep me", Files.readString(regular));
        ServerStartException noDir = assertThrows(ServerStartException.class,
                () -> start(dir.resolve("missing/x.sock"), s -> { }));
        assertTrue(noDir.getMessage().startsWith("bind(): No such file or directory\n"), noDir.getMessage());
    }

    @Test
    void aUnixSocketReplacesTcpAndUdp() throws IOException {
        Path socket = dir.resolve("only.sock");
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int tcpPort = port;
        try (MemcachedServer server = start(socket, s -> {
            s.port = tcpPort;
            s.udpPort = tcpPort;
            s.listenAddresses.add("127.0.0.1");
        })) {
            assertEquals(0, server.port());
            assertEquals(0, server.udpPort());
            assertEquals(List.of(new ListeningSocket(Transport.UNIX, server.listeningSockets().get(0).address())),
                    server.listeningSockets());
            assertEquals(socket.toString(), SocketAddresses.unixPath(server.listeningSockets().get(0).address()));
            assertThrows(IOException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", tcpPort), 500));
        }
    }

    @Test
    void statsConnsNamesTheSocketFile() throws IOException {
        Path socket = dir.resolve("conns.sock");
        try (MemcachedServer server = start(socket, s -> { });
                UnixSocketClient a = new UnixSocketClient(socket);
                UnixSocketClient b = new UnixSocketClient(socket)) {
            a.send("set foo 0 0 6\r\n");
            String reading = "STAT 16:addr ?:<AF 0>\r\nSTAT 16:listen_addr unix:" + socket + "\r\nSTAT 16:state conn_nread\r\n";
            // the server reads the partial set in its own time: asked again until it shows (a loaded
            // machine may take a while)
            long deadline = System.nanoTime() + 10_000_000_000L;
            String conns;
            do {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
                conns = b.send("stats conns\r\n").untilEnd();
            } while (!conns.contains(reading) && System.nanoTime() < deadline);
            assertEquals("STAT 15:addr unix:" + socket + "\r\n"
                    + "STAT 15:state conn_listening\r\n"
                    + "STAT 15:secs_since_last_cmd ", conns.substring(0, conns.indexOf("STAT 15:secs_since_last_cmd ") + 28));
            assertTrue(conns.contains(reading), conns);
            assertTrue(conns.contains("STAT 17:addr ?:<AF 0>\r\nSTAT 17:listen_addr unix:" + socket
                    + "\r\nSTAT 17:state conn_parse_cmd\r\n"), conns);
            String settings = b.send("stats settings\r\n").untilEnd();
            assertTrue(settings.contains("STAT domain_socket " + socket + "\r\nSTAT umask 700\r\n"), settings);
        }
    }

    @Test
    void idleUnixClientsAreNotKicked() throws Exception {
        Path socket = dir.resolve("idle.sock");
        try (MemcachedServer server = start(socket, s -> s.idleTimeout = 1);
                UnixSocketClient idle = new UnixSocketClient(socket)) {
            assertTrue(idle.call("version\r\n").startsWith("VERSION "));
            Thread.sleep(3500);
            assertTrue(idle.call("version\r\n").startsWith("VERSION "), "memcached only kicks TCP clients");
            assertTrue(idle.send("stats\r\n").untilEnd().contains("STAT idle_kicks 0\r\n"));
        }
    }
}
