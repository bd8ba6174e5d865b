package dev.ketch.server.sasl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memcached's SASL password database ({@code MEMCACHED_SASL_PWDB}, {@code ENABLE_SASL_PWDB}
 * builds): a text file of {@code user:password} lines. As in memcached:
 *
 * <ul>
 *   <li>the file is read again for every lookup, so users can be added while the server runs;
 *   <li>the user name is compared byte for byte with what the client sent, realm included
 *       ({@code user@realm} is just a longer name);
 *   <li>the first line for a user decides; its password ends at the next {@code ':'} (further
 *       fields are allowed), {@code '\r'}, {@code '\n'} or the end of the line;
 *   <li>lines are read 255 bytes at a time ({@code fgets} into 256 bytes), and a user name plus
 *       password longer than 252 bytes never authenticates.
 * </ul>
 *
 * <p>Reads are serialised, so the file may also be a named pipe that produces the database on
 * every open.
 */
public final class PasswordFile {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordFile.class);
    /** memcached's {@code MAX_ENTRY_LEN}. */
    private static final int MAX_ENTRY_LENGTH = 256;

    private final Path path;

    public PasswordFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** True if {@code password} is the password of {@code user}. */
    public boolean check(byte[] user, byte[] password) {
        if (user.length + password.length > MAX_ENTRY_LENGTH - 4) {
            LOG.warn("Failed to authenticate <{}> due to too long password ({})", new String(user,
                    java.nio.charset.StandardCharsets.ISO_8859_1), password.length);
            return false;
        }
        return password(user).map(p -> Arrays.equals(p, password)).orElse(false);
    }

    /** The password of {@code user} (from the first line that names it), if any. */
    public Optional<byte[]> password(byte[] user) {
        byte[] content;
        synchronized (this) {
            try (InputStream in = Files.newInputStream(path)) {
                content = in.readAllBytes();
            } catch (IOException e) {
                LOG.debug("cannot read the SASL password file {}: {}", path, e.toString());
                return Optional.empty();
            }
        }
        int start = 0;
        while (start < content.length) {
            int end = lineEnd(content, start);
            int limit = Math.min(end, start + MAX_ENTRY_LENGTH - 1);
            if (startsWithUser(content, start, limit, user)) {
                int p = start + user.length + 1;
                int q = p;
                while (q < limit && content[q] != ':' && content[q] != '\r' && content[q] != '\n' && content[q] != 0) {
                    q++;
                }
                return Optional.of(Arrays.copyOfRange(content, p, q));
            }
            start = end;
        }
        return Optional.empty();
    }

    /** The index just past the line starting at {@code start} (its newline included). */
    private static int lineEnd(byte[] content, int start) {
        int i = start;
        while (i < content.length && content[i] != '\n') {
            i++;
        }
        return Math.min(i + 1, content.length);
    }

    private static boolean startsWithUser(byte[] content, int start, int limit, byte[] user) {
        if (limit - start < user.length + 1) {
            return false;
        }
        for (int i = 0; i < user.length; i++) {
            if (content[start + i] != user[i]) {
                return false;
            }
        }
        return content[start + user.length] == ':';
    }
}
