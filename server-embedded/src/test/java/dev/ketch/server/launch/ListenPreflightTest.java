package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.config.ServerSettings;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListenPreflightTest {

    private final List<String> resolved = new ArrayList<>();
    private final ListenPreflight preflight = new ListenPreflight(host -> {
        resolved.add(host);
        if (host.equals("fooble")) {
            throw new UnknownHostException(host);
        }
    });

    private static ServerSettings listening(String... addresses) {
        ServerSettings s = new ServerSettings();
        s.listenAddresses.addAll(List.of(addresses));
        return s;
    }

    @Test
    void anUnknownHostFailsLikeMemcachedsBind() {
        assertEquals(Optional.of(new Refusal(71, "getaddrinfo(): Name or service not known\n"
                + "failed to listen on one of interface(s) fooble: Success")), preflight.check(listening("fooble")));
    }

    @Test
    void everyAddressIsTriedAndReported() {
        Refusal r = preflight.check(listening("fooble", "127.0.0.1:1;[::1]:2", "fooble")).orElseThrow();
        assertEquals(List.of("fooble", "127.0.0.1", "::1", "fooble"), resolved);
        assertEquals("getaddrinfo(): Name or service not known\ngetaddrinfo(): Name or service not known\n"
                + "failed to listen on one of interface(s) fooble,127.0.0.1:1;[::1]:2,fooble: Success", r.message());
    }

    @Test
    void malformedEntriesAreReportedWithMemcachedsMessage() {
        Refusal r = preflight.check(listening("127.0.0.1:abc")).orElseThrow();
        assertEquals(71, r.status());
        assertTrue(r.message().startsWith("Invalid port number: \"abc\"\n"), r.message());
    }

    @Test
    void resolvableAddressesPass() {
        assertTrue(preflight.check(listening("127.0.0.1", "*", "localhost")).isEmpty());
        assertEquals(List.of("127.0.0.1", "localhost"), resolved);
    }

    @Test
    void nothingIsCheckedWhenNothingWillBeBound() {
        ServerSettings noPorts = listening("fooble");
        noPorts.port = 0;
        noPorts.udpPort = 0;
        assertTrue(preflight.check(noPorts).isEmpty());
        ServerSettings unixSocket = listening("fooble");
        unixSocket.socketPath = "/tmp/sock";
        assertTrue(preflight.check(unixSocket).isEmpty());
        assertTrue(preflight.check(new ServerSettings()).isEmpty());
        assertTrue(resolved.isEmpty());
    }

    @Test
    void theSystemResolverRefusesFooble() {
        // memcached's t/00-startup.t: "-l fooble" must not start
        assertEquals(71, ListenPreflight.system().check(listening("fooble")).orElseThrow().status());
    }
}
