package dev.ketch.server.auth;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -Y}: the users of memcached's ascii authentication, read from a file of
 * {@code user:password} lines as memcached 1.6.18 reads it ({@code authfile.c}), quirks included
 * (see {@link AuthFileParser}). The file is read when the server starts and again on
 * {@link #reload()} (memcached reloads it on SIGHUP); a reload that fails keeps the users loaded
 * before.
 */
public final class AuthFile {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFile.class);

    private final Path path;
    private volatile List<AuthFileParser.Entry> entries;

    private AuthFile(Path path, List<AuthFileParser.Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    /**
     * Reads the file.
     *
     * @throws AuthFileException with memcached's message when it cannot be read or has a malformed
     *     entry
     */
    public static AuthFile load(Path path) throws AuthFileException {
        return new AuthFile(path, read(path));
    }

    private static List<AuthFileParser.Entry> read(Path path) throws AuthFileException {
        byte[] content;
        try {
            // memcached opens a directory without error and then reads nothing from it
            content = Files.isDirectory(path) ? new byte[0] : Files.readAllBytes(path);
        } catch (IOException e) {
            String why = strerror(e);
            throw new AuthFileException("Could not open authfile [" + path + "] for reading, error " + why + ": " + why);
        }
        List<AuthFileParser.Entry> parsed = AuthFileParser.parse(content);
        if (parsed == null) {
            throw new AuthFileException("Authfile [" + path + "] has a malformed entry. Should be 'user:password'");
        }
        return parsed;
    }

    private static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        return Objects.requireNonNullElse(e.getMessage(), e.toString());
    }

    /**
     * Reads the file again; on failure the previous users stay, silently as in memcached (logged
     * at debug level here).
     *
     * @return whether the file was read
     */
    public boolean reload() {
        try {
            entries = read(path);
            return true;
        } catch (AuthFileException e) {
            LOG.debug("keeping the previous ascii authentication users: {}", e.getMessage());
            return false;
        }
    }

    /** Whether some line of the file has exactly this user and password. */
    public boolean check(byte[] user, byte[] password) {
        boolean ok = false;
        for (AuthFileParser.Entry e : entries) {
            // compare every entry, without stopping early, in time independent of the bytes
            ok |= MessageDigest.isEqual(user, e.user()) & MessageDigest.isEqual(password, e.password());
        }
        return ok;
    }

    /** The file's path. */
    public Path path() {
        return path;
    }
}
