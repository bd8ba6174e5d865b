package dev.ketch.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.ServerStartException;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.storage.RestartFile;
import dev.ketch.server.testing.TextClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -e}: a graceful stop writes the items and the server's state to the memory file and its
 * metadata, in memcached's layout; the next start with the same settings serves the same items
 * (values, flags, CAS uniques, LRUs, free chunks), counts the time it was stopped against expiries,
 * and starts clean when there is no metadata or the settings differ.
 */
class RestartFileTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    private ServerSettings settings(long megabytes) {
        ServerSettings s = new ServerSettings();
        s.maxBytes = megabytes * MB;
        s.memoryFile = dir.resolve("mem").toString();
        return s;
    }

    private Path meta() {
        return dir.resolve("mem.meta");
    }

    private static String value(int length, char fill) {
        return String.valueOf(fill).repeat(length);
    }

    private static <T> T locked(Cache cache, Supplier<T> read) {
        ReentrantLock lock = cache.lock();
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private static long currItems(Cache cache) {
        return locked(cache, () -> cache.storage().currItems());
    }

    private static long currBytes(Cache cache) {
        return locked(cache, () -> cache.storage().currBytes());
    }

    /** The metadata as key/value pairs, the tag line under "T". */
    private Map<String, String> readMeta() throws IOException {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : Files.readAllLines(meta(), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("T")) {
                kv.put("T", line.substring(1));
            } else {
                int space = line.indexOf(' ');
                kv.put(line.substring(1, space), line.substring(space + 1));
            }
        }
        return kv;
    }

    /** Makes the saved stop time {@code seconds} earlier: the server was stopped that long. */
    private void stoppedFor(long seconds) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(meta(), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("Kstop_time ")) {
                line = "Kstop_time " + (System.currentTimeMillis() / 1000 - seconds);
            }
            lines.add(line);
        }
        Files.write(meta(), lines, StandardCharsets.ISO_8859_1);
    }

    @Test
    void itemsComeBackWithTheirValuesFlagsAndCasUniques() throws IOException {
        ServerSettings s = settings(64);
        s.itemSizeMax = (int) (2 * MB);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Long> cas = new LinkedHashMap<>();
        long items;
        long bytes;
        long lastCas;
        try (CacheFixture f = new CacheFixture(s)) {
            for (int size = 2, n = 0; size <= 1 << 20; size *= 2, n++) {
                values.put("foo" + n, value(size, (char) ('a' + n % 26)));
            }
            for (int size = 768_000, n = 0; size <= 769_024; size += 50, n++) {
                values.put("chunk" + n, value(size, (char) ('A' + n % 26)));
            }
            for (int n = 0; n < 2000; n++) {
                values.put("small" + n, "v" + n);
            }
            int flags = 0;
            for (Map.Entry<String, String> e : values.entrySet()) {
                f.store(StoreMode.SET, e.getKey(), e.getValue(), flags++, 0, 0);
            }
            for (String gone : List.of("foo3", "chunk7", "small10", "small11")) {
                assertEquals(DeleteResult.DELETED, f.cache.delete(CacheFixture.bytes(gone), 0));
                values.remove(gone);
            }
            for (String key : values.keySet()) {
                cas.put(key, f.gets(key));
            }
            items = currItems(f.cache);
            bytes = currBytes(f.cache);
            lastCas = cas.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            f.cache.close(true);
        }
        assertTrue(Files.size(Path.of(s.memoryFile)) >= s.maxBytes, "the memory file is -m bytes");
        Map<String, String> meta = readMeta();
        assertEquals(List.of("T", "slab_config", "maxbytes", "chunk_size", "item_size_max", "slab_chunk_size_max",
                "slab_page_size", "use_cas", "slab_reassign", "current_time", "process_started", "stop_time",
                "current_cas", "oldest_cas", "logger_gid", "hashpower", "oldest_live", "mmap_oldbase"),
                List.copyOf(meta.keySet()));
        assertEquals("main", meta.get("T"));
        assertEquals(Long.toString(64 * MB), meta.get("maxbytes"));
        assertEquals("1.25", meta.get("slab_config"));
        assertEquals(lastCas + 1, Long.parseLong(meta.get("current_cas")), "the CAS counter is used up once");
        stoppedFor(1);

        ServerSettings again = settings(64);
        again.itemSizeMax = (int) (2 * MB);
        try (CacheFixture f = new CacheFixture(again)) {
            assertFalse(Files.exists(meta()), "the metadata is consumed");
            assertEquals(items, currItems(f.cache));
            assertEquals(bytes, currBytes(f.cache));
            for (Map.Entry<String, String> e : values.entrySet()) {
                assertEquals(e.getValue(), f.get(e.getKey()), e.getKey());
                assertEquals(cas.get(e.getKey()), f.gets(e.getKey()), e.getKey());
            }
            for (String gone : List.of("foo3", "chunk7", "small10", "small11")) {
                assertNull(f.get(gone), gone);
            }
            assertEquals(0, f.flags("foo0"));
            assertEquals(1, f.flags("foo1"));
            assertEquals(20 + 21 + 1999, f.flags("small1999"));
            // the next CAS continues after the saved counter
            f.set("new", "value");
            assertEquals(lastCas + 2, f.gets("new"));
            // free chunks and the LRUs are usable: write over everything, delete, write again
            for (Map.Entry<String, String> e : values.entrySet()) {
                f.set(e.getKey(), e.getValue().toUpperCase());
            }
            for (int n = 0; n < 5000; n++) {
                f.set("more" + n, value(n % 3000 + 2, 'm'));
            }
            for (Map.Entry<String, String> e : values.entrySet()) {
                assertEquals(e.getValue().toUpperCase(), f.get(e.getKey()), e.getKey());
            }
            for (int n = 0; n < 5000; n++) {
                assertEquals(value(n % 3000 + 2, 'm'), f.get("more" + n));
            }
            assertEquals(values.size() + 5001L, currItems(f.cache));
        }
    }

    @Test
    void moreShortPagesThanTheRegionHasSlotsComeBackToo() throws IOException {
        // no_modern: pages are chunk size times chunks per page, and every class gets a first page
        // even beyond -m; 4 MiB has 4 slots and the items below take a page in each of 12 classes
        ServerSettings s = CacheFixture.noModern();
        s.maxBytes = 4 * MB;
        s.memoryFile = dir.resolve("mem").toString();
        Map<String, String> values = new LinkedHashMap<>();
        for (int n = 0, size = 100; n < 12; n++, size = size * 2) {
            values.put("k" + n, value(Math.min(size, 900_000), (char) ('a' + n)));
        }
        try (CacheFixture f = new CacheFixture(s)) {
            values.forEach(f::set);
            int pages = locked(f.cache, () -> {
                int total = 0;
                for (int id = 1; id <= f.cache.storage().slabs().largestClass(); id++) {
                    total += f.cache.storage().slabs().pages(id);
                }
                return total;
            });
            assertTrue(pages > 4, pages + " pages");
            f.cache.close(true);
        }
        stoppedFor(1);
        ServerSettings again = CacheFixture.noModern();
        again.maxBytes = 4 * MB;
        again.memoryFile = s.memoryFile;
        try (CacheFixture f = new CacheFixture(again)) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                assertEquals(e.getValue(), f.get(e.getKey()), e.getKey());
            }
            assertEquals(values.size(), currItems(f.cache));
        }
    }

    @Test
    void timeStoppedCountsAgainstExpiries() throws IOException {
        try (CacheFixture f = new CacheFixture(settings(8))) {
            f.set("low", "bo", 50);
            f.set("high", "mo", 200);
            f.set("forever", "yo", 0);
            f.cache.close(true);
        }
        stoppedFor(100);
        try (CacheFixture f = new CacheFixture(settings(8))) {
            assertNull(f.get("low"));
            assertEquals("mo", f.get("high"));
            assertEquals("yo", f.get("forever"));
        }
    }

    @Test
    void theClockAndTheFlushMarkContinue() throws IOException {
        int before;
        try (CacheFixture f = new CacheFixture(settings(8))) {
            f.clock.shift(1000);
            f.set("old", "x");
            f.cache.flushAll(0);
            f.set("kept", "y");
            before = f.clock.now();
            f.cache.close(true);
        }
        stoppedFor(30);
        try (CacheFixture f = new CacheFixture(settings(8))) {
            assertTrue(f.clock.now() >= before + 30, "relative time continues: " + f.clock.now() + " vs " + before);
            assertNull(f.get("old"), "flushed before the stop");
            assertEquals("y", f.get("kept"));
        }
    }

    @Test
    void aStopThatIsNotGracefulSavesNothing() {
        try (CacheFixture f = new CacheFixture(settings(8))) {
            f.set("a", "b");
        }
        assertFalse(Files.exists(meta()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertNull(RestartFile.check(settings(8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("[restart] no metadata save file, starting with a clean cache\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void differentSettingsStartCleanAndSayWhich() throws IOException {
        try (CacheFixture f = new CacheFixture(settings(8))) {
            f.set("a", "b");
            f.cache.close(true);
        }
        stoppedFor(1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertNull(RestartFile.check(settings(16), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("[restart] restart incompatible due to setting for [maxbytes] [old value: 8388608]\n"
                + "[restart] failed to validate metadata, starting with a clean cache\n",
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(meta()), "memcached deletes the metadata it read");
        try (CacheFixture f = new CacheFixture(settings(16))) {
            assertNull(f.get("a"));
            assertEquals(0, currItems(f.cache));
        }
    }

    @Test
    void aRestartInTheSecondOfTheStopStartsClean() throws IOException {
        // memcached cannot tell how long it was stopped when the clock has not moved on (0 s) or
        // went back; a stop time 30 s ahead stands for both, and cannot become a 1 s stop if the
        // check runs a second later on a loaded machine, as a stop time of now did
        try (CacheFixture f = new CacheFixture(settings(8))) {
            f.set("a", "b");
            f.cache.close(true);
        }
        stoppedFor(-30);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertNull(RestartFile.check(settings(8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
                "[restart] restart incompatible due to setting for [stop_time]"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void corruptMetadataStopsTheStartAsMemcachedAborts() throws IOException {
        Files.writeString(meta(), "");
        ServerStartException empty = assertThrows(ServerStartException.class,
                () -> RestartFile.check(settings(8), new PrintStream(new ByteArrayOutputStream())));
        assertEquals("[restart] Failed to read a tag from metadata file", empty.getMessage());
        assertEquals(134, empty.exitStatus());
        assertFalse(Files.exists(meta()));

        Files.writeString(meta(), "Tother\nKmaxbytes 1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ServerStartException tag = assertThrows(ServerStartException.class,
                () -> RestartFile.check(settings(8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("[restart] corrupt metadata file", tag.getMessage());
        assertEquals("[restart] internal handler for metadata tag not found: other:\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void missingLinesStartClean() throws IOException {
        Files.writeString(meta(), "Tmain\nKmaxbytes " + 8 * MB + "\nKstop_time 1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertNull(RestartFile.check(settings(8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("[restart] missing some metadata lines\n"
                + "[restart] failed to validate metadata, starting with a clean cache\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shutdownGracefulSavesAndTheNextServerServesTheItems() throws Exception {
        ServerSettings s = settings(8);
        s.port = 0;
        s.listenAddresses.add("127.0.0.1");
        s.shutdownCommand = true;
        MemcachedServer server = MemcachedServer.start(s);
        try (TextClient c = new TextClient(server.port())) {
            assertEquals("STORED", c.call("set k 5 0 3\r\nabc\r\n"));
            c.send("shutdown graceful\r\n");
            assertTrue(c.closedByServer());
            server.awaitClose();
            assertTrue(server.closedGracefully());
        } finally {
            server.close();
        }
        assertNotNull(readMeta().get("current_cas"));
        stoppedFor(1);
        ServerSettings again = settings(8);
        again.port = 0;
        again.listenAddresses.add("127.0.0.1");
        try (MemcachedServer next = MemcachedServer.start(again);
                TextClient c = new TextClient(next.port())) {
            assertEquals("VALUE k 5 3\r\nabc\r\nEND\r\n", c.send("get k\r\n").untilEnd());
        }
    }
}
