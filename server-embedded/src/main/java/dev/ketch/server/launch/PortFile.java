package dev.ketch.server.launch;

import dev.ketch.server.transport.ListeningSocket;
import dev.ketch.server.transport.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code MEMCACHED_PORT_FILENAME}: when this environment variable names a file, memcached lists the
 * ports it listens on there, one line per TCP and UDP socket ({@code TCP INET: 11211},
 * {@code UDP INET6: 11211}), so that a test can start it on free ports and find them. It appends
 * the lines to {@code <file>.lck} and renames that to {@code <file>} once every socket is open,
 * so the file appears complete. With {@code -s} it writes nothing. A file that cannot be opened is
 * reported and otherwise ignored.
 */
public final class PortFile {

    /** The environment variable memcached reads. */
    public static final String ENVIRONMENT_VARIABLE = "MEMCACHED_PORT_FILENAME";

    private PortFile() {
    }

    /** Writes {@code sockets}' ports to {@code path}; returns what to print to stderr (possibly empty). */
    public static String write(Path path, List<ListeningSocket> sockets) {
        Path lock = Path.of(path + ".lck");
        try (OutputStream out = Files.newOutputStream(lock, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            out.write(lines(sockets).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return "Failed to open \"" + lock + "\": " + strerror(e) + "\n";
        }
        try {
            Files.move(lock, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // memcached does not check rename()
        }
        return "";
    }

    /** The file's lines for {@code sockets}: the TCP and UDP ones, by address family. */
    static String lines(List<ListeningSocket> sockets) {
        StringBuilder sb = new StringBuilder();
        for (ListeningSocket s : sockets) {
            if (s.transport() != Transport.UNIX && s.address() instanceof InetSocketAddress inet) {
                sb.append(s.transport() == Transport.UDP ? "UDP" : "TCP")
                        .append(inet.getAddress() instanceof Inet4Address ? " INET: " : " INET6: ")
                        .append(inet.getPort()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
