package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the meta commands count, as memcached 1.6.18 counts it (numbers taken from
 * {@code /usr/bin/memcached} for the same input): {@code mg} as get or (with {@code T}) touch,
 * {@code md} and {@code ma} as delete and incr/decr, {@code ms} as set/cas, and only {@code me} in
 * {@code cmd_meta}.
 */
class MetaCountersTest {

    /**
     * No LRU crawler and no LRU maintainer: either may reclaim the flushed item before mg asks for
     * it, and then mg counts a plain miss (memcached races the same way).
     */
    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension(s -> {
        s.debugTimeCommand = true;
        s.lruCrawler = false;
        s.lruMaintainerThread = false;
    });

    @BeforeAll
    static void prepare() throws IOException {
        MetaTestTarget.prepare(memcached);
    }

    @BeforeEach
    void resetStats() throws IOException {
        try (TextClient c = client()) {
            assertEquals("RESET", c.call("stats reset\r\n"));
        }
    }

    private static TextClient client() throws IOException {
        return MetaTestTarget.client(memcached);
    }

    private static Map<String, String> stats(TextClient c, String which) throws IOException {
        Map<String, String> stats = new HashMap<>();
        for (String line : c.send("stats" + which + "\r\n").untilEnd().split("\r\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 3) {
                stats.put(parts[1], parts[2]);
            }
        }
        return stats;
    }

    private static void expect(Map<String, String> stats, String... nameValue) {
        for (int i = 0; i < nameValue.length; i += 2) {
            assertEquals(nameValue[i + 1], stats.get(nameValue[i]), nameValue[i]);
        }
    }

    @Test
    void metaGetCountsAsGetOrTouch() throws IOException {
        try (TextClient c = client()) {
            c.call("mg cg1 v\r\n");
            c.call("mg cg1 v T30\r\n");
            c.call("mg cg1 v N30\r\n");
            c.line();
            c.call("mg cg1 v N30\r\n");
            c.line();
            c.call("mg cg1 v T30\r\n");
            c.line();
            c.call("mg cg1 v T30 u\r\n");
            c.line();
            c.call("mg cg1 v h\r\n");
            c.line();
            c.call("mg cg1 O123456789012345678901234567890123\r\n");
            c.call("mg cg1 T10 O123456789012345678901234567890123\r\n");
            c.call("mg cg1 t\r\n");
            c.call("mg nope O123456789012345678901234567890123\r\n");
            expect(stats(c, ""), "cmd_get", "7", "get_hits", "4", "get_misses", "3", "cmd_touch", "2",
                    "touch_hits", "2", "touch_misses", "0", "cmd_meta", "0", "total_items", "1");
            expect(stats(c, " slabs"), "1:get_hits", "4", "1:touch_hits", "2");
        }
    }

    @Test
    void metaSetCountsAsSetAndCas() throws IOException {
        try (TextClient c = client()) {
            c.call("ms cs1 1\r\n1\r\n");
            c.call("ms cs1 1 ME\r\n1\r\n");
            c.call("ms cs1 1 C1\r\n1\r\n");
            c.call("ms cs1 1 C0\r\n1\r\n");
            c.call("ms cs2 1 C5\r\n1\r\n");
            c.call("ms cs2 1 MA C5\r\n1\r\n");
            c.call("ms cs1 1 MA C5\r\n1\r\n");
            c.send("ms cs1 1 MP q\r\n1\r\n");
            c.call("ms cs1 1 MZ\r\n1\r\n");
            c.send("ms cs1 1 q\r\n123\r\n");
            c.line();
            c.call("ms cs1 1 I C1\r\n1\r\n");
            expect(stats(c, ""), "cmd_set", "10", "cas_misses", "1", "cas_hits", "1", "cas_badval", "2",
                    "cmd_get", "0");
        }
    }

    @Test
    void deleteArithmeticAndDebugCounters() throws IOException {
        try (TextClient c = client()) {
            c.call("ms cd1 1\r\n1\r\n");
            c.call("ma cd1\r\n");
            c.call("ma cd1 MD\r\n");
            c.call("ma cd1 C1\r\n");
            c.call("ma cdnone\r\n");
            c.call("ma cdnone MD\r\n");
            c.call("ma cdnone N0\r\n");
            c.call("ma cdnone2 N0 MD\r\n");
            c.call("md cd1 C1\r\n");
            c.call("md cd1 I\r\n");
            c.call("md cd1\r\n");
            c.call("md cd1\r\n");
            c.call("md cdnone2 I\r\n");
            c.call("me cdnone\r\n");
            c.call("me missing\r\n");
            c.call("me\r\n");
            expect(stats(c, ""), "incr_hits", "1", "incr_misses", "1", "decr_hits", "1", "decr_misses", "1",
                    "delete_hits", "1", "delete_misses", "2", "cmd_meta", "2", "cmd_get", "0", "cmd_set", "1");
        }
    }

    @Test
    void flushedItemsCountOnMetaGet() throws IOException {
        try (TextClient c = client()) {
            c.call("ms cf1 1\r\n1\r\n");
            c.call("flush_all\r\n");
            assertEquals("EN", c.call("mg cf1 v\r\n"));
            expect(stats(c, ""), "get_flushed", "1", "get_misses", "1");
        }
    }
}
