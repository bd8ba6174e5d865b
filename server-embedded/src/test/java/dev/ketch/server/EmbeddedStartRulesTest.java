package dev.ketch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.config.ExitStatus;
import dev.ketch.server.config.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that would let a client bypass authentication are refused by the embedded API as
 * memcached's command line refuses them.
 */
class EmbeddedStartRulesTest {

    @TempDir
    Path dir;

    private static ServerSettings loopback() {
        ServerSettings s = new ServerSettings();
        s.port = 0;
        s.listenAddresses.add("127.0.0.1");
        return s;
    }

    @Test
    void saslWithUdpIsRefused() {
        ServerSettings s = loopback();
        s.sasl = true;
        s.bindingProtocol = ServerSettings.Protocol.BINARY;
        s.udpPort = -1;
        ServerStartException e = assertThrows(ServerStartException.class, () -> MemcachedServer.start(s));
        assertEquals(ExitStatus.USAGE, e.exitStatus());
        assertTrue(e.getMessage().contains("UDP"), e.getMessage());
    }

    @Test
    void asciiAuthenticationWithTheBinaryProtocolIsRefused() throws IOException {
        ServerSettings s = loopback();
        s.authFile = Files.writeString(dir.resolve("users"), "alice:secret\n").toString();
        s.bindingProtocol = ServerSettings.Protocol.BINARY;
        ServerStartException e = assertThrows(ServerStartException.class, () -> MemcachedServer.start(s));
        assertEquals(ExitStatus.USAGE, e.exitStatus());
    }

    @Test
    void asciiAuthenticationWithoutAProtocolServesAsciiOnly() throws IOException {
        ServerSettings s = loopback();
        s.authFile = Files.writeString(dir.resolve("users"), "alice:secret\n").toString();
        try (MemcachedServer server = MemcachedServer.start(s)) {
            assertEquals(ServerSettings.Protocol.ASCII, server.settings().bindingProtocol);
        }
    }
}
