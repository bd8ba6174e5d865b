package dev.ketch.server.storage.extstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page store: writes land in pages, come back intact, and pages are reclaimed and evicted as memcached's. */
class ExtstoreTest {

    private static final int MB = 1024 * 1024;
    private static final int PAGE = 4 * MB;
    private static final int WBUF = 2 * MB;

    @TempDir
    Path dir;

    private Extstore open(int pages) throws ExtstoreException {
        return Extstore.open(List.of(new Extstore.FileSpec(dir.resolve("ext"), pages)), PAGE, WBUF);
    }

    private static byte[] object(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static Location write(Extstore e, byte[] data) {
        return e.write(Extstore.BUCKET_DEFAULT, data.length, out -> out.put(data));
    }

    private static byte[] read(Extstore e, Location at, int length) {
        byte[] dst = new byte[length];
        return e.read(at, dst, length) ? dst : null;
    }

    @Test
    void anObjectReadsBackFromTheWriteBufferAndThenFromTheFile() throws Exception {
        try (Extstore e = open(4)) {
            byte[] first = object(300_000, 1);
            Location at = write(e, first);
            assertNotNull(at);
            assertArrayEquals(first, read(e, at, first.length), "from the write buffer");
            assertEquals(0, Files.size(dir.resolve("ext")), "nothing written to the file yet");
            List<Location> more = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                more.add(write(e, object(300_000, i + 2)));
            }
            assertTrue(Files.size(dir.resolve("ext")) >= WBUF, "the full write buffer went to the file");
            assertArrayEquals(first, read(e, at, first.length), "from the file");
            for (int i = 0; i < more.size(); i++) {
                assertArrayEquals(object(300_000, i + 2), read(e, more.get(i), 300_000));
            }
            ExtstoreStats st = e.stats();
            assertEquals(9, st.objectsWritten());
            assertEquals(9, st.objectsUsed());
            assertEquals(9L * 300_000, st.bytesUsed());
            assertEquals(1 + more.size() + 1, st.objectsRead());
        }
    }

    @Test
    void pageZeroIsNeverHandedOutAsInMemcached() throws Exception {
        try (Extstore e = open(4)) {
            assertEquals(3, e.stats().pagesFree());
            assertEquals(1, e.stats().pagesUsed());
            Location at = write(e, object(10, 0));
            assertTrue(at.pageId() > 0);
            assertEquals(2, e.stats().pagesFree());
            assertEquals(1, e.stats().pageAllocs());
        }
    }

    @Test
    void aPageWhoseObjectsAreAllDeletedIsReclaimed() throws Exception {
        try (Extstore e = open(4)) {
            List<Location> page = new ArrayList<>();
            Location at;
            do {
                at = write(e, object(500_000, page.size()));
                page.add(at);
            } while (at.pageId() == page.get(0).pageId());
            page.remove(page.size() - 1); // the first object of the next page
            long freeBefore = e.stats().pagesFree();
            for (Location l : page) {
                assertTrue(e.delete(l.pageId(), l.version(), 1, 500_000));
            }
            assertEquals(freeBefore + 1, e.stats().pagesFree());
            assertEquals(1, e.stats().pageReclaims());
            assertFalse(e.check(page.get(0).pageId(), page.get(0).version()));
            assertNull(read(e, page.get(0), 500_000), "a reclaimed page reads as gone");
            assertFalse(e.delete(page.get(0).pageId(), page.get(0).version(), 1, 500_000),
                    "a stale delete changes nothing");
        }
    }

    @Test
    void whenNoPageIsFreeTheOldestIsEvictedAndItsObjectsReadAsGone() throws Exception {
        try (Extstore e = open(3)) {
            List<Location> written = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                written.add(write(e, object(500_000, i)));
            }
            assertTrue(written.stream().allMatch(l -> l != null));
            ExtstoreStats st = e.stats();
            assertTrue(st.pageEvictions() > 0, "pages evicted: " + st);
            assertTrue(st.objectsEvicted() > 0);
            assertEquals(st.objectsEvicted() * 500_000, st.bytesEvicted());
            assertNull(read(e, written.get(0), 500_000), "the oldest object went with its page");
            byte[] last = read(e, written.get(39), 500_000);
            assertArrayEquals(object(500_000, 39), last);
        }
    }

    @Test
    void aClosedPageIsFreedWithWhatItStillCounts() throws Exception {
        try (Extstore e = open(4)) {
            Location first = write(e, object(1_500_000, 0));
            while (write(e, object(1_500_000, 1)).pageId() == first.pageId()) {
                // fill the first page so it is no longer the active one
            }
            PageData data = e.pageData()[first.pageId()];
            assertEquals(first.version(), data.version());
            assertTrue(data.bytesUsed() > 0);
            e.closePage(first.pageId(), first.version());
            assertEquals(0, e.pageData()[first.pageId()].version());
            assertNull(read(e, first, 10));
        }
    }

    @Test
    void anObjectLargerThanAWriteBufferIsRefused() throws Exception {
        try (Extstore e = open(4)) {
            assertNull(e.write(Extstore.BUCKET_DEFAULT, WBUF + 1, out -> { }));
            assertEquals(0, e.stats().objectsWritten());
        }
    }

    @Test
    void sizesThatMemcachedRefusesAreRefused() {
        Path f = dir.resolve("x");
        ExtstoreException notDivisible = assertThrows(ExtstoreException.class,
                () -> Extstore.open(List.of(new Extstore.FileSpec(f, 2)), 6 * MB, 4 * MB));
        assertEquals("page_size must be divisible by wbuf_size", notDivisible.getMessage());
        ExtstoreException unaligned = assertThrows(ExtstoreException.class,
                () -> Extstore.open(List.of(new Extstore.FileSpec(f, 2)), 3 * MB, MB));
        assertEquals("page_size and wbuf_size must be divisible by 1024*1024*2", unaligned.getMessage());
    }

    @Test
    void aFileInUseByAnotherStoreIsRefused() throws Exception {
        try (Extstore e = open(2)) {
            ExtstoreException busy = assertThrows(ExtstoreException.class, () -> open(2));
            assertTrue(busy.getMessage().startsWith("failed to open file"), busy.getMessage());
        }
        try (Extstore again = open(2)) {
            assertEquals(2, again.pageCount(), "free again once the first store closed");
        }
    }

    @Test
    void pagesAreInterleavedOverFilesStartingWithTheLastGiven() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (Extstore e = Extstore.open(List.of(new Extstore.FileSpec(a, 2), new Extstore.FileSpec(b, 3)), PAGE, WBUF)) {
            assertEquals(5, e.pageCount());
            // fill pages until both files have data: page 1 lies in file a (b holds pages 0, 2, 4)
            byte[] big = new byte[WBUF];
            Arrays.fill(big, (byte) 7);
            for (int i = 0; i < 4; i++) {
                assertNotNull(e.write(Extstore.BUCKET_DEFAULT, WBUF, out -> out.put(big)));
            }
            assertTrue(Files.size(a) > 0, "page 1 is in the first file given");
        }
    }
}
