package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.ServerStartException;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Y}: every reply below was taken from memcached 1.6.18 for the same bytes, with the
 * authentication file {@code foo:bar} / {@code baaaz:quux} of memcached's own test.
 */
class AsciiAuthenticationTest {

    @TempDir
    Path dir;

    private Path users;
    private MemcachedServer server;

    @BeforeEach
    void start() throws IOException {
        users = dir.resolve("authfile");
        Files.writeString(users, "foo:bar\nbaaaz:quux\n");
        ServerSettings s = new ServerSettings();
        s.port = 0;
        s.listenAddresses.add("127.0.0.1");
        s.authFile = users.toString();
        s.bindingProtocol = ServerSettings.Protocol.ASCII;
        server = MemcachedServer.start(s);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TextClient client() throws IOException {
        return new TextClient(server.port());
    }

    private Map<String, String> stats(TextClient authenticated) throws IOException {
        return authenticated.send("stats\r\n").untilEnd().lines().filter(l -> l.startsWith("STAT "))
                .map(l -> l.substring(5).split(" ", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }

    @Test
    void nothingIsReadOrWrittenBeforeAuthentication() throws IOException {
        try (TextClient c = client()) {
            assertEquals("CLIENT_ERROR bad authentication token format", c.call("set foo 0 0 2\r\nhi\r\n"));
            assertEquals("CLIENT_ERROR unauthenticated", c.call("get foo\r\n"));
            assertEquals("CLIENT_ERROR unauthenticated", c.call("version\r\n"));
            assertEquals("CLIENT_ERROR unauthenticated", c.call("stats\r\n"));
            assertEquals("CLIENT_ERROR unauthenticated", c.call("delete foo\r\n"));
            assertEquals("CLIENT_ERROR authentication failure", c.call("set foo 0 0 7\r\nfoo bab\r\n"));
            assertEquals("STORED", c.call("set foo 0 0 7\r\nfoo bar\r\n"));
            assertEquals("END", c.call("get foo\r\n"), "the sets before authentication stored nothing");
            assertEquals("STORED", c.call("set toast 0 0 2\r\nhi\r\n"));
            assertEquals("VALUE toast 0 2\r\nhi\r\nEND\r\n", c.send("get toast\r\n").untilEnd());
            Map<String, String> stats = stats(c);
            assertEquals("2", stats.get("auth_cmds"));
            assertEquals("1", stats.get("auth_errors"));
        }
    }

    @Test
    void eachConnectionAuthenticatesItself() throws IOException {
        try (TextClient first = client(); TextClient second = client()) {
            assertEquals("STORED", first.call("set x 0 0 7\r\nfoo bar\r\n"));
            assertEquals("CLIENT_ERROR unauthenticated", second.call("get x\r\n"));
            assertEquals("STORED", second.call("set foo 0 0 10\r\nbaaaz quux\r\n"));
            assertEquals("STORED", second.call("set toast2 0 0 2\r\nho\r\n"));
            assertEquals("VALUE toast2 0 2", first.call("get toast2\r\n"));
        }
    }

    @Test
    void malformedTokens() throws IOException {
        try (TextClient c = client()) {
            // 3 + 2 bytes of data: "foo b" does not end with CRLF; the rest is read as a line
            assertEquals("CLIENT_ERROR unauthenticated", c.send("set a 0 0 3\r\nfoo bar\r\n").line());
            assertEquals("", c.drain(200), "only the last answer of a pipelined batch reaches the client");
            assertEquals("CLIENT_ERROR bad command line termination", c.call("set a 0 0 4294967294\r\n"));
            assertEquals("CLIENT_ERROR unauthenticated", c.call("set a 0 0 -1\r\n"));
            assertEquals("STORED", c.send("\n\nset a 0 0 9 noreply\r\nfoo bar x\r\nversion\r\n").line());
            assertTrue(c.line().startsWith("VERSION "));
        }
        try (TextClient c = client()) {
            c.send("x".repeat(3000));
            assertTrue(c.closedByServer(), "more than 2048 bytes without a newline");
        }
        try (TextClient c = client()) {
            c.send("set a 0 0 20000\r\n" + "y".repeat(17000));
            assertTrue(c.closedByServer(), "a token larger than memcached's read buffer");
        }
    }

    @Test
    void reloadReadsTheFileAgain() throws IOException {
        Files.writeString(users, "new:user\n");
        try (TextClient before = client()) {
            assertEquals("STORED", before.call("set a 0 0 7\r\nfoo bar\r\n"));
        }
        server.reload();
        try (TextClient after = client()) {
            assertEquals("CLIENT_ERROR authentication failure", after.call("set a 0 0 7\r\nfoo bar\r\n"));
            assertEquals("STORED", after.call("set a 0 0 8\r\nnew user\r\n"));
        }
        Files.writeString(users, "malformed\n");
        server.reload();
        try (TextClient kept = client()) {
            assertEquals("STORED", kept.call("set a 0 0 8\r\nnew user\r\n"), "a bad file keeps the users loaded before");
        }
    }

    @Test
    void aMissingFileOrUdpStopsTheStartAsInMemcached() {
        ServerSettings s = new ServerSettings();
        s.port = 0;
        s.listenAddresses.add("127.0.0.1");
        s.authFile = dir.resolve("missing").toString();
        ServerStartException missing = assertThrows(ServerStartException.class, () -> MemcachedServer.start(s));
        assertEquals(1, missing.exitStatus());
        assertTrue(missing.getMessage().startsWith("Could not open authfile ["), missing.getMessage());
        s.authFile = users.toString();
        s.udpPort = 11211;
        ServerStartException udp = assertThrows(ServerStartException.class, () -> MemcachedServer.start(s));
        assertEquals(64, udp.exitStatus());
        assertEquals("Cannot use UDP with ascii authentication enabled (-U 0 to disable)", udp.getMessage());
    }
}
