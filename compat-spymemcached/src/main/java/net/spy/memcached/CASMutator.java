package net.spy.memcached;

import net.spy.memcached.compat.SpyObject;
import net.spy.memcached.transcoders.Transcoder;

/**
 * Applies a {@link CASMutation} to a key with optimistic concurrency: read with {@code gets},
 * compute the new value, store it with {@code cas}, and start again if another client changed the
 * value meanwhile; an absent key is created with the initial value by {@code add}.
 *
 * @param <T> the value type
 */
public class CASMutator<T> extends SpyObject {

    private static final int MAX_TRIES = 8192;

    private final MemcachedClientIF client;
    private final Transcoder<T> transcoder;
    private final int max;

    /** @param maxTries how many read-modify-write rounds to try before giving up */
    public CASMutator(MemcachedClientIF client, Transcoder<T> transcoder, int maxTries) {
        this.client = client;
        this.transcoder = transcoder;
        this.max = maxTries;
    }

    /** A mutator trying up to 8192 times. */
    public CASMutator(MemcachedClientIF client, Transcoder<T> transcoder) {
        this(client, transcoder, MAX_TRIES);
    }

    /**
     * Changes {@code key}'s value with {@code mutation}, or stores {@code initial} if the key is
     * absent (nothing, if {@code initial} is null).
     *
     * @param initialExp the expiry of the value stored
     * @return the value stored (null if the key was absent and {@code initial} null)
     * @throws RuntimeException if no round won within the allowed tries
     * @throws Exception whatever the client's calls throw (timeouts, interrupts)
     */
    public T cas(String key, T initial, int initialExp, CASMutation<T> mutation) throws Exception {
        for (int i = 0; i < max; i++) {
            CASValue<T> current = client.gets(key, transcoder);
            if (current != null && current.getValue() != null) {
                T next = mutation.getNewValue(current.getValue());
                if (client.cas(key, current.getCas(), initialExp, next, transcoder) == CASResponse.OK) {
                    return next;
                }
            } else if (initial == null) {
                return null;
            } else if (client.add(key, initialExp, initial, transcoder).get()) {
                return initial;
            }
        }
        throw new RuntimeException("Couldn't get a CAS in " + max + " attempts");
    }
}
