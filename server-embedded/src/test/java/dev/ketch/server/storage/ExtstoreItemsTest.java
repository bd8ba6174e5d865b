package dev.ketch.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.config.ExtstoreSettings;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.storage.extstore.Extstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Items and external storage, driven step by step (no background thread): an item written out
 * leaves a header with its key, reads back byte for byte, is recached on a repeated hit, and its
 * page accounting follows deletes; compaction moves live values and leaves the headers pointing
 * at their new place.
 */
class ExtstoreItemsTest {

    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    private Storage storage;
    private ExtstoreThreads threads;

    private void open(int recacheRate) throws Exception {
        ServerSettings s = new ServerSettings();
        s.ext.paths.add(new ExtstoreSettings.Path(dir.resolve("ext").toString(), 4));
        s.ext.pageSize = 4 * MB;
        s.ext.wbufSize = 2 * MB;
        s.ext.itemAge = 0;
        s.ext.recacheRate = recacheRate;
        storage = new Storage(s, new Clock());
        storage.attachExtstore(Extstore.open(List.of(new Extstore.FileSpec(dir.resolve("ext"), 4)), 4 * MB, 2 * MB));
        threads = new ExtstoreThreads(storage); // never started: the test runs its passes
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.extstore().store().close();
            storage.close();
        }
    }

    private void set(String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        byte[] v = (value + "\r\n").getBytes(StandardCharsets.US_ASCII);
        storage.lock().lock();
        try {
            long it = storage.itemAlloc(k, k.length, 5, 0, v.length);
            assertTrue(storage.allocChunks(it));
            long ch = ItemLayout.hasFlag(it, ItemLayout.CHUNKED) ? ItemLayout.next(ItemLayout.headerChunk(it)) : 0;
            if (ch == 0) {
                NativeMemory.copyFromArray(v, 0, ItemLayout.dataAddress(it), v.length);
            } else {
                int at = 0;
                for (; ch != 0; ch = ItemLayout.next(ch)) {
                    int n = Math.min(v.length - at, ItemLayout.chunkSize(ch));
                    NativeMemory.copyFromArray(v, at, ItemLayout.chunkData(ch), n);
                    ItemLayout.chunkUsed(ch, n);
                    at += n;
                }
            }
            int hv = Storage.hash(k, k.length);
            long old = storage.find(k, k.length, hv);
            if (old != 0) {
                storage.replace(old, it, hv);
            } else {
                storage.link(it, hv);
            }
        } finally {
            storage.lock().unlock();
        }
    }

    private long find(String key) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        return storage.find(k, k.length, Storage.hash(k, k.length));
    }

    /** Reads a key's value the way a lookup does, null on a miss. */
    private String read(String key, boolean hitBefore) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        int hv = Storage.hash(k, k.length);
        storage.lock().lock();
        try {
            long hdr = storage.find(k, k.length, hv);
            if (hdr == 0) {
                return null;
            }
            ExtstoreItems ext = storage.extstore();
            long copy = ext.allocateRead(hdr);
            if (!ext.load(hdr, hv, copy)) {
                return null;
            }
            byte[] out = new byte[ItemLayout.nbytes(copy) - 2];
            if (!ItemLayout.hasFlag(copy, ItemLayout.CHUNKED)) {
                NativeMemory.copyToArray(ItemLayout.dataAddress(copy), out, 0, out.length);
            } else {
                int at = 0;
                for (long ch = ItemLayout.next(ItemLayout.headerChunk(copy)); ch != 0 && at < out.length; ch = ItemLayout.next(ch)) {
                    int n = Math.min(out.length - at, ItemLayout.chunkUsed(ch));
                    NativeMemory.copyToArray(ItemLayout.chunkData(ch), out, at, n);
                    at += n;
                }
            }
            if (hitBefore) {
                ItemLayout.setFlag(hdr, ItemLayout.FETCHED | ItemLayout.ACTIVE);
            }
            ext.finish(hdr, hv, copy, hitBefore);
            return new String(out, StandardCharsets.US_ASCII);
        } finally {
            storage.lock().unlock();
        }
    }

    private void writeAllCold() {
        storage.lock().lock();
        try {
            for (int c = 1; c <= storage.slabs.largestClass(); c++) {
                // move everything to COLD as the maintainer would, then write out
                for (int i = 0; i < 1000 && storage.juggle(c) > 0; i++) {
                    // juggle until settled
                }
            }
        } finally {
            storage.lock().unlock();
        }
        while (threads.writePass()) {
            // until nothing more is written
        }
    }

    private static String value(int length, int seed) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('A' + (i * 7 + seed) % 26));
        }
        return b.toString();
    }

    @Test
    void aWrittenOutItemKeepsItsKeyInMemoryAndReadsBackByteForByte() throws Exception {
        open(0);
        String small = value(600, 1);
        String large = value(700_000, 2); // chunked
        set("small", small);
        set("large", large);
        set("tiny", "x"); // below ext_item_size: stays in memory
        writeAllCold();
        assertTrue(ItemLayout.hasFlag(find("small"), ItemLayout.HDR));
        assertTrue(ItemLayout.hasFlag(find("large"), ItemLayout.HDR));
        assertFalse(ItemLayout.hasFlag(find("tiny"), ItemLayout.HDR));
        assertEquals(5, ItemLayout.clientFlags(find("small")));
        assertEquals(2, storage.extstore().store().stats().objectsWritten());
        assertEquals(small, read("small", false));
        assertEquals(large, read("large", false));
        assertEquals(2, storage.extstore().counters().getExtstore);
        assertEquals(0, storage.extstore().counters().missFromExtstore);
    }

    @Test
    void replacingOrDeletingAWrittenOutItemFreesItsPlaceOnThePage() throws Exception {
        open(0);
        set("a", value(10_000, 1));
        set("b", value(10_000, 2));
        writeAllCold();
        long used = storage.extstore().store().stats().bytesUsed();
        set("a", "fresh");
        storage.lock().lock();
        try {
            long b = find("b");
            storage.unlink(b, Storage.hash("b".getBytes(StandardCharsets.US_ASCII), 1));
        } finally {
            storage.lock().unlock();
        }
        assertTrue(storage.extstore().store().stats().bytesUsed() < used);
        assertEquals(0, storage.extstore().store().stats().objectsUsed());
    }

    @Test
    void aRepeatedHitBringsTheValueBackIntoMemoryAtRateOne() throws Exception {
        open(1);
        String v = value(5_000, 3);
        set("hot", v);
        writeAllCold();
        assertEquals(v, read("hot", false));
        assertTrue(ItemLayout.hasFlag(find("hot"), ItemLayout.HDR), "one hit is not enough");
        assertEquals(v, read("hot", true));
        long now = find("hot");
        assertFalse(ItemLayout.hasFlag(now, ItemLayout.HDR), "recached");
        assertEquals(1, storage.extstore().counters().recacheFromExtstore);
        assertEquals(0, storage.extstore().store().stats().objectsUsed());
    }

    @Test
    void anEvictedPageTurnsItsHeadersIntoMissesThatUnlinkThem() throws Exception {
        open(0);
        for (int i = 0; i < 40; i++) {
            set("k" + i, value(400_000, i));
            writeAllCold();
        }
        assertTrue(storage.extstore().store().stats().pageEvictions() > 0);
        assertEquals(null, read("k0", false));
        assertEquals(0, find("k0"), "the header is gone after the miss");
        assertEquals(1, storage.extstore().counters().missFromExtstore);
        assertEquals(0, storage.extstore().counters().badcrcFromExtstore);
        assertEquals(value(400_000, 39), read("k39", false));
    }

    @Test
    void compactionMovesLiveValuesAndTheHeadersFollow() throws Exception {
        open(0);
        for (int i = 0; i < 12; i++) {
            set("k" + i, value(300_000, i));
        }
        writeAllCold();
        long first = find("k0");
        int page = ItemLayout.hdrPageId(first);
        int version = ItemLayout.hdrPageVersion(first);
        byte[] buf = new byte[2 * MB];
        storage.lock().lock();
        try {
            storage.extstore().store().read(page, version, 0, buf, buf.length);
            storage.extstore().compactReadback(buf, buf.length, page, version, false);
        } finally {
            storage.lock().unlock();
        }
        assertTrue(storage.extstore().counters().compactRescues > 0);
        assertNotEquals(page, ItemLayout.hdrPageId(find("k0")));
        storage.extstore().store().closePage(page, version);
        assertEquals(value(300_000, 0), read("k0", false));
    }
}
