package dev.ketch.server.engine;

import static dev.ketch.server.engine.CacheFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheSemanticsTest {

    private final CacheFixture f = new CacheFixture();
    private final ArithmeticResult arith = new ArithmeticResult();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void setThenGetReturnsValueAndFlags() {
        assertEquals(StoreResult.STORED, f.store(StoreMode.SET, "k", "hello", 0xdeadbeef, 0, 0));
        assertEquals("hello", f.get("k"));
        assertEquals(0xdeadbeef, f.flags("k"));
        assertNull(f.get("missing"));
    }

    @Test
    void addOnlyStoresAbsentKeys() {
        assertEquals(StoreResult.STORED, f.store(StoreMode.ADD, "k", "one", 0, 0, 0));
        assertEquals(StoreResult.NOT_STORED, f.store(StoreMode.ADD, "k", "two", 0, 0, 0));
        assertEquals("one", f.get("k"));
    }

    @Test
    void replaceOnlyStoresPresentKeys() {
        assertEquals(StoreResult.NOT_STORED, f.store(StoreMode.REPLACE, "k", "one", 0, 0, 0));
        assertNull(f.get("k"));
        f.set("k", "one");
        assertEquals(StoreResult.STORED, f.store(StoreMode.REPLACE, "k", "two", 0, 0, 0));
        assertEquals("two", f.get("k"));
    }

    @Test
    void appendAndPrependKeepFlagsAndExpiryOfExistingItem() {
        assertEquals(StoreResult.NOT_STORED, f.store(StoreMode.APPEND, "k", "x", 0, 0, 0));
        f.store(StoreMode.SET, "k", "mid", 7, 0, 0);
        assertEquals(StoreResult.STORED, f.store(StoreMode.APPEND, "k", "-end", 99, 0, 0));
        assertEquals(StoreResult.STORED, f.store(StoreMode.PREPEND, "k", "start-", 99, 0, 0));
        assertEquals("start-mid-end", f.get("k"));
        assertEquals(7, f.flags("k"));
    }

    @Test
    void casStoresOnlyWithMatchingUnique() {
        assertEquals(StoreResult.NOT_FOUND, f.store(StoreMode.CAS, "k", "v", 0, 0, 123));
        f.set("k", "v1");
        long cas = f.gets("k");
        assertEquals(StoreResult.EXISTS, f.store(StoreMode.CAS, "k", "v2", 0, 0, cas + 1));
        assertEquals(StoreResult.STORED, f.store(StoreMode.CAS, "k", "v2", 0, 0, cas));
        assertEquals("v2", f.get("k"));
        assertNotEquals(cas, f.gets("k"));
        assertEquals(StoreResult.EXISTS, f.store(StoreMode.CAS, "k", "v3", 0, 0, cas));
    }

    @Test
    void everyStoreGetsAFreshIncreasingCas() {
        f.set("a", "1");
        long a = f.gets("a");
        f.set("b", "1");
        long b = f.gets("b");
        f.set("a", "2");
        assertTrue(b > a);
        assertTrue(f.gets("a") > b);
    }

    @Test
    void deleteWithAndWithoutCas() {
        assertEquals(DeleteResult.NOT_FOUND, f.cache.delete(bytes("k"), 0));
        f.set("k", "v");
        long cas = f.gets("k");
        assertEquals(DeleteResult.EXISTS, f.cache.delete(bytes("k"), cas + 1));
        assertEquals(DeleteResult.DELETED, f.cache.delete(bytes("k"), cas));
        assertNull(f.get("k"));
    }

    @Test
    void incrWrapsAt64BitsAndDecrStopsAtZero() {
        f.set("n", "18446744073709551615");
        f.cache.arithmetic(bytes("n"), true, 2, 0, arith);
        assertEquals(ArithmeticResult.Status.OK, arith.status());
        assertEquals(1, arith.value());
        f.cache.arithmetic(bytes("n"), false, 5, 0, arith);
        assertEquals(0, arith.value());
    }

    @Test
    void shorterResultIsWrittenInPlaceWithSpacePadding() {
        f.set("n", "100");
        f.cache.arithmetic(bytes("n"), false, 91, 0, arith);
        assertEquals(9, arith.value());
        assertEquals("9  ", f.get("n"));
        f.cache.arithmetic(bytes("n"), true, 991, 0, arith);
        assertEquals("1000", f.get("n"));
    }

    @Test
    void arithmeticOnNonNumericOrMissingValues() {
        f.cache.arithmetic(bytes("absent"), true, 1, 0, arith);
        assertEquals(ArithmeticResult.Status.NOT_FOUND, arith.status());
        for (String bad : new String[] {"abc", "", "12abc", "-1", "18446744073709551616"}) {
            f.set("n", bad);
            f.cache.arithmetic(bytes("n"), true, 1, 0, arith);
            assertEquals(ArithmeticResult.Status.NON_NUMERIC, arith.status(), () -> "value '" + bad + "'");
        }
        f.set("n", " 42 ");
        f.cache.arithmetic(bytes("n"), true, 1, 0, arith);
        assertEquals(ArithmeticResult.Status.OK, arith.status());
        assertEquals(43, arith.value());
    }

    @Test
    void arithmeticChecksCasWhenGiven() {
        f.set("n", "5");
        long cas = f.gets("n");
        f.cache.arithmetic(bytes("n"), true, 1, cas + 7, arith);
        assertEquals(ArithmeticResult.Status.CAS_MISMATCH, arith.status());
        f.cache.arithmetic(bytes("n"), true, 1, cas, arith);
        assertEquals(ArithmeticResult.Status.OK, arith.status());
        assertEquals(f.gets("n"), arith.cas());
    }

    @Test
    void touchAndGatChangeExpiry() {
        assertFalse(f.cache.touch(bytes("k"), 10));
        f.set("k", "v");
        assertTrue(f.cache.touch(bytes("k"), -1));
        assertNull(f.get("k"));
        f.set("k", "v");
        String[] seen = new String[1];
        assertTrue(f.cache.getAndTouch(bytes("k"), 100, item -> seen[0] = CacheFixture.value(item)));
        assertEquals("v", seen[0]);
    }

    @Test
    void largeValuesAreStoredAcrossChunksAndCombine() {
        String big = "x".repeat(700_000);
        f.set("big", big);
        assertEquals(big, f.get("big"));
        assertEquals(StoreResult.STORED, f.store(StoreMode.APPEND, "big", "tail", 0, 0, 0));
        assertEquals(StoreResult.STORED, f.store(StoreMode.PREPEND, "big", "head", 0, 0, 0));
        assertEquals("head" + big + "tail", f.get("big"));
    }

    @Test
    void failedSetRemovesTheOldValue() {
        f.set("k", "old");
        PendingItem p = f.cache.allocate(StoreMode.SET, bytes("k"), 0, 0, 2 * 1024 * 1024);
        assertEquals(PendingItem.Status.TOO_LARGE, p.status());
        assertNull(f.get("k"));
    }

    @Test
    void failedAddKeepsTheOldValue() {
        f.set("k", "old");
        PendingItem p = f.cache.allocate(StoreMode.ADD, bytes("k"), 0, 0, 2 * 1024 * 1024);
        assertEquals(PendingItem.Status.TOO_LARGE, p.status());
        assertEquals("old", f.get("k"));
    }

    @Test
    void releasedPendingItemReturnsItsMemory() {
        for (int i = 0; i < 10_000; i++) {
            PendingItem p = f.cache.allocate(StoreMode.SET, bytes("k" + i), 0, 0, 100_000);
            assertEquals(PendingItem.Status.READY, p.status());
            p.release();
        }
        f.cache.lock().lock();
        try {
            assertTrue(f.cache.storage().slabs().memMalloced() <= 2L * 1024 * 1024, "released chunks are reused");
        } finally {
            f.cache.lock().unlock();
        }
    }
}
