package dev.ketch.server.protocol.binary;

import static dev.ketch.server.testing.BinaryClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.Version;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.testing.BinaryClient;
import dev.ketch.server.testing.BinaryClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -S}: SASL over the binary protocol, against a {@code user:password} file. Expected
 * answers were taken from memcached 1.6.18 with Cyrus SASL ({@code t/sasl/memcached.conf}).
 */
class SaslAuthenticationTest {

    private static final String USER = "testuser@memcached.realm";
    private static final String PASSWORD = "testpass";

    @TempDir
    static Path dir;
    private static MemcachedServer server;

    @BeforeAll
    static void start() throws IOException {
        Path pwdb = dir.resolve("pwdb");
        Files.writeString(pwdb, "other:x\n" + USER + ":" + PASSWORD + "\n");
        ServerSettings settings = new ServerSettings();
        settings.port = 0;
        settings.listenAddresses.add("127.0.0.1");
        settings.sasl = true;
        settings.bindingProtocol = ServerSettings.Protocol.BINARY;
        settings.saslPasswordFile = pwdb.toString();
        server = MemcachedServer.start(settings);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BinaryClient client() throws IOException {
        return new BinaryClient(server.port());
    }

    private static BinaryClient.Request plain(String user, String password) {
        return request(Opcodes.SASL_AUTH).key("PLAIN").value("\0" + user + "\0" + password);
    }

    private static BinaryClient.Request set(String key) {
        return request(Opcodes.SET).key(key).flagsAndExpiry(0, 0).value("v");
    }

    @Test
    void saslWithTheTextProtocolAllowedDoesNotStart() {
        ServerSettings settings = new ServerSettings();
        settings.port = 0;
        settings.listenAddresses.add("127.0.0.1");
        settings.sasl = true;
        org.junit.jupiter.api.Assertions.assertThrows(dev.ketch.server.ServerStartException.class,
                () -> MemcachedServer.start(settings).close());
    }

    @Test
    void listsMechanismsAndVersionBeforeAuthentication() throws IOException {
        try (BinaryClient c = client()) {
            assertEquals("PLAIN CRAM-MD5", c.call(request(Opcodes.SASL_LIST_MECHS)).valueString());
            assertEquals(Version.full(), c.call(request(Opcodes.VERSION)).valueString());
        }
    }

    @Test
    void nothingIsReadableOrWritableBeforeAuthentication() throws IOException {
        for (BinaryClient.Request r : new BinaryClient.Request[] {set("x"), request(Opcodes.GET).key("x"),
                request(Opcodes.DELETE).key("x"), request(Opcodes.FLUSH), request(Opcodes.NOOP), request(Opcodes.STAT)}) {
            try (BinaryClient c = client()) {
                Response denied = c.call(r);
                assertEquals(Status.AUTH_ERROR, denied.status());
                assertEquals("Auth failure.", denied.valueString());
                assertTrue(c.closedByServer());
            }
        }
    }

    @Test
    void plainWithTheRightPassword() throws IOException {
        try (BinaryClient c = client()) {
            Response ok = c.call(plain(USER, PASSWORD));
            assertEquals(Status.SUCCESS, ok.status());
            assertEquals("Authenticated", ok.valueString());
            assertEquals(Status.SUCCESS, c.call(set("plain")).status());
            assertEquals("v", c.call(request(Opcodes.GET).key("plain")).valueString());
            assertEquals(Status.AUTH_ERROR, c.call(plain(USER, PASSWORD)).status(), "no second authentication");
        }
    }

    @Test
    void plainWithAWrongPasswordOrUnknownUserStaysUnauthenticated() throws IOException {
        for (BinaryClient.Request attempt : new BinaryClient.Request[] {plain(USER, "wrong"), plain("testuser", PASSWORD),
                plain("nobody", PASSWORD)}) {
            try (BinaryClient c = client()) {
                assertEquals(Status.AUTH_ERROR, c.call(attempt).status());
                assertEquals(Status.AUTH_ERROR, c.call(set("x")).status());
                assertTrue(c.closedByServer());
            }
        }
    }

    @Test
    void plainInTwoSteps() throws IOException {
        try (BinaryClient c = client()) {
            Response challenge = c.call(request(Opcodes.SASL_AUTH).key("plain"));
            assertEquals(Status.AUTH_CONTINUE, challenge.status());
            assertEquals(0, challenge.value().length);
            assertEquals(Status.SUCCESS, c.call(request(Opcodes.SASL_STEP).key("PLAIN").value("\0" + USER + "\0" + PASSWORD)).status());
        }
    }

    @Test
    void cramMd5RightAndWrong() throws Exception {
        for (boolean right : new boolean[] {true, false}) {
            try (BinaryClient c = client()) {
                Response challenge = c.call(request(Opcodes.SASL_AUTH).key("CRAM-MD5"));
                assertEquals(Status.AUTH_CONTINUE, challenge.status());
                assertTrue(challenge.valueString().matches("<\\d+\\.\\d+@.+>"), challenge.valueString());
                Mac mac = Mac.getInstance("HmacMD5");
                mac.init(new SecretKeySpec((right ? PASSWORD : "nope").getBytes(StandardCharsets.US_ASCII), "HmacMD5"));
                String digest = HexFormat.of().formatHex(mac.doFinal(challenge.value()));
                Response step = c.call(request(Opcodes.SASL_STEP).key("CRAM-MD5").value(USER + " " + digest));
                assertEquals(right ? Status.SUCCESS : Status.AUTH_ERROR, step.status());
                assertEquals(right ? Status.SUCCESS : Status.AUTH_ERROR, c.call(set("cram")).status());
            }
        }
    }

    @Test
    void badMechanisms() throws IOException {
        try (BinaryClient c = client()) {
            c.send(request(Opcodes.SASL_AUTH).key("X".repeat(40)).value("\0a\0b"));
            Response tooLong = c.read();
            assertEquals(Status.EINVAL, tooLong.status());
            Response unknown = c.call(request(Opcodes.SASL_AUTH).key("FOO").value("x"));
            assertEquals(Status.AUTH_ERROR, unknown.status(), "Cyrus: no such mechanism");
            assertEquals(Status.AUTH_ERROR, c.call(request(Opcodes.SASL_STEP).key("PLAIN").value("\0" + USER + "\0" + PASSWORD))
                    .status(), "step without a started exchange");
            assertEquals(Status.SUCCESS, c.call(plain(USER, PASSWORD)).status(), "retry after failures");
        }
    }

    @Test
    void authenticationBelongsToOneConnectionAndListingMechanismsEndsIt() throws IOException {
        try (BinaryClient a = client(); BinaryClient b = client()) {
            assertEquals(Status.SUCCESS, a.call(plain(USER, PASSWORD)).status());
            assertEquals(Status.AUTH_ERROR, b.call(set("y")).status());
            assertEquals(Status.SUCCESS, a.call(set("y")).status());
            assertEquals(Status.SUCCESS, a.call(request(Opcodes.SASL_LIST_MECHS)).status());
            assertEquals(Status.AUTH_ERROR, a.call(set("y")).status());
            assertTrue(a.closedByServer());
        }
    }

    @Test
    void authCommandsAndErrorsAreCounted() throws IOException {
        long cmds = server.stats().authCmds.sum();
        long errors = server.stats().authErrors.sum();
        try (BinaryClient c = client()) {
            c.call(plain(USER, "wrong"));
            c.send(request(Opcodes.SASL_AUTH).key("X".repeat(40)));
            c.read();
            c.call(plain(USER, PASSWORD));
        }
        assertEquals(cmds + 2, server.stats().authCmds.sum());
        assertEquals(errors + 1, server.stats().authErrors.sum());
        assertFalse(server.isClosed());
    }
}
