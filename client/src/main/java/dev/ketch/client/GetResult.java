package dev.ketch.client;

/**
 * A value read from memcached together with what was stored beside it.
 *
 * @param value the decoded value
 * @param flags the 32-bit client flags the value was stored with (the transcoder's record)
 * @param cas the CAS unique, for a later {@code cas}; 0 when the server keeps no CAS
 * @param <V> the value type
 */
public record GetResult<V>(V value, int flags, long cas) {
}
