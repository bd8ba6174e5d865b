package dev.ketch.server.engine;

import static dev.ketch.server.engine.CacheFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's meta operations, without any protocol. */
class MetaOperationsTest {

    private final CacheFixture f = new CacheFixture();
    private final MetaOperations meta = f.cache.meta();
    private final MetaOptions options = new MetaOptions();
    private final ArithmeticResult arith = new ArithmeticResult();

    @BeforeEach
    void stopTheClock() {
        f.clock.setPaused(true); // TTLs are then exact
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** What a sink saw of the item, in the order it asked. */
    private static final class Seen {
        boolean fetchedBefore;
        int ttl;
        long cas;
        boolean created;
        boolean tokenSent;
        boolean stale;
        boolean won;
    }

    private Seen get(String key, boolean settle) {
        Seen seen = new Seen();
        MetaOperations.GetOutcome outcome = meta.get(bytes(key), options, item -> {
            seen.fetchedBefore = item.item().fetched();
            seen.created = item.created();
            if (options.newTtl) {
                item.applyNewTtl();
            }
            if (options.vivify) {
                item.applyVivifyTtl();
            }
            if (options.recacheExptime != 0) {
                item.checkRecache();
            }
            seen.ttl = item.item().timeToLive();
            seen.cas = item.item().cas();
            seen.tokenSent = item.tokenAlreadySent();
            seen.stale = item.stale();
            if (settle) {
                seen.won = item.settleToken();
            }
            return true;
        });
        return outcome == MetaOperations.GetOutcome.HIT ? seen : null;
    }

    @Test
    void getCountsHitsAndMissesLikeGet() {
        f.set("k", "v");
        assertNull(get("missing", true));
        assertTrue(get("k", true) != null);
        EngineCounters c = f.cache.counters();
        assertEquals(2, c.getCmds);
        assertEquals(1, c.getMisses);
        assertEquals(1, EngineCounters.sum(c.getHits));
        assertEquals(1, EngineCounters.sum(c.lruHits));
    }

    @Test
    void newTtlCountsAsTouchOnlyOnAHit() {
        f.set("k", "v");
        options.newTtl = true;
        options.exptime = 100;
        options.bumpAfterReply = true;
        assertEquals(100, get("k", true).ttl);
        assertNull(get("missing", true));
        EngineCounters c = f.cache.counters();
        assertEquals(1, c.touchCmds);
        assertEquals(1, EngineCounters.sum(c.touchHits));
        assertEquals(0, c.touchMisses, "a miss with T is a get miss in memcached");
        assertEquals(1, c.getMisses);
        assertEquals(1, c.getCmds);
    }

    @Test
    void bumpAfterReplyShowsTheStateBeforeThisRequest() {
        f.set("k", "v");
        options.bumpAfterReply = true;
        assertFalse(get("k", true).fetchedBefore);
        assertTrue(get("k", true).fetchedBefore);
        f.set("k2", "v");
        options.bumpAfterReply = false;
        assertTrue(get("k2", true).fetchedBefore, "bumped before the sink ran");
    }

    @Test
    void noBumpLeavesTheItemUnfetched() {
        f.set("k", "v");
        options.noBump = true;
        options.bumpAfterReply = true;
        get("k", true);
        get("k", true);
        assertFalse(get("k", true).fetchedBefore);
    }

    @Test
    void vivifyCreatesAnEmptyItemAndWinsOnce() {
        options.vivify = true;
        options.vivifyExptime = 30;
        options.bumpAfterReply = true;
        Seen first = get("k", true);
        assertTrue(first.created);
        assertTrue(first.won);
        assertEquals(30, first.ttl);
        assertEquals("", f.get("k"));
        Seen second = get("k", true);
        assertFalse(second.created);
        assertTrue(second.tokenSent);
        assertFalse(second.won);
        assertEquals(0, f.cache.counters().getMisses, "autovivification never counts a miss");
    }

    @Test
    void recacheWinsWhenTtlIsBelowTheThresholdAndNoTokenWasSent() {
        f.set("k", "v", 100);
        options.recacheExptime = 50;
        assertFalse(get("k", true).won);
        options.recacheExptime = 200;
        assertTrue(get("k", true).won);
        assertFalse(get("k", true).won);
        f.set("forever", "v");
        assertFalse(get("forever", true).won, "an item that never expires is never recached");
    }

    @Test
    void abandonedGetIsNeitherBumpedNorCounted() {
        f.set("k", "v");
        options.bumpAfterReply = true;
        assertEquals(MetaOperations.GetOutcome.ABANDONED, meta.get(bytes("k"), options, item -> false));
        assertFalse(get("k", true).fetchedBefore);
        assertEquals(1, f.cache.counters().getCmds);
    }

    @Test
    void invalidateMarksStaleWithNewCasAndTheNextGetWins() {
        f.set("k", "v");
        long cas = f.gets("k");
        options.invalidate = true;
        options.newTtl = true;
        options.exptime = 30;
        assertEquals(DeleteResult.DELETED, meta.delete(bytes("k"), options));
        options.reset();
        Seen seen = get("k", true);
        assertTrue(seen.stale);
        assertTrue(seen.won);
        assertEquals(30, seen.ttl);
        assertNotEquals(cas, seen.cas);
        Seen again = get("k", true);
        assertTrue(again.tokenSent);
        assertFalse(again.won);
        assertEquals(0, EngineCounters.sum(f.cache.counters().deleteHits), "invalidation is no delete hit");
    }

    @Test
    void deleteComparesCasIncludingZero() {
        f.set("k", "v");
        options.hasCas = true;
        options.cas = 0;
        assertEquals(DeleteResult.EXISTS, meta.delete(bytes("k"), options));
        options.cas = f.gets("k");
        assertEquals(DeleteResult.DELETED, meta.delete(bytes("k"), options));
        assertEquals(DeleteResult.NOT_FOUND, meta.delete(bytes("k"), options));
        assertEquals(2, f.cache.counters().deleteMisses, "a CAS mismatch counts as a delete miss");
    }

    @Test
    void staleSetKeepsExpiryAndToken() {
        f.set("k", "v", 100);
        long cas = f.gets("k");
        options.invalidate = true;
        meta.delete(bytes("k"), options);
        options.reset();
        get("k", true); // wins the token
        PendingItem p = meta.allocate(StoreMode.CAS, bytes("k"), false, 0, 0, 1);
        p.write(Unpooled.wrappedBuffer(bytes("n")));
        p.writeTerminator();
        assertEquals(StoreResult.STORED, f.cache.store(p, cas, true));
        Seen seen = get("k", true);
        assertTrue(seen.stale);
        assertTrue(seen.tokenSent);
        assertEquals(100, seen.ttl);
        assertEquals("n", f.get("k"));
    }

    @Test
    void failedAllocationDropsTheOldValueWhateverTheMode() {
        f.set("k", "v");
        PendingItem p = meta.allocate(StoreMode.ADD, bytes("k"), false, 0, 0, 2 * 1024 * 1024);
        assertEquals(PendingItem.Status.TOO_LARGE, p.status());
        p.release();
        assertNull(f.get("k"));
    }

    @Test
    void refusedStoreOnlySwallows() {
        PendingItem p = meta.refused(3);
        assertEquals(PendingItem.Status.REFUSED, p.status());
        assertEquals(5, p.remaining());
        assertEquals(5, p.write(Unpooled.wrappedBuffer(bytes("abc\r\nmore"))));
        assertTrue(p.isComplete());
        p.release();
    }

    @Test
    void arithmeticCreatesWithInitialValueWithoutCountingAMiss() {
        options.vivify = true;
        options.initial = 13;
        meta.arithmetic(bytes("n"), options, arith, item -> true);
        assertTrue(arith.created());
        assertEquals(13, arith.value());
        assertEquals("13", f.get("n"));
        meta.arithmetic(bytes("n"), options, arith, item -> true);
        assertFalse(arith.created());
        assertEquals(14, arith.value());
        EngineCounters c = f.cache.counters();
        assertEquals(0, c.incrMisses);
        assertEquals(1, EngineCounters.sum(c.incrHits));
    }

    @Test
    void arithmeticIgnoresACasOfZero() {
        f.set("n", "5");
        options.hasCas = true;
        options.cas = 0;
        meta.arithmetic(bytes("n"), options, arith, item -> true);
        assertEquals(ArithmeticResult.Status.OK, arith.status());
        options.cas = 12345;
        meta.arithmetic(bytes("n"), options, arith, item -> true);
        assertEquals(ArithmeticResult.Status.CAS_MISMATCH, arith.status());
    }

    @Test
    void ttlAppliedAfterAGrowingUpdateMissesTheStoredItem() {
        f.set("n", "9", 100);
        options.newTtl = true;
        options.exptime = 500;
        int[] ttlSeen = new int[1];
        long[] casSeen = new long[1];
        meta.arithmetic(bytes("n"), options, arith, item -> {
            item.applyNewTtl();
            ttlSeen[0] = item.item().timeToLive();
            casSeen[0] = item.item().cas();
            return true;
        });
        assertEquals(500, ttlSeen[0], "the reply shows the new TTL");
        assertEquals(f.gets("n"), casSeen[0], "and the stored item's CAS");
        assertEquals("10", f.get("n"));
        int[] stored = new int[1];
        f.cache.get(bytes("n"), item -> stored[0] = item.timeToLive());
        assertEquals(100, stored[0], "memcached 1.6.18 applies T to the replaced item");
    }

    @Test
    void arithmeticInPlaceTakesTheNewTtl() {
        f.set("n", "10", 100);
        options.newTtl = true;
        options.exptime = 500;
        options.decrement = true;
        meta.arithmetic(bytes("n"), options, arith, item -> {
            item.applyNewTtl();
            return true;
        });
        int[] stored = new int[1];
        f.cache.get(bytes("n"), item -> stored[0] = item.timeToLive());
        assertEquals(500, stored[0]);
        assertEquals("9 ", f.get("n"));
    }

    @Test
    void peekNeitherBumpsNorCounts() {
        f.set("k", "v");
        boolean[] fetched = {true};
        assertTrue(meta.peek(bytes("k"), item -> fetched[0] = item.fetched()));
        assertFalse(fetched[0]);
        assertFalse(meta.peek(bytes("missing"), item -> { }));
        assertEquals(0, f.cache.counters().getCmds);
        options.bumpAfterReply = true;
        assertFalse(get("k", true).fetchedBefore);
    }
}
