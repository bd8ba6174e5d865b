package dev.ketch.client.protocol;

import dev.ketch.client.GetResult;
import dev.ketch.client.transcode.CachedData;
import dev.ketch.client.transcode.Transcoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Many keys of one server in one round trip. Completes with a map holding only the keys found.
 * An error for one key fails the whole operation, but only after its last reply part, so the
 * connection's replies stay in step.
 *
 * @param <V> the value type
 * @param <R> the map's value type: {@code V}, or {@code GetResult<V>}
 */
public final class MultiGetOperation<V, R> extends Operation<Map<String, R>> {

    private final List<byte[]> keys;
    private final Map<ByteKey, String> names;
    private final Transcoder<V> transcoder;
    private final boolean withMetadata;
    private final Map<String, R> found;
    private RuntimeException failure;

    public MultiGetOperation(List<String> keyNames, List<byte[]> keys, Transcoder<V> transcoder, boolean withMetadata) {
        super(withMetadata ? OpKind.MULTI_GETS : OpKind.MULTI_GET);
        this.keys = keys;
        this.names = new HashMap<>(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            names.put(new ByteKey(keys.get(i)), keyNames.get(i));
        }
        this.transcoder = transcoder;
        this.withMetadata = withMetadata;
        this.found = new HashMap<>(keys.size() * 2);
    }

    /** Joins the results of the per-server parts of one multi-get. */
    public static <R> Map<String, R> merge(List<Map<String, R>> parts) {
        Map<String, R> all = new HashMap<>();
        for (Map<String, R> part : parts) {
            all.putAll(part);
        }
        return all;
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
        String name = names.get(new ByteKey(reply.key()));
        if (name == null) {
            name = new String(reply.key(), StandardCharsets.UTF_8);
        }
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

    /** Splits a key list into the positions of its distinct keys (a multi-get asks each key once). */
    public static List<Integer> distinct(List<String> keys) {
        List<Integer> positions = new ArrayList<>(keys.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            if (seen.add(keys.get(i))) {
                positions.add(i);
            }
        }
        return positions;
    }

    /** A byte[] usable as a map key. */
    private static final class ByteKey {
        private final byte[] bytes;
        private final int hash;

        ByteKey(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey && Arrays.equals(bytes, ((ByteKey) o).bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
