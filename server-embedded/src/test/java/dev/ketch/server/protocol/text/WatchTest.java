package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code watch}: the event streams and their line formats, as memcached 1.6.18's logger writes
 * them, the watcher limit and the skipping of lines a watcher does not read in time.
 */
class WatchTest {

    private static final String PREFIX = "ts=\\d+\\.\\d+ gid=\\d+ ";

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension();

    @RegisterExtension
    static MemcachedServerExtension small = new MemcachedServerExtension(s -> {
        s.maxBytes = 2L * 1024 * 1024;
        s.slabChunkSizeMax = s.slabPageSize;
        s.loggerWatcherBufSize = 2048;
    });

    @RegisterExtension
    static MemcachedServerExtension noWatch = new MemcachedServerExtension(s -> s.watchEnabled = false);

    private static TextClient watcher(MemcachedServerExtension server, String classes) throws IOException {
        TextClient w = new TextClient(server.port());
        assertEquals("OK", w.call("watch" + classes + "\r\n"));
        return w;
    }

    private static void assertLine(String regex, String line) {
        assertTrue(Pattern.compile(PREFIX + regex).matcher(line).matches(), "expected " + regex + ", got " + line);
    }

    /** The id {@code stats conns} gives the connection asking (its last line is its own entry). */
    private static int ownId(TextClient c) throws IOException {
        c.send("stats conns\r\n");
        String last = null;
        for (String l = c.line(); !l.equals("END"); l = c.line()) {
            last = l;
        }
        Matcher m = Pattern.compile("STAT (\\d+):").matcher(last);
        assertTrue(m.find(), last);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void fetchersAndMutations() throws IOException {
        try (TextClient w = watcher(memcached, " fetchers mutations"); TextClient c = new TextClient(memcached.port())) {
            int cfd = ownId(c);
            assertEquals("STORED", c.call("set watch:a 5 100 4\r\nabcd\r\n"));
            assertLine("type=item_get key=watch%3Aa status=not_found clsid=0 cfd=" + cfd + " size=0", w.rawLine());
            assertLine("type=item_store key=watch%3Aa status=stored cmd=set ttl=100 clsid=1 cfd=" + cfd + " size=4",
                    w.rawLine());
            assertEquals("VALUE watch:a 5 4", c.call("get watch:a\r\n"));
            c.untilEnd();
            assertLine("type=item_get key=watch%3Aa status=found clsid=1 cfd=" + cfd + " size=4", w.rawLine());
            assertEquals("NOT_STORED", c.call("add watch:a 0 0 1\r\nx\r\n"));
            w.rawLine();
            assertLine("type=item_store key=watch%3Aa status=not_stored cmd=add ttl=0 clsid=1 cfd=" + cfd + " size=1",
                    w.rawLine());
            assertEquals("EXISTS", c.call("cas watch:a 0 0 1 999999\r\nx\r\n"));
            w.rawLine();
            assertLine("type=item_store key=watch%3Aa status=exists cmd=cas .*", w.rawLine());
            assertEquals("SERVER_ERROR object too large for cache",
                    c.call("set watch:big 0 0 1100000\r\n" + "b".repeat(1_100_000) + "\r\n"));
            assertLine("type=item_store key=watch%3Abig status=too_large cmd=set ttl=0 clsid=0 cfd=" + cfd + " size=0",
                    w.rawLine());
        }
    }

    @Test
    void onlyTheClassesAsked() throws IOException {
        try (TextClient w = watcher(memcached, " mutations"); TextClient c = new TextClient(memcached.port())) {
            assertEquals("END", c.call("get watch:unseen\r\n"));
            assertEquals("STORED", c.call("set watch:seen 0 0 1\r\nx\r\n"));
            assertLine("type=item_store key=watch%3Aseen .*", w.rawLine());
        }
        try (TextClient w = watcher(memcached, ""); TextClient c = new TextClient(memcached.port())) {
            assertEquals("END", c.call("get watch:fetched\r\n"));
            assertLine("type=item_get key=watch%3Afetched status=not_found .*", w.rawLine());
        }
    }

    /**
     * The watcher's next line about the client on {@code port}; lines about other connections are
     * skipped: the server is shared, and an earlier test's connection may close late.
     */
    private static String lineAbout(TextClient w, int port) throws IOException {
        while (true) {
            String line = w.rawLine();
            if (line.contains(" rport=" + port + " ")) {
                return line;
            }
        }
    }

    @Test
    void connectionEvents() throws IOException {
        try (TextClient w = watcher(memcached, " connevents")) {
            int port;
            int cfd;
            try (TextClient c = new TextClient(memcached.port())) {
                port = c.localPort();
                String opened = lineAbout(w, port);
                assertLine("type=conn_new rip=127\\.0\\.0\\.1 rport=" + port + " transport=tcp cfd=\\d+", opened);
                cfd = ownId(c);
                assertTrue(opened.endsWith(" cfd=" + cfd), opened);
                c.send("quit\r\n");
                assertLine("type=conn_close rip=127\\.0\\.0\\.1 rport=" + port + " transport=tcp reason=normal cfd=" + cfd,
                        lineAbout(w, port));
            }
            try (TextClient c = new TextClient(memcached.port())) {
                assertLine("type=conn_new .*", lineAbout(w, c.localPort()));
                c.send("GET / HTTP/1.1\r\n");
                assertLine("type=conn_close rip=127\\.0\\.0\\.1 rport=" + c.localPort()
                        + " transport=tcp reason=error cfd=\\d+", lineAbout(w, c.localPort()));
            }
            int last;
            try (TextClient c = new TextClient(memcached.port())) {
                last = c.localPort();
                assertLine("type=conn_new .*", lineAbout(w, last));
            }
            assertLine("type=conn_close .* reason=normal cfd=\\d+", lineAbout(w, last));
        }
    }

    @Test
    void evictions() throws IOException {
        try (TextClient w = watcher(small, " evictions"); TextClient c = new TextClient(small.port())) {
            String value = "e".repeat(100_000);
            for (int i = 0; i < 40; i++) {
                assertEquals("STORED", c.call("set watch:ev" + i + " 0 0 100000\r\n" + value + "\r\n"));
            }
            assertLine("type=eviction key=watch%3Aev0 fetch=no ttl=-1 la=\\d+ clsid=\\d+ size=100000", w.rawLine());
        }
    }

    @Test
    void aWatcherThatDoesNotReadSkipsLinesAndSaysHowMany() throws IOException {
        try (TextClient w = new TextClient(small.port(), 4096); TextClient c = new TextClient(small.port())) {
            assertEquals("OK", w.call("watch\r\n"));
            String padding = "p".repeat(200);
            StringBuilder gets = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                gets.append("get watch:skip").append(i).append(padding).append("\r\n");
            }
            // far more log lines than the socket buffers and the 2 KB watcher buffer can hold
            for (int round = 0; round < 60; round++) {
                c.send(gets.toString());
                for (int i = 0; i < 1000; i++) {
                    assertEquals("END", c.line());
                }
            }
            List<String> seen = new ArrayList<>();
            String line;
            int read = 0;
            do {
                line = w.rawLine();
                seen.add(line);
                if (++read % 100 == 0) {
                    assertEquals("END", c.call("get watch:more\r\n"));
                }
            } while (!line.startsWith("skipped="));
            assertTrue(Long.parseLong(line.substring(8)) > 0, line);
            assertLine("type=item_get key=watch%3A(more|skip\\d+p+) status=not_found .*", w.rawLine());
            assertTrue(Long.parseLong(stat(c, "log_watcher_skipped")) > 0);
        }
    }

    @Test
    void limitsAndRefusals() throws IOException {
        List<TextClient> watchers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                watchers.add(watcher(memcached, " sysevents"));
            }
            try (TextClient c = new TextClient(memcached.port())) {
                assertEquals("WATCHER_TOO_MANY log watcher limit reached", c.call("watch\r\n"));
                assertEquals("20", stat(c, "log_watchers"));
            }
        } finally {
            for (TextClient w : watchers) {
                w.close();
            }
        }
        try (TextClient c = new TextClient(memcached.port())) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!stat(c, "log_watchers").equals("0") && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertEquals("0", stat(c, "log_watchers"), "closed watchers are removed");
            assertEquals("ERROR", c.call("watch fetchers nonsense\r\n"));
            assertEquals("VERSION", c.send("version\r\nwatch\r\n").line().substring(0, 7));
            assertEquals("ERROR cannot pipeline other commands before watch", c.line());
        }
        try (TextClient c = new TextClient(noWatch.port())) {
            assertEquals("CLIENT_ERROR watch commands not allowed", c.call("watch\r\n"));
        }
    }

    private static String stat(TextClient c, String name) throws IOException {
        c.send("stats\r\n");
        String value = null;
        for (String l = c.line(); !l.equals("END"); l = c.line()) {
            if (l.startsWith("STAT " + name + " ")) {
                value = l.substring(name.length() + 6);
            }
        }
        return value;
    }
}
