package dev.ketch.server.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file of a {@code -s} unix domain socket, handled as memcached's
 * {@code server_socket_unix} handles it: a socket file left behind by an earlier server is
 * removed before binding (any other kind of file makes the bind fail, and stays), and the new
 * socket gets the {@code -a} permissions ({@code access & 0777}). memcached sets its umask around
 * {@code bind()}; a JVM cannot change its umask, so the permissions are set right after the bind.
 * Netty's native transport would remove any file in the way, hence the check here.
 */
final class UnixSocketFile {

    /** {@code sizeof(sockaddr_un.sun_path) - 1} on Linux. */
    static final int MAX_PATH_BYTES = 107;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private static final Pattern NATIVE_ERROR = Pattern.compile(".*failed(?: with error\\(-?\\d+\\))?: (.*)", Pattern.DOTALL);

    private final String path;
    private final int access;

    /**
     * @param path the socket path as given to {@code -s}
     * @param access the {@code -a} mask
     */
    UnixSocketFile(String path, int access) {
        this.path = path;
        this.access = access;
    }

    String path() {
        return path;
    }

    /**
     * Clears the way for the bind: removes a socket file at the path.
     *
     * @throws IOException with memcached's messages if another kind of file (a symbolic link
     *     included) is at the path, or if the path is longer than a unix socket address holds
     *     (memcached would silently bind a truncated path)
     */
    void removeStaleSocket() throws IOException {
        if (path.isEmpty() || path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException("failed to listen on UNIX socket: " + path + ": the path must have 1 to "
                    + MAX_PATH_BYTES + " bytes");
        }
        Path p = Path.of(path);
        Boolean socket = isSocket(p);
        if (socket == null) {
            return;
        }
        if (!socket) {
            throw bindFailed("Address already in use");
        }
        Files.deleteIfExists(p);
    }

    /** Whether the path is a socket; null when nothing is there. */
    private static Boolean isSocket(Path p) throws IOException {
        try {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) mode & S_IFMT) == S_IFSOCK;
        } catch (NoSuchFileException e) {
            return null;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no "unix" attribute view: sockets are among the "other" files
            try {
                return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
            } catch (NoSuchFileException gone) {
                return null;
            }
        }
    }

    /** Gives the bound socket file the {@code -a} permissions. */
    void applyPermissions() throws IOException {
        Files.setPosixFilePermissions(Path.of(path), permissions(access));
    }

    /** The permission bits of {@code mode & 0777}. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    /**
     * memcached's two lines when {@code bind()} fails: {@code perror("bind()")}, then its
     * {@code failed to listen} line, which Debian's 1.6.18 ends with {@code Invalid argument}
     * whatever the bind error was.
     */
    IOException bindFailed(Throwable cause) {
        IOException e = bindFailed(strerror(cause));
        e.initCause(cause);
        return e;
    }

    private IOException bindFailed(String error) {
        return new IOException("bind(): " + error + "\nfailed to listen on UNIX socket: " + path + ": Invalid argument");
    }

    /**
     * The system's error text in Netty's native message ({@code "bind(..) failed with error(-2): No
     * such file or directory"}) or the JDK's.
     */
    private static String strerror(Throwable cause) {
        if (cause == null || cause.getMessage() == null) {
            return "Unknown error";
        }
        Matcher m = NATIVE_ERROR.matcher(cause.getMessage());
        return m.matches() ? m.group(1) : cause.getMessage();
    }
}
