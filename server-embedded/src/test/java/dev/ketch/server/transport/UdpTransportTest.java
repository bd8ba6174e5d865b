package dev.ketch.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.testing.TextClient;
import dev.ketch.server.testing.UdpClient;
import dev.ketch.server.testing.UdpClient.Datagram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code -U}: request and reply datagrams as memcached 1.6.18 sends them, checked against a real
 * memcached 1.6.18 by experiment (one response per command and per multi-get key, each numbered
 * from 0; empty responses; dropped multi-datagram requests; data blocks continued by the next
 * datagram).
 */
class UdpTransportTest {

    private MemcachedServer server;
    private UdpClient udp;

    private void start(Consumer<ServerSettings> configure) throws IOException {
        ServerSettings s = new ServerSettings();
        s.port = 0;
        s.udpPort = -1;
        s.numThreads = 1;
        s.listenAddresses.add("127.0.0.1");
        configure.accept(s);
        server = MemcachedServer.start(s);
        udp = new UdpClient(server.udpPort());
    }

    @AfterEach
    void stop() {
        udp.close();
        server.close();
    }

    private static List<String> texts(List<Datagram> datagrams) {
        return datagrams.stream().map(Datagram::text).collect(Collectors.toList());
    }

    private static void assertHeaders(List<Datagram> datagrams, int requestId, int... sequenceAndTotal) {
        assertEquals(sequenceAndTotal.length / 2, datagrams.size(), datagrams::toString);
        for (int i = 0; i < datagrams.size(); i++) {
            Datagram d = datagrams.get(i);
            assertEquals(requestId, d.requestId(), "request id echoed");
            assertEquals(sequenceAndTotal[2 * i], d.sequence(), "sequence of datagram " + i);
            assertEquals(sequenceAndTotal[2 * i + 1], d.total(), "total of datagram " + i);
            assertEquals(0, d.reserved());
        }
    }

    @Test
    void setAndGetEchoTheRequestId() throws IOException {
        start(s -> s.numThreads = 4);
        List<Datagram> stored = udp.call(1, "set foo 0 0 6\r\nfooval\r\n");
        assertHeaders(stored, 1, 0, 1);
        assertEquals("STORED\r\n", stored.get(0).text());
        for (int id : new int[] {161, 161, 162, 0xFFFF}) {
            List<Datagram> got = udp.call(id, "get foo\r\n");
            assertHeaders(got, id, 0, 1);
            assertEquals("VALUE foo 0 6\r\nfooval\r\nEND\r\n", got.get(0).text());
        }
        try (TextClient tcp = new TextClient(server.port())) {
            assertEquals("VALUE foo 0 6", tcp.call("get foo\r\n"));
        }
    }

    @Test
    void binaryRequestsAreServedOverUdpWhateverMinusBSays() throws IOException {
        start(s -> s.bindingProtocol = ServerSettings.Protocol.ASCII);
        udp.call(3, "set foo 0 0 3\r\nbar\r\n");
        byte[] key = "foo".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer get = java.nio.ByteBuffer.allocate(24 + key.length);
        get.put((byte) 0x80).put((byte) 0x00).putShort((short) key.length).put((byte) 0).put((byte) 0).putShort((short) 0)
                .putInt(key.length).putInt(0xabcd).putLong(0).put(key);
        udp.send(7, 0, 1, get.array());
        List<Datagram> reply = udp.receive(2000, 200);
        assertHeaders(reply, 7, 0, 1);
        java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(reply.get(0).payload());
        assertEquals((byte) 0x81, r.get(0), "a binary response");
        assertEquals(0, r.getShort(6), "status: found");
        assertEquals(0xabcd, r.getInt(12), "opaque echoed");
        assertEquals("bar", new String(reply.get(0).payload(), 24 + 4, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aLargeReplyIsSplitInto1400ByteDatagramsNumberedFromZero() throws IOException {
        start(s -> { });
        String value = "x".repeat(20000);
        try (TextClient tcp = new TextClient(server.port())) {
            assertEquals("STORED", tcp.call("set big 0 0 20000\r\n" + value + "\r\n"));
        }
        List<Datagram> got = udp.call(53, "get big\r\n");
        String expected = "VALUE big 0 20000\r\n" + value + "\r\nEND\r\n";
        int total = (expected.length() + 1391) / 1392;
        assertEquals(total, got.size());
        for (Datagram d : got) {
            assertEquals(53, d.requestId());
            assertEquals(total, d.total());
            assertTrue(d.payload().length + 8 <= 1400);
        }
        assertEquals(1392, got.get(0).payload().length);
        assertEquals(expected, UdpClient.reassemble(got));
    }

    @Test
    void eachCommandAndEachKeyOfAMultiGetIsItsOwnResponse() throws IOException {
        start(s -> { });
        udp.callAndSync(1, "set a 0 0 1\r\n1\r\nset b 0 0 3\r\nbbb\r\n");
        List<Datagram> ab = udp.callAndSync(2, "get a b\r\n");
        assertHeaders(ab, 2, 0, 1, 0, 1);
        assertEquals(List.of("VALUE a 0 1\r\n1\r\n", "VALUE b 0 3\r\nbbb\r\nEND\r\n"), texts(ab));
        // a miss leaves its response empty: alone at the start of a batch it is sent as a bare header
        List<Datagram> xa = udp.callAndSync(3, "get x a\r\n");
        assertHeaders(xa, 3, 0, 0, 0, 1);
        assertEquals(List.of("", "VALUE a 0 1\r\n1\r\nEND\r\n"), texts(xa));
        assertEquals(List.of("VALUE a 0 1\r\n1\r\n", "END\r\n"), texts(udp.callAndSync(4, "get a x\r\n")));
        assertEquals(List.of("", "END\r\n"), texts(udp.callAndSync(5, "get x y z\r\n")));
        assertEquals(List.of("VALUE a 0 1\r\n1\r\nEND\r\n", "", "END\r\n"), texts(udp.callAndSync(6, "get a\r\nget x y\r\n")));
        // after a completed response, empty ones are not sent
        assertEquals(List.of("STORED\r\n", "END\r\n"), texts(udp.callAndSync(7, "set c 0 0 1\r\nc\r\nget x y\r\n")));
        assertEquals(List.of("", "END\r\n"), texts(udp.callAndSync(8, "set e 0 0 1 noreply\r\ne\r\nget x y\r\n")));
        assertEquals(List.of("STORED\r\n", "STORED\r\n"), texts(udp.callAndSync(9, "set c 0 0 1\r\nc\r\nset d 0 0 1\r\nd\r\n")));
        assertEquals(List.of(), texts(udp.callAndSync(10, "set e 0 0 1 noreply\r\ne\r\n")));
        assertEquals(List.of("ERROR\r\n"), texts(udp.callAndSync(11, "bogus\r\n")));
    }

    @Test
    void requestsThatMemcachedDropsGetNoReply() throws IOException {
        start(s -> { });
        udp.callAndSync(1, "set a 0 0 1\r\n1\r\n");
        udp.send(2, 0, 2, "get a\r\n".getBytes(StandardCharsets.US_ASCII));
        udp.sendRaw("12345678".getBytes(StandardCharsets.US_ASCII));
        udp.send(3, 1, 1, "get a\r\n".getBytes(StandardCharsets.US_ASCII));
        List<Datagram> replies = udp.callAndSync(4, "");
        assertEquals(List.of("VALUE a 0 1\r\n1\r\nEND\r\n"), texts(replies),
                "no reply to a request announcing two datagrams nor to a bare header; the sequence number is ignored");
        assertEquals(3, replies.get(0).requestId());
        udp.send(4, "get a");
        assertEquals(List.of("VALUE a 0 1\r\n1\r\nEND\r\n"), texts(udp.callAndSync(5, "get a\r\n")),
                "an incomplete line is forgotten by the next request");
        assertEquals(List.of(), texts(udp.callAndSync(6, "x".repeat(3000))), "a long line without newline ends the request");
        assertEquals(List.of("VALUE a 0 1\r\n1\r\nEND\r\n", ""), texts(udp.callAndSync(7, "get a\r\nquit\r\nget a\r\n")),
                "quit ends the request with an empty response");
        assertEquals(List.of("VALUE a 0 1\r\n1\r\nEND\r\n"), texts(udp.callAndSync(8, "get a\r\n")), "and serves the next one");
    }

    @Test
    void aDataBlockIsContinuedByTheNextDatagramHeaderIncluded() throws IOException {
        start(s -> { });
        udp.send(11, "set z 0 0 10\r\nabc");
        // memcached reads the next datagram whole into the value, header first, and keeps 9 bytes
        List<Datagram> reply = udp.call(12, "defg\r\nget a\r\n");
        assertHeaders(reply, 11, 0, 1);
        assertEquals("CLIENT_ERROR bad data chunk\r\n", reply.get(0).text());
        udp.send(13, "set z 0 0 3\r\nab");
        udp.sendRaw("c\r\n".getBytes(StandardCharsets.US_ASCII));
        List<Datagram> stored = udp.receive(3000, 300);
        assertEquals(List.of("STORED\r\n"), texts(stored));
        assertEquals(13, stored.get(0).requestId());
        assertEquals(List.of("VALUE z 0 3\r\nabc\r\nEND\r\n"), texts(udp.callAndSync(14, "get z\r\n")));
    }

    @Test
    void statsConnsListsEveryUdpConnection() throws IOException {
        start(s -> s.numThreads = 3);
        int udpPort = server.udpPort();
        String viaUdp = UdpClient.reassemble(udp.call(1, "stats conns\r\n"));
        // the listener 19, three UDP connections 20-22; the one serving this request shows its sender
        assertTrue(viaUdp.startsWith("STAT 19:addr tcp:127.0.0.1:" + server.port() + "\r\nSTAT 19:state conn_listening\r\n"),
                viaUdp);
        assertEquals(3, viaUdp.split("UDP UDP", -1).length - 1, viaUdp);
        assertTrue(viaUdp.contains(":listen_addr udp:127.0.0.1:" + udpPort + "\r\n"), viaUdp);
        assertTrue(viaUdp.contains(":state conn_parse_cmd\r\n"), viaUdp);
        try (TextClient tcp = new TextClient(server.port())) {
            String conns = tcp.send("stats conns\r\n").untilEnd();
            for (int id = 20; id <= 22; id++) {
                assertTrue(conns.contains("STAT " + id + ":UDP UDP\r\nSTAT " + id + ":addr udp:127.0.0.1:" + udpPort
                        + "\r\nSTAT " + id + ":state conn_read\r\nSTAT " + id + ":secs_since_last_cmd "), conns);
            }
            assertTrue(conns.contains("STAT 23:addr tcp:127.0.0.1:"), conns);
            Map<String, String> stats = tcp.send("stats\r\n").untilEnd().lines().filter(l -> l.startsWith("STAT "))
                    .map(l -> l.substring(5).split(" ", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
            assertEquals("4", stats.get("curr_connections"), "listener, 3 UDP connections and this client, less one");
        }
    }

    @Test
    void bytesReadAndWrittenCountWholeDatagrams() throws IOException {
        start(s -> { });
        List<Datagram> version = udp.call(1, "version\r\n"); // 8 + 9 bytes in
        udp.send(2, 0, 2, "get a\r\n".getBytes(StandardCharsets.US_ASCII)); // dropped, still read
        String stats = UdpClient.reassemble(udp.call(3, "stats\r\n"));
        assertTrue(stats.contains("STAT bytes_read " + (17 + 15 + 15) + "\r\n"), stats);
        assertTrue(stats.contains("STAT bytes_written " + (8 + version.get(0).payload().length) + "\r\n"), stats);
    }

    @Test
    void noUdpWithoutMinusU() throws IOException {
        start(s -> s.udpPort = 0);
        assertEquals(0, server.udpPort());
        assertTrue(server.listeningSockets().stream().noneMatch(l -> l.transport() == Transport.UDP));
    }
}
