package dev.ketch.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code -Y} file as memcached 1.6.18 reads it (each case checked against memcached by experiment). */
class AuthFileTest {

    @TempDir
    Path dir;

    private AuthFile load(String content) throws IOException, AuthFileException {
        Path file = dir.resolve("users");
        Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1));
        return AuthFile.load(file);
    }

    private static boolean check(AuthFile users, String user, String password) {
        return users.check(user.getBytes(StandardCharsets.ISO_8859_1), password.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void userPasswordLines() throws Exception {
        AuthFile users = load("foo:bar\nbaaaz:quux\n");
        assertTrue(check(users, "foo", "bar"));
        assertTrue(check(users, "baaaz", "quux"));
        assertFalse(check(users, "foo", "quux"));
        assertFalse(check(users, "foo", "ba"));
        assertFalse(check(users, "fo", "bar"));
        assertTrue(check(load("foo:bar\r\nx:y\r\n"), "x", "y"), "CRLF lines");
        assertTrue(check(load(":empty\nfoo:pa:ss\n"), "foo", "pa:ss"), "the password runs to the end of the line");
        assertTrue(check(load(":empty\n"), "", "empty"), "an empty user name is read (and cannot be sent)");
        assertTrue(check(load("foo:bar\nx:y"), "x", "y"), "a last line without newline");
    }

    @Test
    void memcachedsReadingQuirks() throws Exception {
        AuthFile oneLine = load("foo:bar");
        assertFalse(check(oneLine, "foo", "bar"), "a one-line file without newline loses its last byte");
        assertTrue(check(oneLine, "foo", "ba"));
        AuthFile nine = load("a:1\nb:2\nc:3\nd:4\ne:5\nf:6\ng:7\nh:8\ni:9\n");
        assertTrue(check(nine, "h", "8"));
        assertFalse(check(nine, "i", "9"), "only eight users are read");
        AuthFile nul = load("foo:bar\0baz:x\n");
        assertTrue(check(nul, "foo", "bar"));
        assertFalse(check(nul, "baz", "x"), "a NUL ends the file");
        assertFalse(check(load(""), "foo", "bar"), "an empty file has no users");
        String longPassword = "p".repeat(300);
        AuthFile longLine = load("u:" + longPassword + "\n");
        assertTrue(check(longLine, "u", longPassword.substring(0, 253)), "a line is read 255 bytes at a time");
    }

    @Test
    void malformedAndMissingFilesUseMemcachedsMessages() throws IOException {
        Path users = dir.resolve("users");
        Files.writeString(users, "foo:bar\n\n");
        assertEquals("Authfile [" + users + "] has a malformed entry. Should be 'user:password'",
                assertThrows(AuthFileException.class, () -> AuthFile.load(users)).getMessage());
        Files.writeString(users, "foobar\n");
        assertThrows(AuthFileException.class, () -> AuthFile.load(users));
        Path missing = dir.resolve("nope");
        assertEquals("Could not open authfile [" + missing + "] for reading, error No such file or directory: "
                + "No such file or directory", assertThrows(AuthFileException.class, () -> AuthFile.load(missing)).getMessage());
        assertNull(AuthFileParser.parse("no colon".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void reloadReplacesTheUsersOrKeepsThemWhenTheFileIsBad() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "foo:bar\n");
        AuthFile users = AuthFile.load(file);
        Files.writeString(file, "new:pass\n");
        assertTrue(users.reload());
        assertTrue(check(users, "new", "pass"));
        assertFalse(check(users, "foo", "bar"));
        Files.writeString(file, "broken\n");
        assertFalse(users.reload());
        assertTrue(check(users, "new", "pass"), "a failed reload keeps the previous users");
        Files.delete(file);
        assertFalse(users.reload());
        assertTrue(check(users, "new", "pass"));
    }
}
