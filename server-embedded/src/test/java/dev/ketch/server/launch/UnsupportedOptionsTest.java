package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.config.Features;
import dev.ketch.server.config.ServerSettings;
import org.junit.jupiter.api.Test;

class UnsupportedOptionsTest {

    private static final Features NONE = new Features(false, false, false, false, false);
    private static final Features ALL = Features.ALL;

    @Test
    void everyTransportThisBuildLacksIsRefusedWithExUsage() {
        ServerSettings unix = new ServerSettings();
        unix.socketPath = "/tmp/mc.sock";
        assertEquals(new Refusal(64, "UNIX domain sockets (-s) are not supported yet"),
                UnsupportedOptions.check(unix, NONE).orElseThrow());
        ServerSettings sasl = new ServerSettings();
        sasl.sasl = true;
        assertEquals(new Refusal(64, "SASL authentication (-S) is not supported yet"),
                UnsupportedOptions.check(sasl, NONE).orElseThrow());
        for (ServerSettings s : new ServerSettings[] {unix, sasl}) {
            assertTrue(UnsupportedOptions.check(s, ALL).isEmpty());
        }
    }

    @Test
    void udpIsAcceptedUntilItIsServed() {
        ServerSettings udp = new ServerSettings();
        udp.udpPort = 11222;
        assertTrue(UnsupportedOptions.check(udp, NONE).isEmpty());
    }

    @Test
    void unimplementedAuthenticationIsRefusedRatherThanIgnored() {
        ServerSettings auth = new ServerSettings();
        auth.authFile = "/etc/ketch-users";
        assertEquals(new Refusal(64, "ascii authentication (-Y) is not supported yet"),
                UnsupportedOptions.check(auth, NONE).orElseThrow());
        assertTrue(UnsupportedOptions.check(auth, ALL).isEmpty());
    }

    @Test
    void daemonsAndMemoryFilesAreServed() {
        ServerSettings daemon = new ServerSettings();
        daemon.daemonize = true;
        assertTrue(UnsupportedOptions.check(daemon, NONE).isEmpty(), "-d is served");
        ServerSettings memoryFile = new ServerSettings();
        memoryFile.memoryFile = "/dev/shm/mc";
        assertTrue(UnsupportedOptions.check(memoryFile, NONE).isEmpty(), "-e is served");
    }

    @Test
    void defaultsAndUdpZeroAreFine() {
        assertTrue(UnsupportedOptions.check(new ServerSettings(), NONE).isEmpty());
    }
}
