package dev.ketch.client;

import dev.ketch.client.protocol.DeleteOperation;
import dev.ketch.client.protocol.GetOperation;
import dev.ketch.client.protocol.InvalidateOperation;
import dev.ketch.client.protocol.MetaGetOperation;
import dev.ketch.client.protocol.OpKind;
import dev.ketch.client.protocol.Results;
import dev.ketch.client.protocol.StoreOperation;
import dev.ketch.client.transcode.CachedData;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link MemcacheClient#getOrLoad} call: read the key; on a miss (or a stale or soon-expiring
 * item) exactly one caller among all clients wins the right to run the loader and write its value
 * back, the others get the current value or, when there is none, wait for the winner's.
 *
 * <p>With the meta protocol memcached arbitrates: {@code mg k v f c t s N<lock> [R<early>]}
 * creates a placeholder on a miss and gives {@code W} to exactly one request, {@code Z} to the
 * others; an item marked stale by {@code md k I} is served with {@code X} and one {@code W}. The
 * winner writes back with {@code ms ... C<cas>}, so an invalidation after its read (which bumps
 * the CAS) is never overwritten. With the text and binary protocols the winner is whoever
 * {@code add}s a lock item first; a write-back cannot be made conditional on the invalidation
 * there.
 *
 * <p>Callers without a value poll, backing off from 1 ms to 50 ms, until {@link
 * LoadSettings#maxWait()}; a poll that finds the placeholder or lock gone (its winner failed or
 * took longer than {@link LoadSettings#lockTime()}) may win. When the key's server cannot be
 * reached at all (it is down or ejected), the loader runs without the cache.
 */
final class LoadThrough<V> {

    private static final Logger LOG = LoggerFactory.getLogger(LoadThrough.class);
    private static final byte[] LOCK_SUFFIX = ":ketch-load-lock".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_LOCKED_KEY_LENGTH = 250 - LOCK_SUFFIX.length;
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final CachedData LOCKED = new CachedData(0, "1".getBytes(StandardCharsets.US_ASCII));

    private final DefaultMemcacheClient<V> client;
    private final ClientCore core;
    private final String name;
    private final byte[] key;
    private final int ttl;
    private final LoadSettings settings;
    private final Function<? super String, ? extends CompletionStage<? extends V>> loader;
    private final CompletableFuture<V> result = new CompletableFuture<>();
    private final long deadline;
    private long pollNanos = FIRST_POLL_NANOS;

    LoadThrough(DefaultMemcacheClient<V> client, ClientCore core, String name, byte[] key, int ttl, LoadSettings settings,
            Function<? super String, ? extends CompletionStage<? extends V>> loader) {
        this.client = client;
        this.core = core;
        this.name = name;
        this.key = key;
        this.ttl = ttl;
        this.settings = settings;
        this.loader = loader;
        this.deadline = System.nanoTime() + settings.maxWait().toNanos();
    }

    /** The key of the lock item for {@code key} in the text and binary protocols. */
    static byte[] lockKey(byte[] key) {
        byte[] lock = Arrays.copyOf(key, key.length + LOCK_SUFFIX.length);
        System.arraycopy(LOCK_SUFFIX, 0, lock, key.length, LOCK_SUFFIX.length);
        return lock;
    }

    CompletableFuture<V> start() {
        attempt();
        return result;
    }

    private void attempt() {
        if (core.isMeta()) {
            metaAttempt();
        } else {
            lockAttempt();
        }
    }

    // ------------------------------------------------------------------ meta protocol

    private void metaAttempt() {
        int early = LoadSettings.ceilSeconds(settings.earlyRecache());
        MetaGetOperation<V> read = new MetaGetOperation<>(key, client.transcoder(), true, false,
                LoadSettings.ceilSeconds(settings.lockTime()), early > 0 ? early : MetaGetOperation.NONE);
        client.execute(key, read).whenComplete((item, failure) -> {
            if (failure != null) {
                cacheFailed(failure);
            } else if (item == null) {
                waitOrGiveUp(); // only a server that ignores N answers a miss with EN
            } else if (item.won()) {
                won(item);
            } else if (item.hasValue()) {
                result.complete(item.value()); // fresh, stale while another recomputes, or ageing
            } else {
                waitOrGiveUp(); // the placeholder: another caller is loading
            }
        });
    }

    /**
     * This caller recomputes. On a placeholder or a stale item its caller gets the new value; on
     * an early recache ({@code R}) it gets the current one at once and the load goes on.
     */
    private void won(MetaGetResult<V> item) {
        boolean refreshAhead = item.hasValue() && !item.stale();
        if (refreshAhead) {
            result.complete(item.value());
        }
        CompletableFuture<V> loaded = load();
        loaded.whenComplete((value, failure) -> {
            if (failure != null || value == null) {
                giveBackMeta(item).whenComplete((ignored, e) -> finish(value, failure, refreshAhead));
                return;
            }
            CachedData data;
            try {
                data = client.encode(key, value);
            } catch (RuntimeException e) {
                giveBackMeta(item).whenComplete((ignored, e2) -> finish(null, e, refreshAhead));
                return;
            }
            client.execute(key, new StoreOperation<>(OpKind.CAS, key, data, ttl, item.cas(), Results.CAS))
                    .whenComplete((stored, storeFailure) -> {
                        if (storeFailure != null) {
                            LOG.debug("writing back the loaded value of {} failed: {}", name, storeFailure.toString());
                        } else if (stored != CasResult.OK) {
                            LOG.debug("the loaded value of {} was not written back ({}): the item changed meanwhile", name,
                                    stored);
                        }
                        finish(value, null, refreshAhead);
                    });
        });
    }

    /**
     * The load failed or gave nothing: let the next reader win at once instead of after the lock
     * time. A placeholder is deleted, a stale item made stale again (which gives the win to the
     * next reader); both only if nobody wrote meanwhile (their CAS is unchanged). The caller's
     * future completes after that, so a call made after it sees the key free.
     */
    private CompletableFuture<?> giveBackMeta(MetaGetResult<V> item) {
        if (item.stale()) {
            return client.execute(key, new InvalidateOperation(key, LoadSettings.ceilSeconds(settings.staleTime()), item.cas()));
        }
        if (!item.hasValue()) {
            return client.execute(key, new DeleteOperation<>(key, item.cas(), Results.CAS));
        }
        return CompletableFuture.completedFuture(null); // a failed early recache: the item lives on until it expires
    }

    // ------------------------------------------------------------------ text and binary protocols

    private void lockAttempt() {
        client.execute(key, GetOperation.value(key, client.transcoder(), false, 0)).whenComplete((value, failure) -> {
            if (failure != null) {
                cacheFailed(failure);
            } else if (value != null) {
                result.complete(value);
            } else {
                byte[] lock = lockKey(key);
                int lockSeconds = LoadSettings.ceilSeconds(settings.lockTime());
                client.execute(lock, new StoreOperation<>(OpKind.ADD, lock, LOCKED, lockSeconds, 0, Results.CONDITIONAL_STORE))
                        .whenComplete((locked, lockFailure) -> {
                            if (lockFailure != null) {
                                cacheFailed(lockFailure);
                            } else if (locked) {
                                lockTaken(lock);
                            } else {
                                waitOrGiveUp();
                            }
                        });
            }
        });
    }

    /**
     * The lock is ours, but the previous holder may have written the value and released the lock
     * between our miss and our add: read again before loading.
     */
    private void lockTaken(byte[] lock) {
        client.execute(key, GetOperation.value(key, client.transcoder(), false, 0)).whenComplete((value, failure) -> {
            if (failure == null && value != null) {
                unlock(lock).whenComplete((ignored, e) -> result.complete(value));
            } else {
                lockWon(lock);
            }
        });
    }

    private void lockWon(byte[] lock) {
        load().whenComplete((value, failure) -> {
            if (failure != null || value == null) {
                unlock(lock).whenComplete((ignored, e) -> finish(value, failure, false));
                return;
            }
            CachedData data;
            try {
                data = client.encode(key, value);
            } catch (RuntimeException e) {
                unlock(lock).whenComplete((ignored, e2) -> finish(null, e, false));
                return;
            }
            client.execute(key, new StoreOperation<>(OpKind.SET, key, data, ttl, 0, Results.SET))
                    .whenComplete((stored, storeFailure) -> {
                        if (storeFailure != null) {
                            LOG.debug("writing back the loaded value of {} failed: {}", name, storeFailure.toString());
                        }
                        unlock(lock).whenComplete((ignored, e) -> finish(value, null, false));
                    });
        });
    }

    private CompletableFuture<Boolean> unlock(byte[] lock) {
        return client.execute(lock, new DeleteOperation<>(lock, 0, Results.FOUND));
    }

    // ------------------------------------------------------------------ both

    /** Runs the loader once; a loader that throws or returns null fails or yields null. */
    private CompletableFuture<V> load() {
        try {
            CompletionStage<? extends V> stage = loader.apply(name);
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("the loader of " + name
                        + " returned no CompletionStage"));
            }
            return stage.toCompletableFuture().thenApply(v -> (V) v);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void finish(V value, Throwable failure, boolean alreadyAnswered) {
        if (alreadyAnswered) {
            if (failure != null) {
                LOG.warn("refreshing {} ahead of its expiry failed: {}", name, failure.toString());
            }
            return;
        }
        if (failure != null) {
            result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure);
        } else {
            result.complete(value);
        }
    }

    /** Another caller is loading: ask again after a pause, unless the wait is over. */
    private void waitOrGiveUp() {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            result.completeExceptionally(new MemcacheTimeoutException("waited " + settings.maxWait().toMillis()
                    + " ms for another caller to load " + name));
            return;
        }
        long pause = Math.min(pollNanos, left);
        pollNanos = Math.min(pollNanos * 2, MAX_POLL_NANOS);
        try {
            core.group.next().schedule(this::attempt, pause, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            result.completeExceptionally(new MemcacheClosedException("client closed"));
        }
    }

    /**
     * The cache cannot be asked: its server is down, ejected or unreachable. The loader runs
     * without it (there is no one to coordinate with); other failures fail the call.
     */
    private void cacheFailed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof MemcacheUnavailableException || cause instanceof MemcacheConnectionException) {
            LOG.debug("{} cannot be read from the cache ({}): loading it without the cache", name, cause.toString());
            load().whenComplete((value, loadFailure) -> finish(value, loadFailure, false));
        } else {
            result.completeExceptionally(cause);
        }
    }
}
