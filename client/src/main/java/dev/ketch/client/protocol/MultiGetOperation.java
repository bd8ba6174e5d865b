package dev.ketch.client.protocol;

import dev.ketch.client.GetResult;
import dev.ketch.client.MemcacheUnavailableException;
import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.Transcoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Many keys of one server in one round trip. Completes with a map holding only the keys found.
 * An error for one key fails the whole operation, but only after its last reply part, so the
 * connection's replies stay in step.
 *
 * @param <V> the value type
 * @param <R> the map's value type: {@code V}, or {@code GetResult<V>}
 */
public final class MultiGetOperation<V, R> extends Operation<Map<String, R>> {

    private final List<String> keyNames;
    private final List<byte[]> keys;
    private final Transcoder<V> transcoder;
    private final boolean withMetadata;
    private final Map<String, R> found;
    /** Where the search for the next item's key starts: servers answer in request order. */
    private int next;
    private RuntimeException failure;

    /**
     * @param keyNames the keys as the caller gave them, the names in the result map
     * @param keys the same keys encoded, in the same order
     */
    public MultiGetOperation(List<String> keyNames, List<byte[]> keys, Transcoder<V> transcoder, boolean withMetadata) {
        super(withMetadata ? OpKind.MULTI_GETS : OpKind.MULTI_GET);
        this.keyNames = keyNames;
        this.keys = keys;
        this.transcoder = transcoder;
        this.withMetadata = withMetadata;
        this.found = new HashMap<>(keys.size() * 4 / 3 + 1);
    }

    /** Joins the results of the per-server parts of one multi-get. */
    public static <R> Map<String, R> merge(List<Map<String, R>> parts) {
        int size = 0;
        for (Map<String, R> part : parts) {
            size += part.size();
        }
        Map<String, R> all = new HashMap<>(size * 4 / 3 + 1);
        for (Map<String, R> part : parts) {
            all.putAll(part);
        }
        return all;
    }

    /**
     * Joins the per-server parts of one multi-get as they complete. A part whose server is down
     * ({@link MemcacheUnavailableException}) is left out, its keys absent like misses, as long as
     * another part answered: the call never fails or waits because of a dead server. Any other
     * failure fails the whole, and so does every part failing.
     */
    public static <R> CompletableFuture<Map<String, R>> combine(List<CompletableFuture<Map<String, R>>> parts) {
        return combine(parts, Map.of());
    }

    private static <R> CompletableFuture<Map<String, R>> combine(List<CompletableFuture<Map<String, R>>> parts,
            Map<String, R> alreadyFound) {
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).handle((ignored, any) -> {
            List<Map<String, R>> answered = new ArrayList<>(parts.size() + 1);
            Throwable unavailable = null;
            for (CompletableFuture<Map<String, R>> part : parts) {
                Throwable failure = failureOf(part);
                if (failure == null) {
                    answered.add(part.join());
                } else if (failure instanceof MemcacheUnavailableException && unavailable == null) {
                    unavailable = failure;
                } else if (!(failure instanceof MemcacheUnavailableException)) {
                    throw failure instanceof RuntimeException e ? e : new CompletionException(failure);
                }
            }
            if (answered.isEmpty() && alreadyFound.isEmpty() && unavailable != null) {
                throw (RuntimeException) unavailable;
            }
            answered.add(alreadyFound);
            return merge(answered);
        });
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        if (!future.isCompletedExceptionally()) {
            return null;
        }
        try {
            future.join();
            return null;
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        }
    }

    /**
     * Splits this operation, which could not be completed where it was sent, into one new
     * operation per group of key positions (for the servers that own those keys now). This
     * operation completes when they all have, with what they found and what it had found itself
     * before, as {@link #combine} joins parts; no node is told of its end (its parts' nodes are).
     */
    public List<MultiGetOperation<V, R>> fork(List<List<Integer>> groups) {
        detach();
        List<MultiGetOperation<V, R>> parts = new ArrayList<>(groups.size());
        for (List<Integer> group : groups) {
            List<String> partNames = new ArrayList<>(group.size());
            List<byte[]> partKeys = new ArrayList<>(group.size());
            for (int position : group) {
                partNames.add(keyNames.get(position));
                partKeys.add(keys.get(position));
            }
            parts.add(new MultiGetOperation<>(partNames, partKeys, transcoder, withMetadata));
        }
        List<CompletableFuture<Map<String, R>>> futures = new ArrayList<>(parts.size());
        for (MultiGetOperation<V, R> part : parts) {
            futures.add(part.future());
        }
        RuntimeException earlier = failure;
        combine(futures, new HashMap<>(found)).whenComplete((all, e) -> {
            if (earlier != null) {
                fail(earlier);
            } else if (e != null) {
                fail(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            } else {
                complete(all);
            }
        });
        return parts;
    }

    /** The keys to ask for, as bytes, in request order. */
    public List<byte[]> keys() {
        return keys;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean onReply(Reply reply) {
        if (reply.kind() == Reply.Kind.END) {
            if (!reply.isOk()) {
                fail(Results.error(reply));
            } else if (failure != null) {
                fail(failure);
            } else {
                complete(found);
            }
            return true;
        }
        if (!reply.isOk()) {
            if (failure == null) {
                failure = Results.error(reply);
            }
            return false;
        }
        if (reply.key() == null) {
            // a hit that does not say which key it is for (a broken or hostile server): it cannot
            // be handed to anyone, and the answer as a whole is not to be trusted
            if (failure == null) {
                failure = new dev.ketch.client.MemcacheConnectionException("bad reply to a multi-get: a value without its key");
            }
            return false;
        }
        String name = nameOf(reply.key());
        try {
            V value = transcoder.decode(new CachedData(reply.flags(), reply.value()));
            found.put(name, withMetadata ? (R) new GetResult<>(value, reply.flags(), reply.cas()) : (R) value);
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }
        return false;
    }

    /**
     * The caller's name for an item's key. Items come in request order, so the search goes on from
     * the last match (a key asked for twice matches twice); from the start if a server answers out
     * of order; the key's UTF-8 text if it was never asked for.
     */
    private String nameOf(byte[] key) {
        int n = keys.size();
        for (int i = next; i < n; i++) {
            if (Arrays.equals(keys.get(i), key)) {
                next = i + 1;
                return keyNames.get(i);
            }
        }
        for (int i = 0; i < next; i++) {
            if (Arrays.equals(keys.get(i), key)) {
                return keyNames.get(i);
            }
        }
        return new String(key, StandardCharsets.UTF_8);
    }
}
