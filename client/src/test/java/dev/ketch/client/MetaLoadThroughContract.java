package dev.ketch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What only the meta protocol gives {@link MemcacheClient#getOrLoad}: stale values while one
 * caller recomputes, a write-back that never overwrites an invalidation, early recache; and item
 * metadata.
 */
abstract class MetaLoadThroughContract extends LoadThroughContract {

    @Override
    Protocol protocol() {
        return Protocol.META;
    }

    /** Waits until all but one of {@code results} are done; returns the one still running. */
    private static CompletableFuture<String> allButOneDone(List<CompletableFuture<String>> results) throws Exception {
        CountDownLatch done = new CountDownLatch(results.size() - 1);
        results.forEach(r -> r.whenComplete((v, e) -> done.countDown()));
        assertTrue(done.await(30, TimeUnit.SECONDS), "all callers but the winner answered without waiting for its load");
        List<CompletableFuture<String>> running = results.stream().filter(r -> !r.isDone()).toList();
        assertEquals(1, running.size(), "exactly one caller waits for its load");
        return running.get(0);
    }

    @Test
    void afterAnInvalidationEveryReaderGetsTheStaleValueUntilTheOneRecacheLands() throws Exception {
        String key = key("page");
        MemcacheClient<String> client = clients.get(0);
        assertEquals("v1", join(client.getOrLoad(key, 300, PATIENT, k -> CompletableFuture.completedFuture("v1"))));
        assertTrue(client.invalidate(key).join()); // no mg here: the first mg of a stale item takes its W

        ControlledLoader reload = new ControlledLoader(1);
        List<CompletableFuture<String>> readers = stampede(List.of(key), 300, PATIENT, reload);
        CompletableFuture<String> recomputing = allButOneDone(readers);
        for (CompletableFuture<String> reader : readers) {
            if (reader != recomputing) {
                assertEquals("v1", reader.join(), "the stale value, at once");
            }
        }
        assertEquals(1, reload.calls(key));
        reload.answer(key, "v2");
        assertEquals("v2", join(recomputing), "the recomputing caller gets the new value");
        MetaGetResult<String> now = clients.get(2).blocking().getWithMetadata(key);
        assertEquals("v2", now.value());
        assertFalse(now.stale());
        assertEquals("v2", join(clients.get(1).getOrLoad(key, 300, PATIENT, reload::load)));
        assertEquals(1, reload.calls(key));
        assertFalse(clients.get(1).invalidate(key("absent")).join());
    }

    @Test
    void aLoadThatAnInvalidationOvertookIsNotWrittenBack() throws Exception {
        String key = key("raced");
        MemcacheClient<String> client = clients.get(0);
        client.blocking().set(key, 300, "v1");
        client.blocking().invalidate(key);
        ControlledLoader slow = new ControlledLoader(1);
        CompletableFuture<String> winner = clients.get(1).getOrLoad(key, 300, PATIENT, slow::load);
        assertTrue(slow.firstCall.await(30, TimeUnit.SECONDS));
        assertTrue(client.invalidate(key).join(), "the data changed again while it was being loaded");
        slow.answer(key, "v2 (loaded before the second change)");
        assertEquals("v2 (loaded before the second change)", join(winner));
        AtomicInteger reloads = new AtomicInteger();
        assertEquals("v3", join(clients.get(2).getOrLoad(key, 300, PATIENT, k -> {
            reloads.incrementAndGet();
            return CompletableFuture.completedFuture("v3");
        })), "still stale: the write-back lost to the invalidation, so the next reader recomputes");
        assertEquals(1, reloads.get());
        assertEquals("v3", client.blocking().get(key));
    }

    @Test
    void nearItsExpiryOneCallerRefreshesTheItemWhileEveryCallerGetsTheCurrentValue() throws Exception {
        String key = key("ageing");
        clients.get(0).blocking().set(key, 100, "v1");
        ControlledLoader refresh = new ControlledLoader(1);
        LoadSettings early = PATIENT.withEarlyRecache(Duration.ofSeconds(1000)); // 100 s left is "near"
        List<CompletableFuture<String>> readers = stampede(List.of(key), 300, early, refresh);
        for (CompletableFuture<String> reader : readers) {
            assertEquals("v1", join(reader), "the current value, at once, the refreshing caller's too");
        }
        assertTrue(refresh.firstCall.await(30, TimeUnit.SECONDS));
        assertEquals(1, refresh.calls(key));
        refresh.answer(key, "v2");
        String value;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do { // the write-back follows the loader's answer asynchronously: read until it lands
            value = clients.get(1).blocking().get(key);
        } while (!"v2".equals(value) && System.nanoTime() < deadline);
        assertEquals("v2", value);
        assertEquals(1, refresh.calls(key));
    }

    @Test
    void metadataTellsTtlAccessHitsSizeFlagsAndCas() throws Exception {
        String key = key("meta");
        MemcacheClient<String> client = clients.get(0);
        assertNull(client.getWithMetadata(key).join());
        assertNull(client.metadata(key).join());
        client.blocking().set(key, 1000, "hello");
        MetaGetResult<String> peek = client.blocking().metadata(key);
        assertFalse(peek.hasValue());
        assertNull(peek.value());
        assertEquals(5, peek.size());
        assertTrue(peek.ttl() > 900 && peek.ttl() <= 1000, "ttl " + peek.ttl());
        assertFalse(peek.hitBefore());
        assertFalse(client.blocking().metadata(key).hitBefore(), "metadata() does not count as a hit");
        MetaGetResult<String> first = client.blocking().getWithMetadata(key);
        assertEquals("hello", first.value());
        assertTrue(first.hasValue());
        assertFalse(first.hitBefore());
        assertEquals(client.blocking().gets(key).cas(), first.cas());
        assertNotEquals(0, first.cas());
        assertTrue(first.lastAccess() >= 0);
        assertFalse(first.stale() || first.won() || first.alreadyWon());
        assertTrue(client.blocking().getWithMetadata(key).hitBefore(), "the value was fetched before");
        client.blocking().set(key("forever"), 0, "x");
        assertEquals(-1, client.blocking().metadata(key("forever")).ttl());
        byte[] binaryKey = {0, 1, ' ', '\n', (byte) 0xff};
        assertTrue(client.blocking().set(binaryKey, 0, "b"));
        assertEquals("b", client.getWithMetadata(binaryKey).join().value());
    }
}
