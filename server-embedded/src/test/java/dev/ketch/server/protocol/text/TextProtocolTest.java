package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.Version;
import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The text protocol over real sockets. Expected bytes were taken from memcached 1.6.18
 * ({@code /usr/bin/memcached}) for the same input.
 */
class TextProtocolTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension();

    /**
     * One LRU per class and no maintainer: cachedump lists the COLD LRU, where a segmented server
     * moves a new item only when its maintainer gets round to it.
     */
    @RegisterExtension
    static MemcachedServerExtension flatLru = new MemcachedServerExtension(s -> {
        s.lruSegmented = false;
        s.lruMaintainerThread = false;
    });

    private static final AtomicInteger KEYS = new AtomicInteger();

    private static String key() {
        return "k" + KEYS.incrementAndGet();
    }

    private TextClient client() throws IOException {
        return new TextClient(memcached.port());
    }

    @Test
    void storageCommands() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("STORED", c.call("set " + k + " 5 0 3\r\nabc\r\n"));
            assertEquals("VALUE " + k + " 5 3\r\nabc\r\nEND\r\n", c.send("get " + k + "\r\n").untilEnd());
            assertEquals("NOT_STORED", c.call("add " + k + " 0 0 1\r\nx\r\n"));
            assertEquals("STORED", c.call("replace " + k + " 7 0 3\r\nxyz\r\n"));
            assertEquals("STORED", c.call("append " + k + " 0 0 2\r\n12\r\n"));
            assertEquals("STORED", c.call("prepend " + k + " 0 0 2\r\n00\r\n"));
            assertEquals("VALUE " + k + " 7 7\r\n00xyz12\r\nEND\r\n", c.send("get " + k + "\r\n").untilEnd());
            assertEquals("NOT_STORED", c.call("replace " + key() + " 0 0 1\r\nx\r\n"));
            assertEquals("NOT_STORED", c.call("append " + key() + " 0 0 1\r\nx\r\n"));
            String gets = c.send("gets " + k + "\r\n").line();
            String cas = gets.substring(gets.lastIndexOf(' ') + 1);
            c.untilEnd();
            assertEquals("EXISTS", c.call("cas " + k + " 0 0 1 " + (Long.parseLong(cas) + 1000) + "\r\nq\r\n"));
            assertEquals("STORED", c.call("cas " + k + " 0 0 1 " + cas + "\r\nq\r\n"));
            assertEquals("NOT_FOUND", c.call("cas " + key() + " 0 0 1 5\r\nq\r\n"));
            assertEquals("ERROR", c.call("cas " + k + " 0 0 1\r\n"));
        }
    }

    @Test
    void commandLineErrorsDoNotSwallowTheDataBlock() throws IOException {
        try (TextClient c = client()) {
            assertEquals("CLIENT_ERROR bad command line format\r\nERROR\r\n",
                    c.send("set a 0 0 abc\r\nhello\r\n").beforeMn());
            assertEquals("CLIENT_ERROR bad command line format\r\nERROR\r\n",
                    c.send("set " + "k".repeat(251) + " 0 0 1\r\nx\r\n").beforeMn());
            assertEquals("CLIENT_ERROR bad command line format", c.call("set a 0 0 -1\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("set a 0 0 2147483647\r\n"));
            assertEquals("", c.send("set a 0 0 noreply\r\n").drain(200));
            assertEquals("version ok", c.call("version\r\n").startsWith("VERSION ") ? "version ok" : "bad");
        }
    }

    @Test
    void badDataChunkConsumesExactlyTheBlockThenReparses() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("CLIENT_ERROR bad data chunk\r\nERROR\r\n", c.send("set " + k + " 0 0 3\r\nabcde\r\n").beforeMn());
            assertEquals("CLIENT_ERROR bad data chunk\r\nERROR\r\n", c.send("set " + k + " 0 0 3\r\nab\r\nget " + k + "\r\n").beforeMn());
            assertEquals("END", c.call("get " + k + "\r\n"));
        }
    }

    @Test
    void numberQuirksOfSafeStrtoul() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("STORED", c.call("set " + k + " 4294967296 0 1\r\nx\r\n"));
            assertEquals("VALUE " + k + " 0 1\r\nx\r\nEND\r\n", c.send("get " + k + "\r\n").untilEnd());
            assertEquals("STORED", c.call("set " + k + " -18446744073709551615 0 1\r\nx\r\n"));
            assertEquals("VALUE " + k + " 1 1\r\nx\r\nEND\r\n", c.send("get " + k + "\r\n").untilEnd());
            assertEquals("STORED", c.call("set " + k + " 0 0 4294967296\r\n\r\n"));
            assertEquals("VALUE " + k + " 0 0\r\n\r\nEND\r\n", c.send("get " + k + "\r\n").untilEnd());
            assertEquals("STORED", c.call("set " + k + " 4294967295 0 1\r\nx\r\n"));
            assertEquals("VALUE " + k + " 4294967295 1\r\nx\r\nEND\r\n", c.send("get " + k + "\r\n").untilEnd());
        }
    }

    @Test
    void noreplySuppressesRepliesAndErrors() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.send("set " + k + " 0 0 1 noreply\r\nx\r\n");
            c.send("add " + k + " 0 0 1 noreply\r\nx\r\n");
            c.send("append " + k + " 0 0 1 noreply\r\ny\r\n");
            c.send("prepend " + k + " 0 0 1 noreply\r\nw\r\n");
            c.send("replace " + key() + " 0 0 1 noreply\r\nx\r\n");
            c.send("cas " + k + " 0 0 1 1 noreply\r\nx\r\n");
            c.send("incr " + k + " 1 noreply\r\n");
            c.send("incr " + k + " abc noreply\r\n");
            c.send("touch " + k + " x noreply\r\n");
            c.send("touch " + k + " 10 noreply\r\n");
            c.send("delete " + key() + " noreply\r\n");
            c.send("delete " + key() + " 0 noreply\r\n");
            c.send("delete a 1 noreply\r\n");
            c.send("flush_all abc noreply\r\n");
            c.send("verbosity x noreply\r\n");
            c.send("verbosity 0 noreply\r\n");
            c.send("cache_memlimit x noreply\r\n");
            c.send("set " + k + "2 0 0 abc noreply\r\n");
            c.send("set " + k + "3 0 0 2 noreply\r\nabc\r\n"); // bad data chunk: error suppressed, "\n" re-parsed
            c.send("get " + k + "\r\n");
            assertEquals("ERROR", c.line());
            assertEquals("VALUE " + k + " 0 3\r\nwxy\r\nEND\r\n", c.untilEnd());
        }
    }

    @Test
    void deleteForms() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 1\r\nx\r\n");
            assertEquals("DELETED", c.call("delete " + k + " 0\r\n"));
            assertEquals("NOT_FOUND", c.call("delete " + k + "\r\n"));
            String usage = "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]";
            assertEquals(usage, c.call("delete " + k + " 1\r\n"));
            assertEquals(usage, c.call("delete " + k + " 0 1\r\n"));
            assertEquals("ERROR", c.call("delete\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("delete " + "k".repeat(251) + "\r\n"));
        }
    }

    @Test
    void arithmetic() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("NOT_FOUND", c.call("incr " + k + " 1\r\n"));
            c.call("set " + k + " 0 0 2\r\n10\r\n");
            assertEquals("10", c.call("incr " + k + " -0\r\n"));
            assertEquals("9", c.call("incr " + k + " 18446744073709551615\r\n"));
            assertEquals("CLIENT_ERROR invalid numeric delta argument", c.call("incr " + k + " 18446744073709551616\r\n"));
            assertEquals("CLIENT_ERROR invalid numeric delta argument", c.call("decr " + k + " -1\r\n"));
            assertEquals("0", c.call("decr " + k + " 100\r\n"));
            assertEquals("18446744073709551615", c.call("incr " + k + " 18446744073709551615\r\n"));
            assertEquals("0", c.call("incr " + k + " 1\r\n"));
            assertEquals("ERROR", c.call("incr " + k + " 1 2 3\r\n"));
            c.call("set " + k + " 0 0 1\r\nx\r\n");
            assertEquals("CLIENT_ERROR cannot increment or decrement non-numeric value", c.call("decr " + k + " 1\r\n"));
        }
    }

    @Test
    void touchAndGat() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("NOT_FOUND", c.call("touch " + k + " 10\r\n"));
            c.call("set " + k + " 3 0 1\r\nx\r\n");
            assertEquals("TOUCHED", c.call("touch " + k + " 10\r\n"));
            assertEquals("CLIENT_ERROR invalid exptime argument", c.call("touch " + k + " x\r\n"));
            assertEquals("VALUE " + k + " 3 1\r\nx\r\nEND\r\n", c.send("gat 100 " + k + " nokey\r\n").untilEnd());
            assertTrue(c.send("gats 0 " + k + "\r\n").line().matches("VALUE " + k + " 3 1 \\d+"));
            c.untilEnd();
            assertEquals("END", c.call("gat 10\r\n"));
            assertEquals("CLIENT_ERROR invalid exptime argument", c.call("gats x " + k + "\r\n"));
            assertEquals("VALUE " + k + " 3 1\r\nx\r\nEND\r\n", c.send("gat -1 " + k + "\r\n").untilEnd());
            assertEquals("END", c.call("get " + k + "\r\n"));
        }
    }

    @Test
    void getVariants() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 1\r\nx\r\n");
            assertEquals("VALUE " + k + " 0 1\r\nx\r\nEND\r\n", c.send("bget " + k + "\r\n").untilEnd());
            assertEquals("ERROR", c.call("get\r\n"));
            assertEquals("ERROR", c.call("bget\r\n"));
            assertEquals("ERROR", c.call("GET " + k + "\r\n"));
            assertEquals("END", c.call("get " + "k".repeat(250) + "\r\n"));
            // a key with a tab is one token; NUL ends the line
            assertEquals("STORED", c.call("set t\tab 0 0 1\r\nx\r\n"));
            assertEquals("VALUE t\tab 0 1\r\nx\r\nEND\r\n", c.send("get t\tab\r\n").untilEnd());
            assertEquals("VALUE " + k + " 0 1\r\nx\r\nEND\r\n", c.send("get " + k + "\0 other\r\n").untilEnd());
            // line ending: bare \n works
            assertEquals("VALUE " + k + " 0 1\r\nx\r\nEND\r\n", c.send("get " + k + "\n").untilEnd());
        }
    }

    @Test
    void tooLongKeyInGetDropsUnsentReplies() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            assertEquals("CLIENT_ERROR bad command line format\r\n",
                    c.send("set " + k + " 0 0 1\r\nx\r\nget " + k + " " + "k".repeat(251) + "\r\n").beforeMn());
            // replies of an earlier get were already transmitted
            assertEquals("VALUE " + k + " 0 1\r\nx\r\nEND\r\nCLIENT_ERROR bad command line format\r\n",
                    c.send("get " + k + "\r\nversion\r\nget " + "k".repeat(251) + "\r\n").beforeMn());
        }
    }

    @Test
    void manyKeysInOneGet() throws IOException {
        try (TextClient c = client()) {
            StringBuilder get = new StringBuilder("get");
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                String k = "many" + i;
                if (i % 2 == 0) {
                    c.send("set " + k + " " + i + " 0 " + k.length() + " noreply\r\n" + k + "\r\n");
                    expected.append("VALUE ").append(k).append(' ').append(i).append(' ').append(k.length()).append("\r\n")
                            .append(k).append("\r\n");
                }
                get.append(' ').append(k);
            }
            expected.append("END\r\n");
            assertEquals(expected.toString(), c.send(get + "\r\n").untilEnd());
            // more than 24 tokens including trailing spaces
            assertEquals(expected.toString(), c.send(get + "   \r\n").untilEnd());
        }
    }

    @Test
    void megabyteValues() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            byte[] value = new byte[1024 * 1024 - 512];
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) (i * 31);
            }
            c.send("set " + k + " 0 0 " + value.length + "\r\n");
            for (int off = 0; off < value.length; off += 7000) {
                c.send(Arrays.copyOfRange(value, off, Math.min(value.length, off + 7000)));
            }
            assertEquals("STORED", c.call("\r\n"));
            for (int round = 0; round < 3; round++) {
                c.send("get " + k + " " + k + "\r\n");
                for (int i = 0; i < 2; i++) {
                    assertEquals("VALUE " + k + " 0 " + value.length, c.line());
                    assertArrayEquals(value, c.bytes(value.length));
                    assertEquals("", c.line());
                }
                assertEquals("END", c.line());
            }
            byte[] tooLarge = new byte[1024 * 1024 + 1];
            c.send("set " + k + " 0 0 " + tooLarge.length + "\r\n").send(tooLarge).send("\r\n");
            assertEquals("SERVER_ERROR object too large for cache", c.line());
            assertEquals("END", c.call("get " + k + "\r\n"), "a failed set removes the old value");
            assertEquals("STORED", c.call("set " + k + " 0 0 1\r\nx\r\n"));
        }
    }

    @Test
    void splitAtEveryByte() throws IOException {
        byte[] script = ("set split 1 0 5\r\nhello\r\nget split\r\nincr n 1\r\ndelete split noreply\r\n"
                + "gets split\r\n").getBytes(StandardCharsets.US_ASCII);
        String expected = "STORED\r\nVALUE split 1 5\r\nhello\r\nEND\r\nNOT_FOUND\r\nEND\r\n";
        try (TextClient c = client()) {
            for (int cut = 1; cut < script.length; cut++) {
                c.send(Arrays.copyOfRange(script, 0, cut));
                c.send(Arrays.copyOfRange(script, cut, script.length));
                StringBuilder got = new StringBuilder();
                while (got.length() < expected.length()) {
                    got.append(c.line()).append("\r\n");
                }
                assertEquals(expected, got.toString(), "split at " + cut);
            }
            // one byte at a time
            for (byte b : script) {
                c.send(new byte[] {b});
            }
            StringBuilder got = new StringBuilder();
            while (got.length() < expected.length()) {
                got.append(c.line()).append("\r\n");
            }
            assertEquals(expected, got.toString());
        }
    }

    @Test
    void pipelinedCommandsAnswerInOrder() throws IOException {
        try (TextClient c = client()) {
            StringBuilder req = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                req.append("set p").append(i).append(" 0 0 1\r\n").append(i % 10).append("\r\n");
                req.append("get p").append(i).append("\r\n");
                req.append("incr p").append(i).append(" 5\r\n");
                expected.append("STORED\r\nVALUE p").append(i).append(" 0 1\r\n").append(i % 10).append("\r\nEND\r\n")
                        .append(i % 10 + 5).append("\r\n");
            }
            c.send(req.toString());
            StringBuilder got = new StringBuilder();
            while (got.length() < expected.length()) {
                got.append(c.line()).append("\r\n");
            }
            assertEquals(expected.toString(), got.toString());
        }
    }

    @Test
    void unknownAndEmptyCommands() throws IOException {
        try (TextClient c = client()) {
            for (String bad : new String[] {"\r\n", "\n", "a\r\n", "ab\r\n", "foo bar\r\n", "mx\r\n", "m\r\n",
                "mg\r\n", "md\r\n", "stats foo\r\n", "stats noreply\r\n", "slabs\r\n", "lru\r\n", "lru_crawler\r\n",
                "cache_memlimit\r\n", "verbosity\r\n", "flush_all 1 2 3\r\n", "debugtime 5\r\n", "incr\r\n"}) {
                assertEquals("ERROR", c.call(bad), bad);
            }
            assertEquals("MN", c.call("mn\r\n"));
            assertEquals("VERSION " + Version.full(), c.call("version\r\n"));
            assertEquals("VERSION " + Version.full(), c.call("version x\r\n"));
        }
    }

    @Test
    void connectionClosingCommands() throws IOException {
        try (TextClient c = client()) {
            c.send("version\r\nquit\r\nversion\r\n");
            assertEquals("VERSION " + Version.full(), c.line());
            assertTrue(c.closedByServer());
        }
        try (TextClient c = client()) {
            assertEquals("", c.send("version\r\nGET / HTTP/1.1\r\n").drain(300), "unsent replies are dropped");
            assertTrue(c.closedByServer());
        }
        try (TextClient c = client()) {
            c.send("get a HTTP/1.1\r\n");
            assertEquals("END", c.line());
        }
        try (TextClient c = client()) {
            c.send("x".repeat(3000));
            assertTrue(c.closedByServer());
        }
        try (TextClient c = client()) {
            c.send("gat 1 " + "a".repeat(3000));
            assertTrue(c.closedByServer());
        }
        try (TextClient c = client()) {
            c.send(" ".repeat(101) + "get " + "a".repeat(3000));
            assertTrue(c.closedByServer());
        }
        try (TextClient c = client()) {
            assertEquals("ERROR", c.call("x".repeat(3000) + "\r\n"), "a long line with its newline is parsed");
            c.send(" ".repeat(100) + "get " + "a ".repeat(2000));
            assertEquals("", c.drain(200));
            assertEquals("END", c.call("\r\n"));
            c.send("set " + "a".repeat(17000) + " 0 0 1\r\n");
            assertTrue(c.closedByServer(), "memcached's 16 KB read buffer cannot hold this line");
        }
    }

    @Test
    void flushAll() throws IOException {
        try (TextClient c = client()) {
            String k = key();
            c.call("set " + k + " 0 0 1\r\nx\r\n");
            assertEquals("OK", c.call("flush_all\r\n"));
            assertEquals("END", c.call("get " + k + "\r\n"));
            assertEquals("OK", c.call("flush_all 0\r\n"));
            assertEquals("OK", c.call("flush_all -1\r\n"));
            assertEquals("CLIENT_ERROR invalid exptime argument", c.call("flush_all abc\r\n"));
            assertEquals("", c.send("flush_all noreply\r\n").drain(200));
            assertEquals("OK", c.call("flush_all 100\r\n"));
            c.call("set " + k + " 0 0 1\r\nx\r\n");
            assertEquals("VALUE " + k + " 0 1\r\nx\r\nEND\r\n", c.send("get " + k + "\r\n").untilEnd());
            assertEquals("OK", c.call("flush_all 0\r\n"));
        }
    }

    @Test
    void stats() throws IOException {
        try (TextClient c = client()) {
            String general = c.send("stats\r\n").untilEnd();
            assertTrue(general.startsWith("STAT pid "), general);
            assertTrue(general.contains("STAT version " + Version.full() + "\r\n"));
            assertTrue(general.contains("STAT threads 4\r\n"));
            assertTrue(c.send("stats  \r\n").untilEnd().startsWith("STAT pid "));
            assertTrue(c.send("stats settings\r\n").untilEnd().endsWith("END\r\n"));
            c.call("set " + key() + " 0 0 1\r\nx\r\n");
            assertTrue(c.send("stats items\r\n").untilEnd().contains("STAT items:1:number "));
            assertTrue(c.send("stats slabs\r\n").untilEnd().contains("STAT active_slabs "));
            assertEquals("STAT sizes_status disabled\r\nEND\r\n", c.send("stats sizes\r\n").untilEnd());
            assertEquals("STAT sizes_status enabled\r\n", c.send("stats sizes_enable\r\n").beforeMn(), "no END, as memcached");
            assertEquals("STAT sizes_status disabled\r\n", c.send("stats sizes_disable\r\n").beforeMn());
            String conns = c.send("stats conns\r\n").untilEnd();
            assertTrue(conns.matches("(?s)STAT \\d+:addr tcp:127\\.0\\.0\\.1:" + memcached.port()
                    + "\r\nSTAT \\d+:state conn_listening\r\nSTAT \\d+:secs_since_last_cmd \\d+\r\n.*"), conns);
            assertTrue(conns.matches("(?s).*STAT (\\d+):addr tcp:127\\.0\\.0\\.1:\\d+\r\nSTAT \\1:listen_addr tcp:127\\.0\\.0\\.1:"
                    + memcached.port() + "\r\nSTAT \\1:state conn_parse_cmd\r\nSTAT \\1:secs_since_last_cmd 0\r\n.*"), conns);
        }
    }

    @Test
    void cachedumpListsTheNewestItemsOfAClass() throws IOException {
        try (TextClient c = new TextClient(flatLru.port())) {
            assertEquals("CLIENT_ERROR bad command line", c.call("stats cachedump 1\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("stats cachedump a 0\r\n"));
            assertEquals("CLIENT_ERROR Illegal slab id", c.call("stats cachedump 64 0\r\n"));
            assertEquals("END", c.call("stats cachedump 63 0\r\n"));
            String older = key();
            String newer = key();
            c.call("set " + older + " 0 0 2\r\nxy\r\n");
            c.call("set " + newer + " 0 0 1\r\nx\r\n");
            assertEquals("ITEM " + newer + " [1 b; 0 s]\r\nEND\r\n", c.send("stats cachedump 1 1\r\n").untilEnd());
            assertEquals("ITEM " + newer + " [1 b; 0 s]\r\nITEM " + older + " [2 b; 0 s]\r\nEND\r\n",
                    c.send("stats cachedump 1 0\r\n").untilEnd());
        }
    }

    @Test
    void statsDetail() throws IOException {
        try (TextClient c = client()) {
            assertEquals("CLIENT_ERROR usage: stats detail on|off|dump", c.call("stats detail\r\n"));
            assertEquals("CLIENT_ERROR usage: stats detail on|off|dump", c.call("stats detail xx\r\n"));
            assertEquals("OK", c.call("stats detail on\r\n"));
            c.send("set dfoo:bar 0 0 1\r\nx\r\nget dfoo:bar dfoo:baz\r\ndelete dfoo:x\r\n");
            assertEquals("STORED", c.line());
            c.untilEnd();
            assertEquals("NOT_FOUND", c.line());
            assertEquals("OK", c.call("stats detail off\r\n"));
            String dump = c.send("stats detail dump\r\n").untilEnd();
            assertTrue(dump.contains("PREFIX dfoo get 2 hit 1 set 1 del 1\r\n"), dump);
        }
    }

    @Test
    void adminCommands() throws IOException {
        try (TextClient c = client()) {
            assertEquals("OK", c.call("verbosity 1\r\n"));
            assertEquals("OK", c.call("verbosity 1 2\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("verbosity invalid\r\n"));
            assertEquals("OK", c.call("verbosity 0\r\n"));
            assertEquals("MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m", c.call("cache_memlimit 7\r\n"));
            assertEquals("MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes", c.call("cache_memlimit 1000000001\r\n"));
            assertEquals("ERROR", c.call("cache_memlimit x\r\n"));
            assertEquals("OK", c.call("cache_memlimit 64\r\n"));
            assertEquals("OK", c.call("lru tune 10 20 0.1 2\r\n"));
            assertEquals("ERROR hot and warm pcts must not exceed 80", c.call("lru tune 50 40 0.1 2\r\n"));
            assertEquals("ERROR hot/warm age factors must be greater than 0", c.call("lru tune 10 20 0 2\r\n"));
            assertEquals("ERROR", c.call("lru tune a 20 0.1 2\r\n"));
            assertEquals("OK", c.call("lru tune 20 40 0.2 2.0\r\n"));
            assertEquals("OK", c.call("lru mode flat\r\n"));
            assertEquals("OK", c.call("lru mode segmented\r\n"));
            assertEquals("ERROR", c.call("lru mode x\r\n"));
            assertEquals("OK", c.call("lru temp_ttl 10\r\n"));
            assertEquals("OK", c.call("lru temp_ttl -1\r\n"));
            assertEquals("ERROR", c.call("lru temp_ttl x\r\n"));
            assertEquals("OK", c.call("lru_crawler crawl all\r\n").replace("BUSY currently processing crawler request", "OK"));
            assertEquals("BADCLASS invalid class id", c.call("lru_crawler crawl 0\r\n"));
            assertEquals("BADCLASS invalid class id", c.call("lru_crawler crawl x\r\n"));
            assertEquals("OK", c.call("lru_crawler tocrawl 0\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("lru_crawler tocrawl x\r\n"));
            assertEquals("CLIENT_ERROR sleep must be one second or less", c.call("lru_crawler sleep 2000000\r\n"));
            assertEquals("OK", c.call("lru_crawler sleep 100\r\n"));
            assertEquals("ERROR failed to start lru crawler thread", c.call("lru_crawler enable\r\n"));
            assertEquals("ERROR", c.call("lru_crawler foo\r\n"));
            assertEquals("SAME src and dst class are identical", c.call("slabs reassign 1 1\r\n"));
            assertEquals("BADCLASS invalid src or dst class id", c.call("slabs reassign 99 2\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("slabs reassign a 2\r\n"));
            assertEquals("ERROR", c.call("slabs reassign 1 2 3\r\n"));
            assertEquals("OK", c.call("slabs automove 1\r\n"));
            assertEquals("ERROR", c.call("slabs automove 3\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("slabs automove invalid\r\n"));
            assertEquals("ERROR", c.call("slabs automove ratio\r\n"));
            assertEquals("OK", c.call("slabs automove ratio 0.8\r\n"));
            assertEquals("ERROR", c.call("slabs automove ratio x\r\n"));
            assertEquals("ERROR: shutdown not enabled", c.call("shutdown\r\n"));
            assertEquals("ERROR", c.call("watch bogus\r\n"));
            assertEquals("RESET", c.call("stats reset\r\n"));
            assertEquals("", c.drain(100));
        }
    }
}
