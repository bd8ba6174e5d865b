package dev.ketch.server.protocol;

import static dev.ketch.server.testing.BinaryClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.Version;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.protocol.binary.Opcodes;
import dev.ketch.server.testing.BinaryClient;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code -B auto|ascii|binary}: what each mode does with either kind of first byte, as memcached
 * 1.6.18 does.
 */
class ProtocolNegotiationTest {

    private static MemcachedServer start(ServerSettings.Protocol protocol) {
        ServerSettings s = new ServerSettings();
        s.port = 0;
        s.listenAddresses.add("127.0.0.1");
        s.bindingProtocol = protocol;
        return MemcachedServer.start(s);
    }

    @Test
    void autoPicksEachConnectionsProtocolFromItsFirstByte() throws IOException {
        try (MemcachedServer server = start(ServerSettings.Protocol.AUTO)) {
            try (TextClient text = new TextClient(server.port())) {
                assertEquals("VERSION " + Version.full(), text.call("version\r\n"));
                // once ascii, always ascii: a binary NOOP's opcode byte 0x0a ends a bogus line
                assertEquals("ERROR", text.call(new String(request(Opcodes.NOOP).bytes(), StandardCharsets.ISO_8859_1)));
            }
            try (BinaryClient binary = new BinaryClient(server.port())) {
                assertEquals(Version.full(), binary.call(request(Opcodes.VERSION)).valueString());
                binary.send("version\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(binary.silentFor(200), "fewer than 24 bytes: waits for a header");
                binary.send(new byte[15]);
                assertTrue(binary.closedByServer(), "bad magic");
            }
        }
    }

    @Test
    void asciiOnlyReadsBinaryAsText() throws IOException {
        try (MemcachedServer server = start(ServerSettings.Protocol.ASCII); TextClient c = new TextClient(server.port())) {
            c.send(request(Opcodes.NOOP).bytes());
            assertEquals("ERROR", c.line());
        }
    }

    @Test
    void binaryOnlyClosesOnTextOnceAHeaderArrived() throws IOException {
        try (MemcachedServer server = start(ServerSettings.Protocol.BINARY)) {
            try (BinaryClient c = new BinaryClient(server.port())) {
                assertEquals(0x81, c.call(request(Opcodes.NOOP)).magic());
            }
            try (BinaryClient c = new BinaryClient(server.port())) {
                c.send("Here's a bunch of garbage that doesn't look like the bin prot.".getBytes(StandardCharsets.US_ASCII));
                assertTrue(c.closedByServer());
            }
        }
    }
}
