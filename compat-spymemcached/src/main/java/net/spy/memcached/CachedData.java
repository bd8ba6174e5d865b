package net.spy.memcached;

import java.util.Arrays;

/** A value as memcached stores it: client flags and bytes, no larger than a transcoder's limit. */
public final class CachedData {

    /** The largest value spymemcached's transcoders accept by default: 20 MiB. */
    public static final int MAX_SIZE = 20 * 1024 * 1024;

    private final int flags;
    private final byte[] data;

    /**
     * @param flags the 32-bit client flags
     * @param data the bytes (not copied)
     * @param maxSize the largest accepted length
     * @throws IllegalArgumentException if {@code data} is longer than {@code maxSize}
     */
    public CachedData(int flags, byte[] data, int maxSize) {
        if (data.length > maxSize) {
            throw new IllegalArgumentException("Cannot cache data larger than " + maxSize
                    + " bytes (you tried to cache a " + data.length + " byte object)");
        }
        this.flags = flags;
        this.data = data;
    }

    /** The encoded value. */
    public byte[] getData() {
        return data;
    }

    /** The flags stored with the value (they tell the transcoder its type). */
    public int getFlags() {
        return flags;
    }

    @Override
    public String toString() {
        return "{CachedData flags=" + flags + " data=" + Arrays.toString(data) + "}";
    }
}
