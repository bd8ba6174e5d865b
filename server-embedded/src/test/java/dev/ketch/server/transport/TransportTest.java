package dev.ketch.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.ServerStartException;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Connection handling, server settings that change the protocol, and the server's life cycle. */
class TransportTest {

    private static MemcachedServer start(Consumer<ServerSettings> configure) {
        ServerSettings s = new ServerSettings();
        s.port = 0;
        s.listenAddresses.add("127.0.0.1");
        configure.accept(s);
        return MemcachedServer.start(s);
    }

    private static Map<String, String> stats(TextClient c) throws IOException {
        String all = c.send("stats\r\n").untilEnd();
        return all.lines().filter(l -> l.startsWith("STAT "))
                .map(l -> l.substring(5).split(" ", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }

    @Test
    void maxconnsRejectsLikeMemcached() throws IOException {
        // memcached -t 4 -c 27: the listener is fd 23, clients 24 and 25 fit, fd 26 >= 27 - 1 is rejected
        try (MemcachedServer server = start(s -> s.maxConns = 27)) {
            List<TextClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    TextClient c = new TextClient(server.port());
                    clients.add(c);
                    assertTrue(c.call("version\r\n").startsWith("VERSION"));
                }
                for (int i = 0; i < 2; i++) {
                    try (TextClient rejected = new TextClient(server.port())) {
                        assertEquals("ERROR Too many open connections", rejected.line());
                        assertTrue(rejected.closedByServer());
                    }
                }
                Map<String, String> stats = stats(clients.get(0));
                assertEquals("2", stats.get("rejected_connections"));
                assertEquals("2", stats.get("curr_connections"));
                assertEquals("3", stats.get("total_connections"));
                assertEquals("27", stats.get("max_connections"));
            } finally {
                for (TextClient c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void idleConnectionsAreKicked() throws Exception {
        try (MemcachedServer server = start(s -> s.idleTimeout = 1)) {
            try (TextClient idle = new TextClient(server.port()); TextClient busy = new TextClient(server.port())) {
                long deadline = System.currentTimeMillis() + 4500;
                while (System.currentTimeMillis() < deadline) {
                    assertTrue(busy.call("version\r\n").startsWith("VERSION"));
                    Thread.sleep(200);
                }
                assertTrue(idle.closedByServer());
                assertEquals("1", stats(busy).get("idle_kicks"));
            }
        }
    }

    @Test
    void statsConnsListsEveryConnection() throws IOException {
        try (MemcachedServer server = start(s -> { });
                TextClient a = new TextClient(server.port());
                TextClient b = new TextClient(server.port());
                TextClient idle = new TextClient(server.port())) {
            assertTrue(idle.call("version\r\n").startsWith("VERSION"));
            a.send("set foo 0 0 6\r\nab");
            int port = server.port();
            Pattern p = Pattern.compile("STAT (\\d+):(\\w+) (.*)\r\n");
            // the server reads the partial set and the idle connection goes back to reading in its
            // own time: asked again until they show (a loaded machine may take a while)
            long deadline = System.nanoTime() + 10_000_000_000L;
            String conns;
            Map<String, Map<String, String>> byId;
            do {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
                conns = b.send("stats conns\r\n").untilEnd();
                Matcher m = p.matcher(conns);
                byId = new java.util.TreeMap<>();
                while (m.find()) {
                    byId.computeIfAbsent(m.group(1), k -> new java.util.LinkedHashMap<>()).put(m.group(2), m.group(3));
                }
            } while (!(byId.containsKey("24") && "conn_nread".equals(byId.get("24").get("state"))
                    && byId.containsKey("26") && "conn_read".equals(byId.get("26").get("state")))
                    && System.nanoTime() < deadline);
            assertEquals(Set.of("23", "24", "25", "26"), byId.keySet(), conns);
            assertEquals("tcp:127.0.0.1:" + port, byId.get("23").get("addr"));
            assertEquals("conn_listening", byId.get("23").get("state"));
            assertEquals(List.of("addr", "listen_addr", "state", "secs_since_last_cmd"), new ArrayList<>(byId.get("24").keySet()));
            assertEquals("tcp:127.0.0.1:" + port, byId.get("24").get("listen_addr"));
            assertEquals("conn_nread", byId.get("24").get("state"));
            assertEquals("conn_parse_cmd", byId.get("25").get("state"));
            assertEquals("conn_read", byId.get("26").get("state"));
            assertTrue(conns.endsWith("END\r\n"));
            a.send("cdef\r\n");
            assertEquals("STORED", a.line());
        }
    }

    @Test
    void yieldsAfterReqsPerEvent() throws IOException {
        try (MemcachedServer server = start(s -> s.reqsPerEvent = 1); TextClient c = new TextClient(server.port())) {
            c.send("set foobar 0 0 5\r\nBubba\r\n".repeat(6));
            for (int i = 0; i < 6; i++) {
                assertEquals("STORED", c.line());
            }
            assertTrue(Long.parseLong(stats(c).get("conn_yields")) >= 5);
        }
    }

    @Test
    void disabledFeatures() throws IOException {
        try (MemcachedServer server = start(s -> {
            s.flushEnabled = false;
            s.dumpEnabled = false;
            s.watchEnabled = false;
            s.slabReassign = false;
        }); TextClient c = new TextClient(server.port())) {
            assertEquals("CLIENT_ERROR flush_all not allowed", c.call("flush_all\r\n"));
            assertEquals("1", stats(c).get("cmd_flush"));
            assertEquals("CLIENT_ERROR stats cachedump not allowed", c.call("stats cachedump 1 0\r\n"));
            assertEquals("CLIENT_ERROR watch commands not allowed", c.call("watch\r\n"));
            assertEquals("CLIENT_ERROR slab reassignment disabled", c.call("slabs reassign 1 2\r\n"));
            assertEquals("ERROR metadump not allowed", c.call("lru_crawler metadump all\r\n"));
        }
    }

    @Test
    void debugtimeMovesTheClock() throws IOException {
        try (MemcachedServer server = start(s -> s.debugTimeCommand = true); TextClient c = new TextClient(server.port())) {
            assertEquals("STORED", c.call("set t 0 10 1\r\nx\r\n"));
            assertEquals("OK", c.call("debugtime p\r\n"));
            assertEquals("OK", c.call("debugtime 11\r\n"));
            assertEquals("END", c.call("get t\r\n"));
            assertEquals("OK", c.call("debugtime r\r\n"));
            assertEquals("ERROR", c.call("debugtime x\r\n"));
        }
    }

    @Test
    void shutdownCommandStopsTheServer() throws Exception {
        MemcachedServer server = start(s -> s.shutdownCommand = true);
        try (TextClient c = new TextClient(server.port())) {
            assertEquals("CLIENT_ERROR invalid shutdown mode", c.call("shutdown now\r\n"));
            c.send("version\r\nshutdown\r\n");
            assertTrue(c.closedByServer());
            server.awaitClose();
            assertTrue(server.isClosed());
        } finally {
            server.close();
        }
    }

    @Test
    void closeStopsEveryThreadAndIsIdempotent() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        MemcachedServer server = start(s -> s.idleTimeout = 5);
        try (TextClient c = new TextClient(server.port())) {
            c.send("set x 0 0 100\r\npartial");
            assertEquals("", c.drain(100));
            server.close();
            assertTrue(c.closedByServer());
        }
        server.close();
        long deadline = System.currentTimeMillis() + 5000;
        List<Thread> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .filter(t -> t.getName().startsWith("ketch-") || t.getName().contains("netty")
                            || t.getName().contains("epoll") || t.getName().contains("nio"))
                    .collect(Collectors.toList());
            if (!left.isEmpty()) {
                Thread.sleep(50);
            }
        } while (!left.isEmpty() && System.currentTimeMillis() < deadline);
        assertEquals(List.of(), left.stream().map(Thread::getName).collect(Collectors.toList()));
    }

    @Test
    void bindFailureIsDescriptive() {
        try (MemcachedServer first = start(s -> { })) {
            ServerStartException e = assertThrows(ServerStartException.class, () -> start(s -> s.port = first.port()));
            assertEquals("failed to listen on one of interface(s) 127.0.0.1: Address already in use", e.getMessage(),
                    "memcached's words");
            assertTrue(e.getCause().getMessage().contains("127.0.0.1:" + first.port()), e.getCause().getMessage());
        }
    }

    @Test
    void builderAndWildcardListener() throws IOException {
        try (MemcachedServer server = MemcachedServer.builder().port(0).threads(2).memoryLimitMb(16).maxItemSize(2048)
                .start(); TextClient c = new TextClient(server.port())) {
            Map<String, String> stats = stats(c);
            assertEquals("2", stats.get("threads"));
            assertEquals(String.valueOf(16 * 1024 * 1024), stats.get("limit_maxbytes"));
            assertEquals("SERVER_ERROR object too large for cache", c.call("set big 0 0 3000\r\n" + "x".repeat(3000) + "\r\n"));
            String conns = c.send("stats conns\r\n").untilEnd();
            assertTrue(conns.contains("STAT 15:addr tcp:0.0.0.0:" + server.port() + "\r\nSTAT 15:state conn_listening"), conns);
            assertNotNull(stats.get("curr_connections"));
            assertFalse(server.isClosed());
        }
    }

    @Test
    void withoutFastRejectionAcceptingPausesAtMaxconns() throws Exception {
        try (MemcachedServer server = start(s -> {
            s.maxConns = 26;
            s.maxConnsFast = false;
        })) {
            TextClient first = new TextClient(server.port());
            try (TextClient second = new TextClient(server.port()); TextClient third = new TextClient(server.port())) {
                assertTrue(first.call("version\r\n").startsWith("VERSION"));
                Map<String, String> stats = stats(second);
                assertEquals("0", stats.get("accepting_conns"));
                assertEquals("1", stats.get("listen_disabled_num"));
                third.send("version\r\n");
                assertEquals("", third.drain(300), "not accepted while the server is full");
                first.close();
                assertTrue(third.line().startsWith("VERSION"));
                stats = stats(third);
                assertEquals("0", stats.get("accepting_conns"), "full again with the third client");
                assertEquals("2", stats.get("listen_disabled_num"));
            } finally {
                first.close();
            }
        }
    }

    @Test
    void slowReaderGetsEveryReplyInOrder() throws IOException {
        try (MemcachedServer server = start(s -> s.reqsPerEvent = 3); TextClient c = new TextClient(server.port())) {
            byte[] value = new byte[200_000];
            java.util.Arrays.fill(value, (byte) 'v');
            c.send("set big 0 0 " + value.length + "\r\n").send(value).send("\r\n");
            assertEquals("STORED", c.line());
            c.send("get big\r\nincr n 1\r\n".repeat(150));
            for (int i = 0; i < 150; i++) {
                assertEquals("VALUE big 0 " + value.length, c.line());
                org.junit.jupiter.api.Assertions.assertArrayEquals(value, c.bytes(value.length));
                assertEquals("", c.line());
                assertEquals("END", c.line());
                assertEquals("NOT_FOUND", c.line());
            }
            assertTrue(Long.parseLong(stats(c).get("bytes_written")) > 150L * value.length);
        }
    }
}
