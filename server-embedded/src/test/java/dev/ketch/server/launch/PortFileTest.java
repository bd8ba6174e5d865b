package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ketch.server.transport.ListeningSocket;
import dev.ketch.server.transport.Transport;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code MEMCACHED_PORT_FILENAME}: the lines memcached writes and how it puts the file in place. */
class PortFileTest {

    @TempDir
    Path dir;

    private static final List<ListeningSocket> SOCKETS = List.of(
            new ListeningSocket(Transport.TCP, new InetSocketAddress("0.0.0.0", 11211)),
            new ListeningSocket(Transport.TCP, new InetSocketAddress("::", 11211)),
            new ListeningSocket(Transport.UDP, new InetSocketAddress("127.0.0.1", 11222)),
            new ListeningSocket(Transport.UDP, new InetSocketAddress("::1", 11222)));

    @Test
    void oneLinePerSocketByTransportAndFamily() {
        assertEquals("TCP INET: 11211\nTCP INET6: 11211\nUDP INET: 11222\nUDP INET6: 11222\n", PortFile.lines(SOCKETS));
        assertEquals("", PortFile.lines(List.of(new ListeningSocket(Transport.UNIX, UnixDomainSocketAddress.of("/tmp/s")))));
    }

    @Test
    void linesAreAppendedToTheLockFileWhichIsThenRenamed() throws Exception {
        Path ports = dir.resolve("ports");
        Files.writeString(Path.of(ports + ".lck"), "TCP INET: 1\n");
        assertEquals("", PortFile.write(ports, SOCKETS.subList(0, 1)));
        assertEquals("TCP INET: 1\nTCP INET: 11211\n", Files.readString(ports), "memcached opens the .lck file to append");
        assertFalse(Files.exists(Path.of(ports + ".lck")));
    }

    @Test
    void aFileThatCannotBeOpenedIsReported() {
        Path ports = dir.resolve("missing/ports");
        assertEquals("Failed to open \"" + ports + ".lck\": No such file or directory\n", PortFile.write(ports, SOCKETS));
    }
}
