package dev.ketch.server.sasl;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PLAIN, CRAM-MD5 and the per-connection state machine, without a network. */
class SaslConversationTest {

    @TempDir
    Path dir;
    private SaslAuthenticator authenticator;

    @BeforeEach
    void setUp() throws IOException {
        Path p = dir.resolve("pwdb");
        Files.writeString(p, "user:pencil\nempty:\n");
        authenticator = new SaslAuthenticator(new PasswordFile(p), "host.example");
    }

    private static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    @Test
    void plainMessages() {
        assertEquals(SaslStep.Outcome.OK, authenticator.newConversation().start("PLAIN", b("\0user\0pencil")).outcome());
        assertEquals(SaslStep.Outcome.OK, authenticator.newConversation().start("PLAIN", b("user\0user\0pencil")).outcome());
        assertEquals(SaslStep.Outcome.FAIL, authenticator.newConversation().start("PLAIN", b("admin\0user\0pencil")).outcome());
        assertEquals(SaslStep.Outcome.FAIL, authenticator.newConversation().start("PLAIN", b("user pencil")).outcome());
        assertEquals(SaslStep.Outcome.OK, authenticator.newConversation().start("PLAIN", b("\0empty\0")).outcome());
    }

    @Test
    void cramMd5FollowsRfc2195() {
        SaslConversation c = authenticator.newConversation();
        SaslStep challenge = c.start("cram-md5", new byte[0]);
        assertEquals(SaslStep.Outcome.CONTINUE, challenge.outcome());
        String text = new String(challenge.challenge(), US_ASCII);
        assertTrue(text.startsWith("<") && text.endsWith("@host.example>"), text);
        String digest = HexFormat.of().formatHex(CramMd5Exchange.hmacMd5(b("pencil"), challenge.challenge()));
        assertEquals(SaslStep.Outcome.OK, c.step(b("user " + digest)).outcome());
        assertTrue(c.authenticated());
        // RFC 2195's own example
        assertArrayEquals(HexFormat.of().parseHex("b913a602c7eda7a495b4e6e7334d3890"),
                CramMd5Exchange.hmacMd5(b("tanstaaftanstaaf"), b("<1896.697170952@postoffice.reston.mci.net>")));
    }

    @Test
    void cramMd5RefusesInitialDataUpperCaseHexAndWrongPasswords() {
        assertEquals(SaslStep.Outcome.FAIL, authenticator.newConversation().start("CRAM-MD5", b("x")).outcome());
        SaslConversation c = authenticator.newConversation();
        byte[] challenge = c.start("CRAM-MD5", new byte[0]).challenge();
        String digest = HexFormat.of().withUpperCase().formatHex(CramMd5Exchange.hmacMd5(b("pencil"), challenge));
        assertEquals(SaslStep.Outcome.FAIL, c.step(b("user " + digest)).outcome());
        assertFalse(c.authenticated());
    }

    @Test
    void stateMachine() {
        SaslConversation c = authenticator.newConversation();
        assertEquals(SaslStep.Outcome.FAIL, c.step(b("\0user\0pencil")).outcome(), "no exchange started");
        assertEquals(SaslStep.Outcome.FAIL, c.start("SCRAM-SHA-1", new byte[0]).outcome());
        assertEquals(SaslStep.Outcome.FAIL, c.start("PLAIN", b("\0user\0wrong")).outcome());
        assertEquals(SaslStep.Outcome.OK, c.start("PLAIN", b("\0user\0pencil")).outcome(), "retry after a failure");
        assertTrue(c.authenticated());
        assertEquals("PLAIN CRAM-MD5", c.listMechanisms());
        assertFalse(c.authenticated(), "every SASL command starts unauthenticated");
        assertEquals(SaslStep.Outcome.FAIL, c.start("PLAIN", b("\0user\0pencil")).outcome(), "only one success");
    }
}
