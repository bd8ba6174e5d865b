package dev.ketch.server.protocol.binary;

import static dev.ketch.server.testing.BinaryClient.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.Version;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.BinaryClient;
import dev.ketch.server.testing.BinaryClient.Response;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The binary protocol over real sockets. Expected packets were taken from memcached 1.6.18
 * ({@code /usr/bin/memcached}) for the same input.
 */
class BinaryProtocolTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension();

    private static final AtomicInteger KEYS = new AtomicInteger();

    private static String key() {
        return "bk" + KEYS.incrementAndGet();
    }

    private BinaryClient client() throws IOException {
        return new BinaryClient(memcached.port());
    }

    private static BinaryClient.Request set(String key, String value) {
        return request(Opcodes.SET).key(key).flagsAndExpiry(0, 0).value(value);
    }

    private static BinaryClient.Request noop(int opaque) {
        return request(Opcodes.NOOP).opaque(opaque);
    }

    private static void assertStatus(int expected, Response r) {
        assertEquals(expected, r.status(), () -> "status of " + r + " (" + r.valueString() + ")");
    }

    @Test
    void versionAndNoopEchoOpaque() throws IOException {
        try (BinaryClient c = client()) {
            Response v = c.call(request(Opcodes.VERSION).opaque(0x01020304));
            assertEquals(0x81, v.magic());
            assertEquals(Opcodes.VERSION, v.opcode());
            assertEquals(0x01020304, v.opaque());
            assertEquals(Version.full(), v.valueString());
            Response n = c.call(noop(-7));
            assertStatus(Status.SUCCESS, n);
            assertEquals(-7, n.opaque());
            assertEquals(0, n.value().length);
        }
    }

    /**
     * memcached reads the binary expiration as unsigned: all ones is a unix time in 2106, which
     * keeps the item (spymemcached sends -1 so), where the text protocol's -1 expires it.
     */
    @Test
    void anExpirationOfAllOnesIsAUnixTimeFarAheadAndKeepsTheItem() throws IOException {
        try (BinaryClient c = client()) {
            String k = key();
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.SET).key(k).flagsAndExpiry(0, -1).value("kept")));
            assertEquals("kept", c.call(request(Opcodes.GET).key(k)).valueString());
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.TOUCH).key(k).expiry(-1)));
            assertEquals("kept", c.call(request(Opcodes.GET).key(k)).valueString());
        }
    }

    @Test
    void setAndEveryGetVariant() throws IOException {
        try (BinaryClient c = client()) {
            String k = key();
            Response s = c.call(request(Opcodes.SET).key(k).flagsAndExpiry(0xdeadbeef, 0).value("hello").opaque(1));
            assertStatus(Status.SUCCESS, s);
            assertNotEquals(0, s.cas());
            Response g = c.call(request(Opcodes.GET).key(k).opaque(2));
            assertEquals(0xdeadbeef, g.flags());
            assertEquals("hello", g.valueString());
            assertEquals(0, g.key().length);
            assertEquals(s.cas(), g.cas());
            Response gk = c.call(request(Opcodes.GETK).key(k));
            assertEquals(k, gk.keyString());
            assertEquals("hello", gk.valueString());
            // quiet: hits answer, misses do not
            c.send(BinaryClient.concat(request(Opcodes.GETQ).key(k).opaque(3), request(Opcodes.GETQ).key(key()).opaque(4),
                    request(Opcodes.GETKQ).key(key()).opaque(5), request(Opcodes.GETKQ).key(k).opaque(6), noop(7)));
            List<Response> rs = c.readUntilOpaque(7);
            assertEquals(List.of(3, 6, 7), rs.stream().map(Response::opaque).toList());
            assertEquals(Opcodes.GETQ, rs.get(0).opcode());
            assertEquals(k, rs.get(1).keyString());
            // misses
            String missing = key();
            Response m = c.call(request(Opcodes.GET).key(missing));
            assertStatus(Status.KEY_ENOENT, m);
            assertEquals("Not found", m.valueString());
            Response mk = c.call(request(Opcodes.GETK).key(missing));
            assertStatus(Status.KEY_ENOENT, mk);
            assertEquals(missing, mk.keyString());
            assertEquals(0, mk.value().length);
        }
    }

    @Test
    void addReplaceAndQuietVariantsStillAnswerErrors() throws IOException {
        try (BinaryClient c = client()) {
            String k = key();
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.ADD).key(k).flagsAndExpiry(5, 0).value("ex")));
            Response exists = c.call(request(Opcodes.ADD).key(k).flagsAndExpiry(0, 0).value("ex2"));
            assertStatus(Status.KEY_EEXISTS, exists);
            assertEquals("Data exists for key.", exists.valueString());
            assertStatus(Status.KEY_ENOENT, c.call(request(Opcodes.REPLACE).key(key()).flagsAndExpiry(0, 0).value("x")));
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.REPLACE).key(k).flagsAndExpiry(24, 0).value("ex3")));
            c.send(BinaryClient.concat(request(Opcodes.ADDQ).key(k).flagsAndExpiry(0, 0).value("x").opaque(1),
                    request(Opcodes.REPLACEQ).key(key()).flagsAndExpiry(0, 0).value("x").opaque(2),
                    request(Opcodes.SETQ).key(k).flagsAndExpiry(1, 0).value("quiet").opaque(3), noop(4)));
            List<Response> rs = c.readUntilOpaque(4);
            assertEquals(List.of(1, 2, 4), rs.stream().map(Response::opaque).toList());
            assertEquals(Opcodes.ADDQ, rs.get(0).opcode());
            assertStatus(Status.KEY_EEXISTS, rs.get(0));
            assertStatus(Status.KEY_ENOENT, rs.get(1));
            assertEquals("quiet", c.call(request(Opcodes.GET).key(k)).valueString());
        }
    }

    @Test
    void casOnStoresAndDeletes() throws IOException {
        try (BinaryClient c = client()) {
            String k = key();
            assertStatus(Status.KEY_ENOENT, c.call(set(k, "bad").cas(0x7ffffff)));
            long cas = c.call(request(Opcodes.ADD).key(k).flagsAndExpiry(0, 0).value("original")).cas();
            assertStatus(Status.KEY_EEXISTS, c.call(set(k, "broken").cas(cas + 1)));
            Response ok = c.call(set(k, "new").cas(cas));
            assertStatus(Status.SUCCESS, ok);
            assertEquals(ok.cas(), c.call(request(Opcodes.GET).key(k)).cas());
            assertStatus(Status.KEY_EEXISTS, c.call(set(k, "replay").cas(cas)));
            // an add carrying a CAS is a compare-and-swap
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.ADD).key(k).flagsAndExpiry(0, 0).value("a").cas(ok.cas())));
            long now = c.call(request(Opcodes.GET).key(k)).cas();
            assertStatus(Status.KEY_EEXISTS, c.call(request(Opcodes.APPEND).key(k).value("!").cas(now + 5)));
            assertStatus(Status.KEY_EEXISTS, c.call(request(Opcodes.DELETE).key(k).cas(now + 5)));
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.DELETE).key(k).cas(now)));
            assertStatus(Status.KEY_ENOENT, c.call(request(Opcodes.DELETE).key(k)));
            c.send(BinaryClient.concat(set(k, "v"), request(Opcodes.DELETEQ).key(k).opaque(1),
                    request(Opcodes.DELETEQ).key(k).opaque(2), noop(3)));
            List<Response> rs = c.readUntilOpaque(3);
            assertEquals(List.of(0, 2, 3), rs.stream().map(Response::opaque).toList());
            assertStatus(Status.KEY_ENOENT, rs.get(1));
        }
    }

    @Test
    void incrementAndDecrement() throws IOException {
        try (BinaryClient c = client()) {
            String k = key();
            long missesBefore = stat(c, "incr_misses");
            Response created = c.call(request(Opcodes.INCREMENT).key(k).delta(1, 5, 0));
            assertStatus(Status.SUCCESS, created);
            assertEquals(5, created.number());
            assertNotEquals(0, created.cas());
            assertEquals(missesBefore, stat(c, "incr_misses"), "creating is not a miss");
            assertEquals(6, c.call(request(Opcodes.INCREMENT).key(k).delta(1, 0, 0)).number());
            assertEquals(0, c.call(request(Opcodes.DECREMENT).key(k).delta(100, 0, 0)).number());
            assertEquals("0", c.call(request(Opcodes.GET).key(k)).valueString());
            Response noCreate = c.call(request(Opcodes.INCREMENT).key(key()).delta(1, 5, 0xffffffff));
            assertStatus(Status.KEY_ENOENT, noCreate);
            assertEquals(missesBefore + 1, stat(c, "incr_misses"));
            String big = key();
            c.call(set(big, "18446744073709551615"));
            assertEquals(0, c.call(request(Opcodes.INCREMENT).key(big).delta(1, 0, 0)).number(), "wraps");
            String text = key();
            c.call(set(text, "text"));
            Response bad = c.call(request(Opcodes.DECREMENT).key(text).delta(1, 0, 0));
            assertStatus(Status.DELTA_BADVAL, bad);
            assertEquals("Non-numeric server-side value for incr or decr", bad.valueString());
            long cas = c.call(request(Opcodes.GET).key(k)).cas();
            assertStatus(Status.KEY_EEXISTS, c.call(request(Opcodes.INCREMENT).key(k).delta(1, 0, 0).cas(cas + 1)));
            Response withCas = c.call(request(Opcodes.INCREMENT).key(k).delta(7, 0, 0).cas(cas));
            assertEquals(7, withCas.number());
            assertNotEquals(cas, withCas.cas());
            String q = key();
            c.send(BinaryClient.concat(request(Opcodes.INCREMENTQ).key(q).delta(0, 185, 0).opaque(1),
                    request(Opcodes.DECREMENTQ).key(q).delta(8, 0, 0).opaque(2), noop(3)));
            assertEquals(List.of(3), c.readUntilOpaque(3).stream().map(Response::opaque).toList());
            assertEquals("177", c.call(request(Opcodes.GET).key(q)).valueString());
        }
    }

    @Test
    void appendAndPrepend() throws IOException {
        try (BinaryClient c = client()) {
            String k = key();
            c.call(request(Opcodes.SET).key(k).flagsAndExpiry(19, 0).value("some value"));
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.APPEND).key(k).value(" more")));
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.PREPEND).key(k).value("prefixed ")));
            c.send(BinaryClient.concat(request(Opcodes.APPENDQ).key(k).value("!").opaque(1), noop(2)));
            assertEquals(1, c.readUntilOpaque(2).size());
            Response g = c.call(request(Opcodes.GET).key(k));
            assertEquals("prefixed some value more!", g.valueString());
            assertEquals(19, g.flags());
            Response missing = c.call(request(Opcodes.APPEND).key(key()).value("x"));
            assertStatus(Status.NOT_STORED, missing);
            assertEquals("Not stored.", missing.valueString());
        }
    }

    @Test
    void touchAndGetAndTouch() throws IOException {
        try (BinaryClient c = client()) {
            String k = key();
            c.call(request(Opcodes.SET).key(k).flagsAndExpiry(5, 0).value("hello"));
            Response t = c.call(request(Opcodes.TOUCH).key(k).expiry(100));
            assertStatus(Status.SUCCESS, t);
            assertEquals(5, t.flags());
            assertEquals(0, t.value().length);
            assertStatus(Status.KEY_ENOENT, c.call(request(Opcodes.TOUCH).key(key()).expiry(1)));
            Response gat = c.call(request(Opcodes.GAT).key(k).expiry(100));
            assertEquals("hello", gat.valueString());
            Response gatk = c.call(request(Opcodes.GATK).key(k).expiry(100));
            assertEquals(k, gatk.keyString());
            String missing = key();
            c.send(BinaryClient.concat(request(Opcodes.GATQ).key(missing).expiry(1).opaque(1),
                    request(Opcodes.GATKQ).key(missing).expiry(1).opaque(2),
                    request(Opcodes.GATKQ).key(k).expiry(1).opaque(3), noop(4)));
            assertEquals(List.of(3, 4), c.readUntilOpaque(4).stream().map(Response::opaque).toList());
            assertEquals(missing, c.call(request(Opcodes.GATK).key(missing).expiry(1)).keyString());
        }
    }

    @Test
    void statGroups() throws IOException {
        try (BinaryClient c = client()) {
            Map<String, String> general = stats(c, "");
            assertTrue(general.containsKey("cmd_get") && general.containsKey("auth_cmds") && general.containsKey("curr_items"));
            assertEquals("auto-negotiate", stats(c, "settings").get("binding_protocol"));
            c.call(set(key(), "x"));
            assertTrue(stats(c, "items").keySet().stream().anyMatch(s -> s.startsWith("items:")));
            assertTrue(stats(c, "slabs").containsKey("active_slabs"));
            assertTrue(stats(c, "detail on").isEmpty());
            c.call(set("pfx:" + key(), "x"));
            Map<String, String> dump = stats(c, "detail dump");
            assertTrue(dump.get("detailed").startsWith("PREFIX pfx get 0 hit 0 set 1 del 0\r\n"), dump.toString());
            assertTrue(dump.get("detailed").endsWith("END\r\n"));
            assertTrue(stats(c, "detail off").isEmpty());
            assertStatus(Status.KEY_ENOENT, c.call(request(Opcodes.STAT).key("detail bogus")));
            assertStatus(Status.KEY_ENOENT, c.call(request(Opcodes.STAT).key("conns")));
            Response one = c.call(request(Opcodes.STAT).key("sizes_disable").opaque(9));
            assertEquals("sizes_status", one.keyString());
            assertEquals(9, one.opaque());
            assertEquals("1", c.call(noop(10)).opaque() == 10 ? "1" : "no terminator expected");
        }
    }

    @Test
    void statsResetAndCounters() throws IOException {
        try (BinaryClient c = client()) {
            long gets = stat(c, "cmd_get");
            c.call(request(Opcodes.GET).key(key()));
            assertEquals(gets + 1, stat(c, "cmd_get"));
            long read = stat(c, "bytes_read");
            assertTrue(read > 0 && stat(c, "bytes_written") > 0);
        }
    }

    @Test
    void quitAnswersThenCloses() throws IOException {
        try (BinaryClient c = client()) {
            c.send(BinaryClient.concat(request(Opcodes.QUIT).opaque(5), noop(6)));
            assertEquals(5, c.read().opaque());
            assertTrue(c.closedByServer());
        }
        try (BinaryClient c = client()) {
            c.send(BinaryClient.concat(request(Opcodes.QUITQ), noop(6)));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void pipelinedMixedPacketsInOneWrite() throws IOException {
        try (BinaryClient c = client()) {
            String k = key();
            c.send(BinaryClient.concat(set(k, "v1").opaque(1), request(Opcodes.GETK).key(k).opaque(2),
                    request(Opcodes.APPENDQ).key(k).value("+").opaque(3), request(Opcodes.INCREMENT).key(key())
                            .delta(1, 10, 0).opaque(4), request(Opcodes.GETQ).key(k).opaque(5),
                    request(Opcodes.DELETE).key(k).opaque(6), request(Opcodes.GET).key(k).opaque(7), noop(8)));
            List<Response> rs = c.readUntilOpaque(8);
            assertEquals(List.of(1, 2, 4, 5, 6, 7, 8), rs.stream().map(Response::opaque).toList());
            assertEquals("v1+", rs.get(3).valueString());
            assertEquals(10, rs.get(2).number());
            assertStatus(Status.KEY_ENOENT, rs.get(5));
        }
    }

    @Test
    void largeValuesAndTooLargeOnes() throws IOException {
        try (BinaryClient c = client()) {
            String k = key();
            byte[] big = new byte[1024 * 1024 - 1024];
            Arrays.fill(big, (byte) 'z');
            big[0] = '\r';
            big[big.length - 1] = 0;
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.SET).key(k).flagsAndExpiry(0, 0).value(big)));
            assertArrayEquals(big, c.call(request(Opcodes.GET).key(k)).value());
            byte[] tooBig = new byte[1024 * 1024 + 1];
            Response e2big = c.call(request(Opcodes.SET).key(k).flagsAndExpiry(0, 0).value(tooBig).opaque(3));
            assertStatus(Status.E2BIG, e2big);
            assertEquals("Too large.", e2big.valueString());
            assertEquals(4, c.call(noop(4)).opaque(), "the value was swallowed");
            // a failed set drops the old value
            assertStatus(Status.KEY_ENOENT, c.call(request(Opcodes.GET).key(k)));
        }
    }

    @Test
    void unknownCommandsSwallowTheBodyLengthAfterExtrasAndKey() throws IOException {
        try (BinaryClient c = client()) {
            Response range = c.call(request(0x30));
            assertStatus(Status.UNKNOWN_COMMAND, range);
            assertEquals("Unknown command", range.valueString());
            // memcached reads the key, then swallows the body length again: 3 more bytes go
            // (while swallowing, memcached transmits nothing: the answer comes with the NOOP's)
            c.send(request(0x50).key("abc").opaque(1));
            assertTrue(c.silentFor(200));
            c.send(concat("xyz".getBytes(), noop(2).bytes()));
            assertEquals(1, c.read().opaque());
            assertEquals(2, c.read().opaque());
            c.send(concat(request(Opcodes.VERBOSITY).expiry(1).opaque(3).bytes(), "1234".getBytes(), noop(4).bytes()));
            assertStatus(Status.UNKNOWN_COMMAND, c.read());
            assertEquals(4, c.read().opaque());
        }
    }

    @Test
    void badMagicClosesAndDropsWhatWasNotTransmitted() throws IOException {
        try (BinaryClient c = client()) {
            c.send(concat(noop(1).bytes(), request(Opcodes.VERSION).opaque(2).bytes(),
                    request(Opcodes.NOOP).magic(0x81).bytes()));
            assertEquals(1, c.read().opaque(), "NOOP transmits");
            assertTrue(c.closedByServer(), "VERSION's response is dropped with the connection");
        }
    }

    @Test
    void inconsistentLengthsAnswerAndClose() throws IOException {
        record Case(BinaryClient.Request request, int status) { }
        for (Case k : List.of(
                new Case(request(Opcodes.GET).key("abc").bodyLength(2), Status.UNKNOWN_COMMAND),
                new Case(request(Opcodes.GET).key("a").extras(new byte[4]), Status.EINVAL),
                new Case(request(Opcodes.GET).key("k".repeat(251)), Status.EINVAL),
                new Case(request(Opcodes.DELETE).key("k").extras(new byte[4]), Status.EINVAL),
                new Case(request(Opcodes.FLUSH).extras(new byte[2]), Status.EINVAL),
                new Case(request(Opcodes.VERSION).key("x"), Status.EINVAL),
                new Case(request(Opcodes.SET).key("k").extras(new byte[4]), Status.EINVAL),
                new Case(request(Opcodes.INCREMENT).key("k").extras(new byte[8]), Status.EINVAL))) {
            try (BinaryClient c = client()) {
                c.send(concat(k.request().opaque(9).bytes(), noop(10).bytes()));
                Response r = c.read();
                assertStatus(k.status(), r);
                assertTrue(c.closedByServer(), () -> "closed after " + r);
            }
        }
    }

    @Test
    void headerExtrasAndKeyBeyondTheReadBufferClose() throws IOException {
        try (BinaryClient c = client()) {
            c.send(request(Opcodes.GET).key("k".repeat(20000)));
            assertTrue(c.closedByServer());
        }
        try (BinaryClient c = client()) {
            c.send(Arrays.copyOf(request(Opcodes.GET).key("k".repeat(20000)).bytes(), 10000));
            assertTrue(c.silentFor(300), "waits while the buffer is not full");
        }
    }

    @Test
    void flushWithDelay() throws IOException {
        ServerSettings settings = new ServerSettings();
        settings.port = 0;
        settings.listenAddresses.add("127.0.0.1");
        try (MemcachedServer server = MemcachedServer.start(settings); BinaryClient c = new BinaryClient(server.port())) {
            // only the shift moves the clock: a second ticking by between the FLUSH and the first GET
            // would already apply the delayed flush
            server.cache().clock().setPaused(true);
            c.call(set("a", "1"));
            long flushes = stat(c, "cmd_flush");
            assertStatus(Status.SUCCESS, c.call(request(Opcodes.FLUSH).expiry(2)));
            assertEquals("1", c.call(request(Opcodes.GET).key("a")).valueString());
            server.cache().clock().shift(3);
            assertStatus(Status.KEY_ENOENT, c.call(request(Opcodes.GET).key("a")));
            c.call(set("b", "1"));
            c.send(BinaryClient.concat(request(Opcodes.FLUSHQ).opaque(1), noop(2)));
            assertEquals(List.of(2), c.readUntilOpaque(2).stream().map(Response::opaque).toList());
            assertStatus(Status.KEY_ENOENT, c.call(request(Opcodes.GET).key("b")));
            assertEquals(flushes + 2, stat(c, "cmd_flush"));
        }
        settings.flushEnabled = false;
        try (MemcachedServer server = MemcachedServer.start(settings); BinaryClient c = new BinaryClient(server.port())) {
            assertStatus(Status.AUTH_ERROR, c.call(request(Opcodes.FLUSH)));
            assertEquals(0, stat(c, "cmd_flush"), "a refused binary flush is not counted");
        }
    }

    @Test
    void saslCommandsWithoutSaslAreUnknown() throws IOException {
        try (BinaryClient c = client()) {
            assertStatus(Status.UNKNOWN_COMMAND, c.call(request(Opcodes.SASL_LIST_MECHS)));
            c.send(request(Opcodes.SASL_AUTH).key("PLAIN").value("\0a\0b"));
            assertStatus(Status.UNKNOWN_COMMAND, c.read());
            assertEquals(5, c.call(noop(5)).opaque(), "the data was swallowed");
        }
    }

    static Map<String, String> stats(BinaryClient c, String group) throws IOException {
        c.send(request(Opcodes.STAT).key(group));
        return c.readStats().stream().collect(Collectors.toMap(Response::keyString, Response::valueString,
                (a, b) -> b, java.util.LinkedHashMap::new));
    }

    static long stat(BinaryClient c, String name) throws IOException {
        return Long.parseLong(stats(c, "").get(name));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        return concat(concat(a, b), c);
    }
}
