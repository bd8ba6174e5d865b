package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code lru_crawler metadump}: one line per live item, as memcached 1.6.18 writes them, then
 * {@code END}; the connection serves commands again afterwards.
 */
class MetadumpTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension();

    @RegisterExtension
    static MemcachedServerExtension noDumps = new MemcachedServerExtension(s -> s.dumpEnabled = false);

    /** The lines of one dump, by key, each as its {@code name=value} fields. */
    private static Map<String, Map<String, String>> dump(TextClient c, String spec) throws IOException {
        c.send("lru_crawler metadump " + spec + "\r\n");
        Map<String, Map<String, String>> items = new HashMap<>();
        while (true) {
            String line = c.rawLine();
            if (line.equals("END\r")) {
                return items;
            }
            Map<String, String> fields = new HashMap<>();
            for (String field : line.split(" ")) {
                int eq = field.indexOf('=');
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
            assertEquals(List.of("key", "exp", "la", "cas", "fetch", "cls", "size"), orderOf(line), line);
            items.put(fields.get("key"), fields);
        }
    }

    private static List<String> orderOf(String line) {
        List<String> names = new ArrayList<>();
        for (String field : line.split(" ")) {
            names.add(field.substring(0, field.indexOf('=')));
        }
        return names;
    }

    private static long casOf(TextClient c, String key) throws IOException {
        String header = c.send("gets " + key + "\r\n").line();
        c.untilEnd();
        return Long.parseLong(header.substring(header.lastIndexOf(' ') + 1));
    }

    @Test
    void describesEveryLiveItem() throws IOException {
        try (TextClient c = new TextClient(memcached.port())) {
            assertEquals("OK", c.call("flush_all\r\n"));
            assertEquals("STORED", c.call("set dump:plain 0 0 3\r\nabc\r\n"));
            assertEquals("STORED", c.call("set dump/odd key~ 0 1000 5\r\nhello\r\n".replace("odd key", "odd%key")));
            assertEquals("STORED", c.call("set dump:big 0 0 2000\r\n" + "x".repeat(2000) + "\r\n"));
            assertEquals("STORED", c.call("set dump:gone 0 -1 1\r\nx\r\n"));
            long cas = casOf(c, "dump:plain");
            long now = Long.parseLong(statValue(c, "time"));

            for (String spec : new String[] {"all", "hash"}) {
                Map<String, Map<String, String>> items = dump(c, spec);
                assertEquals(3, items.size(), spec + ": " + items.keySet());
                Map<String, String> plain = items.get("dump%3Aplain");
                assertEquals("-1", plain.get("exp"));
                assertEquals(Long.toString(cas), plain.get("cas"));
                assertEquals("yes", plain.get("fetch"));
                assertEquals("1", plain.get("cls"));
                assertEquals(Integer.toString(48 + 8 + 10 + 1 + 5), plain.get("size"));
                assertTrue(Math.abs(Long.parseLong(plain.get("la")) - now) <= 2, plain.toString());
                Map<String, String> odd = items.get("dump%2Fodd%25key~");
                assertTrue(Math.abs(Long.parseLong(odd.get("exp")) - (now + 1000)) <= 2, odd.toString());
                assertEquals("no", odd.get("fetch"));
                assertTrue(Integer.parseInt(items.get("dump%3Abig").get("cls")) > 1);
            }
            assertEquals("VERSION", c.call("version\r\n").substring(0, 7), "the connection serves commands again");
        }
    }

    @Test
    void onlyTheNamedClasses() throws IOException {
        try (TextClient c = new TextClient(memcached.port())) {
            assertEquals("OK", c.call("flush_all\r\n"));
            assertEquals("STORED", c.call("set small 0 0 1\r\nx\r\n"));
            assertEquals("STORED", c.call("set large 0 0 5000\r\n" + "y".repeat(5000) + "\r\n"));
            assertEquals(List.of("small"), List.copyOf(dump(c, "1").keySet()));
            assertEquals(0, dump(c, "2").size());
        }
    }

    @Test
    void commandsPipelinedAfterTheDumpRunAfterIt() throws IOException {
        try (TextClient c = new TextClient(memcached.port())) {
            assertEquals("OK", c.call("flush_all\r\n"));
            assertEquals("STORED", c.call("set after 0 0 1\r\nx\r\n"));
            c.send("lru_crawler metadump all\r\nget after\r\n");
            assertTrue(c.rawLine().startsWith("key=after "));
            assertEquals("END", c.line());
            assertEquals("VALUE after 0 1\r\nx\r\nEND\r\n", c.untilEnd());
        }
    }

    @Test
    void refusals() throws IOException {
        try (TextClient c = new TextClient(memcached.port())) {
            assertEquals("EN\r\nERROR cannot pipeline other commands before metadump\r\n",
                    c.send("mg refusals:none v\r\nlru_crawler metadump all\r\n").line() + "\r\n" + c.line() + "\r\n");
            assertEquals("BADCLASS invalid class id", c.call("lru_crawler metadump 0\r\n"));
            assertEquals("BADCLASS invalid class id", c.call("lru_crawler metadump 64\r\n"));
            assertEquals("BADCLASS invalid class id", c.call("lru_crawler metadump one\r\n"));
            assertEquals("ERROR", c.call("lru_crawler metadump\r\n"));
        }
        try (TextClient c = new TextClient(noDumps.port())) {
            assertEquals("ERROR metadump not allowed", c.call("lru_crawler metadump all\r\n"));
        }
    }

    @Test
    void aClientLeavingMidDumpFreesTheCrawler() throws IOException {
        try (TextClient c = new TextClient(memcached.port())) {
            assertEquals("OK", c.call("flush_all\r\n"));
            String value = "v".repeat(100);
            StringBuilder sets = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                sets.append("set leaving:").append(i).append(" 0 0 100 noreply\r\n").append(value).append("\r\n");
            }
            c.send(sets.toString());
            assertTrue(c.call("version\r\n").startsWith("VERSION"));
        }
        try (TextClient leaving = new TextClient(memcached.port())) {
            leaving.send("lru_crawler metadump all\r\n");
            assertTrue(leaving.rawLine().startsWith("key="));
        }
        // The dump notices the closed connection when it next writes; until then it is busy.
        try (TextClient c = new TextClient(memcached.port())) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            String first;
            do {
                first = c.send("lru_crawler metadump all\r\n").rawLine();
            } while (first.startsWith("BUSY") && System.nanoTime() < deadline);
            assertTrue(first.startsWith("key="), first);
            int lines = 1;
            while (!c.rawLine().equals("END\r")) {
                lines++;
            }
            assertEquals(20_000, lines);
        }
    }

    private static String statValue(TextClient c, String name) throws IOException {
        c.send("stats\r\n");
        String value = null;
        while (true) {
            String line = c.line();
            if (line.equals("END")) {
                return value;
            }
            if (line.startsWith("STAT " + name + " ")) {
                value = line.substring(name.length() + 6);
            }
        }
    }
}
