package dev.ketch.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ketch.server.config.ServerSettings.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenEntryTest {

    @Test
    void hostsPortsAndIpv6() {
        assertEquals(new ListenEntry("127.0.0.1", null, null, null), ListenEntry.parse("127.0.0.1"));
        assertEquals(new ListenEntry("127.0.0.1", 22305, null, null), ListenEntry.parse("127.0.0.1:22305"));
        assertEquals(new ListenEntry("::1", 22306, null, null), ListenEntry.parse("[::1]:22306"));
        assertEquals(new ListenEntry("::1", null, null, null), ListenEntry.parse("[::1]"));
        assertEquals(new ListenEntry("fe80::1", null, null, null), ListenEntry.parse("fe80::1"));
        assertEquals(new ListenEntry(null, null, null, null), ListenEntry.parse("*"));
        assertEquals(new ListenEntry(null, 5, null, null), ListenEntry.parse("*:5"));
    }

    @Test
    void protocolAndTagPrefixes() {
        assertEquals(new ListenEntry("127.0.0.1", 1, Protocol.ASCII, null),
                ListenEntry.parse("proto[ascii]:127.0.0.1:1"));
        assertEquals(new ListenEntry("127.0.0.1", null, Protocol.BINARY, "t1"),
                ListenEntry.parse("proto[bin]:tag[t1]:127.0.0.1"));
        assertEquals(new ListenEntry("::1", null, Protocol.AUTO, null), ListenEntry.parse("proto[negotiating]:[::1]"));
    }

    @Test
    void memcachedsMessagesForMalformedEntries() {
        assertEquals("Invalid IPV6 address: \"[::1\"",
                assertThrows(IllegalArgumentException.class, () -> ListenEntry.parse("[::1")).getMessage());
        assertEquals("Invalid port number: \"abc\"",
                assertThrows(IllegalArgumentException.class, () -> ListenEntry.parse("127.0.0.1:abc")).getMessage());
        assertEquals("Invalid protocol spec: \"[x\"",
                assertThrows(IllegalArgumentException.class, () -> ListenEntry.parse("proto[x")).getMessage());
        assertEquals("Listener tags must be between 1 and 8 characters: \"123456789\"",
                assertThrows(IllegalArgumentException.class,
                        () -> ListenEntry.parse("tag[123456789]:127.0.0.1")).getMessage());
    }

    @Test
    void entriesSplitAtCommasAndSemicolonsSkippingEmptyOnes() {
        assertEquals(List.of("a", "b", "c"), ListenEntry.entries(List.of("a;b", "", "c")));
    }
}
