package dev.ketch.server.engine;

import static dev.ketch.server.engine.CacheFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.storage.SlabAllocator;
import dev.ketch.server.storage.SlabMover;
import io.netty.buffer.Unpooled;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The slab page mover ({@code slabs reassign}) and the automover: pages change class with their
 * live items rescued (large items' chunks included) or evicted when there is no room, busy items
 * are waited for, and pages in the global pool beyond a lowered memory limit are freed.
 */
class SlabMoverTest {

    private static final long MB = 1024 * 1024;

    private static ServerSettings settings(long megabytes) {
        ServerSettings s = new ServerSettings();
        s.maxBytes = megabytes * MB;
        s.slabAutomove = 0;
        return s;
    }

    private static <T> T locked(Cache cache, java.util.function.Supplier<T> read) {
        ReentrantLock lock = cache.lock();
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private static int pages(CacheFixture f, int cls) {
        return locked(f.cache, () -> f.cache.storage().slabs().pages(cls));
    }

    private static long moverStat(CacheFixture f, ToLongFunction<SlabMover> stat) {
        return locked(f.cache, () -> stat.applyAsLong(f.cache.storage().mover()));
    }

    /** Waits for a condition the mover's thread brings about (it makes progress on its own). */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static int classOf(CacheFixture f, String key) {
        int[] cls = {0};
        f.cache.get(bytes(key), item -> cls[0] = item.slabClass());
        return cls[0];
    }

    @Test
    void movesAPageWithItsLiveItemsRescued() {
        try (CacheFixture f = new CacheFixture(settings(64))) {
            String value = "v".repeat(20_000);
            for (int i = 0; i < 120; i++) {
                f.set("r" + i, value + i);
            }
            int cls = classOf(f, "r0");
            int before = pages(f, cls);
            assertTrue(before >= 3, "several pages: " + before);
            // make room in the other pages: the first page's items can be rescued
            for (int i = 60; i < 120; i++) {
                f.cache.delete(bytes("r" + i), 0);
            }
            long casBefore = f.gets("r0");
            assertEquals(SlabMover.Result.OK, f.cache.storage().mover().reassign(cls, 1));
            await(() -> moverStat(f, SlabMover::slabsMoved) == 1, "the page has moved");
            assertEquals(before - 1, pages(f, cls));
            assertTrue(pages(f, 1) >= 1);
            for (int i = 0; i < 60; i++) {
                assertEquals(value + i, f.get("r" + i), "r" + i + " survives the move");
            }
            assertTrue(moverStat(f, SlabMover::rescues) > 0);
            assertNotEquals(casBefore, f.gets("r0"), "a rescued item is relinked with a fresh CAS, as in memcached");
        }
    }

    @Test
    void withoutRoomElsewhereTheItemsOfThePageAreEvicted() {
        try (CacheFixture f = new CacheFixture(settings(64))) {
            String value = "w".repeat(20_000);
            for (int i = 0; i < 100; i++) {
                f.set("n" + i, value);
            }
            int cls = classOf(f, "n0");
            assertEquals(SlabMover.Result.OK, f.cache.storage().mover().reassign(cls, 0));
            await(() -> moverStat(f, SlabMover::slabsMoved) == 1, "the page has moved");
            assertTrue(moverStat(f, SlabMover::evictionsNomem) > 0);
            assertNull(f.get("n0"), "the oldest item lived in the page moved");
            assertEquals(value, f.get("n99"));
            assertEquals(1, locked(f.cache, () -> f.cache.storage().slabs().globalPoolPages()));
        }
    }

    @Test
    void chunksOfLargeItemsAreRescuedIntact() {
        ServerSettings s = settings(64);
        s.slabChunkSizeMax = 4096;
        try (CacheFixture f = new CacheFixture(s)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 11_000; i++) {
                sb.append((char) ('C' + i % 23));
            }
            String value = sb.toString();
            for (int i = 0; i < 800; i++) {
                f.set("c" + i, value + i);
            }
            for (int i = 400; i < 800; i++) {
                f.cache.delete(bytes("c" + i), 0);
            }
            int chunkClass = locked(f.cache, () -> f.cache.storage().slabs().clsid(4096));
            assertTrue(pages(f, chunkClass) > 2);
            for (int move = 1; move <= 3; move++) {
                int expected = move;
                assertEquals(SlabMover.Result.OK, f.cache.storage().mover().reassign(chunkClass, 0));
                await(() -> moverStat(f, SlabMover::slabsMoved) == expected, "page " + expected + " has moved");
            }
            assertTrue(moverStat(f, SlabMover::chunkRescues) > 0);
            for (int i = 0; i < 400; i++) {
                String got = f.get("c" + i);
                if (got != null) {
                    assertEquals(value + i, got, "c" + i);
                }
            }
        }
    }

    @Test
    void anItemBeingStoredIsWaitedFor() {
        try (CacheFixture f = new CacheFixture(settings(64))) {
            String value = "b".repeat(20_000);
            PendingItem pending = f.cache.allocate(StoreMode.SET, bytes("busy"), 0, 0, value.length());
            for (int i = 0; i < 100; i++) {
                f.set("b" + i, value);
            }
            for (int i = 50; i < 100; i++) {
                f.cache.delete(bytes("b" + i), 0);
            }
            int cls = classOf(f, "b0");
            assertEquals(SlabMover.Result.OK, f.cache.storage().mover().reassign(cls, 0));
            await(() -> moverStat(f, SlabMover::busyItems) > 0, "the mover met the item being stored");
            assertEquals(0, moverStat(f, SlabMover::slabsMoved), "not done while the item is busy");
            assertEquals(SlabMover.Result.RUNNING, f.cache.storage().mover().reassign(cls, 0));
            pending.write(Unpooled.wrappedBuffer(bytes(value)));
            pending.writeTerminator();
            assertEquals(StoreResult.STORED, f.cache.store(pending, 0));
            await(() -> moverStat(f, SlabMover::slabsMoved) == 1, "the page has moved");
            assertEquals(value, f.get("busy"), "the item stored meanwhile was rescued");
        }
    }

    @Test
    void refusals() {
        try (CacheFixture f = new CacheFixture(settings(64))) {
            SlabMover mover = f.cache.storage().mover();
            f.set("one", "x");
            assertEquals(SlabMover.Result.SAME, mover.reassign(3, 3));
            assertEquals(SlabMover.Result.BADCLASS, mover.reassign(1, 1000));
            assertEquals(SlabMover.Result.BADCLASS, mover.reassign(-2, 1));
            assertEquals(SlabMover.Result.NOSPARE, mover.reassign(1, 2), "one page is never taken");
            assertEquals(SlabMover.Result.NOSPARE, mover.reassign(0, 2), "the global pool is empty");
        }
    }

    @Test
    void automoveGivesFreePagesBackAndALowerLimitFreesThem() {
        ServerSettings s = settings(16);
        s.slabAutomove = 1;
        s.slabAutomoveWindow = 3;
        try (CacheFixture f = new CacheFixture(s)) {
            String value = "a".repeat(66_560);
            for (int i = 0; i < 200; i++) {
                f.set("a" + i, value);
            }
            long malloced = locked(f.cache, () -> f.cache.storage().slabs().memMalloced());
            assertEquals(16 * MB, malloced);
            assertTrue(f.cache.adjustMemLimit(8 * MB));
            for (int i = 0; i < 200; i++) {
                f.cache.delete(bytes("a" + i), 0);
            }
            SlabAllocator slabs = f.cache.storage().slabs();
            await(() -> locked(f.cache, slabs::memMalloced) <= 8 * MB, "memory above the new limit is freed");
            assertTrue(moverStat(f, SlabMover::slabsMoved) >= 8);
        }
    }
}
