package dev.ketch.server.sasl;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** memcached's {@code sasl_server_userdb_checkpass} rules for the password file. */
class PasswordFileTest {

    @TempDir
    Path dir;

    private PasswordFile file(String content) throws IOException {
        Path p = dir.resolve("pwdb");
        Files.writeString(p, content, US_ASCII);
        return new PasswordFile(p);
    }

    private static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    @Test
    void matchesTheWholeUserNameAndPasswordField() throws IOException {
        PasswordFile f = file("alice:secret\nbob@realm:pw:extra\r\ncarol:dos\r\n");
        assertTrue(f.check(b("alice"), b("secret")));
        assertFalse(f.check(b("alice"), b("secre")));
        assertFalse(f.check(b("alice"), b("secrets")));
        assertFalse(f.check(b("ali"), b("secret")));
        assertTrue(f.check(b("bob@realm"), b("pw")), "further fields are allowed");
        assertFalse(f.check(b("bob"), b("pw")), "the realm is part of the name");
        assertTrue(f.check(b("carol"), b("dos")));
    }

    @Test
    void theFirstLineForAUserDecides() throws IOException {
        PasswordFile f = file("u:one\nu:two\n");
        assertTrue(f.check(b("u"), b("one")));
        assertFalse(f.check(b("u"), b("two")));
        assertArrayEquals(b("one"), f.password(b("u")).orElseThrow());
    }

    @Test
    void isReadAgainForEveryLookup() throws IOException {
        PasswordFile f = file("");
        assertFalse(f.check(b("late"), b("pw")));
        Files.writeString(f.path(), "late:pw\n");
        assertTrue(f.check(b("late"), b("pw")));
    }

    @Test
    void tooLongEntriesAndMissingFilesNeverAuthenticate() throws IOException {
        String user = "u".repeat(200);
        String password = "p".repeat(60);
        PasswordFile f = file(user + ":" + password + "\n");
        assertFalse(f.check(b(user), b(password)));
        assertEquals(Optional.empty(), new PasswordFile(dir.resolve("absent")).password(b("u")));
    }
}
