package dev.ketch.client.transcode;

import java.util.Objects;

/**
 * A value as memcached stores it: bytes plus the 32-bit client flags that say how to read them.
 *
 * @param flags client flags (memcached treats them as unsigned 32-bit)
 * @param data the value's bytes (not copied: do not modify after handing them over)
 */
public record CachedData(int flags, byte[] data) {

    /** Checks that the bytes are given (they may be empty). */
    public CachedData {
        Objects.requireNonNull(data, "data");
    }
}
