package dev.ketch.server.engine;

import io.netty.buffer.ByteBuf;

/**
 * An item allocated for a store whose value is still arriving. Bytes are copied straight from the
 * network buffer into the item's memory ({@link #write}), as memcached reads a value into its
 * item. When allocation failed ({@link #status()} is not {@code READY}) the same calls simply
 * discard the bytes, which is how a protocol swallows the data block of a refused store.
 *
 * <p>Owned by one connection. It ends in {@link Cache#store} (which links or frees it) or in
 * {@link #release()} (connection closed, bad data): one of the two must be called.
 */
public final class PendingItem {

    /** Whether memory was found for the item. */
    public enum Status {
        READY,
        /** Larger than the item size limit: memcached's "object too large for cache". */
        TOO_LARGE,
        /** No memory could be freed for it: memcached's "out of memory storing object". */
        NO_MEMORY,
        /**
         * The command was refused before anything was allocated, but its data block must still be
         * read and dropped (memcached's {@code conn_swallow} after a meta set error).
         */
        REFUSED
    }

    private final Cache cache;
    StoreMode mode;
    final byte[] key;
    final int hv;
    private final Status status;
    long item;
    private int remaining;
    /** Where the value's next bytes go; null when allocation failed and bytes are discarded. */
    private final ValueCursor value;
    long storedCas;
    /** The data block of a command that keeps it outside the cache ({@link #capturing}); otherwise null. */
    private final byte[] captured;

    PendingItem(Cache cache, StoreMode mode, byte[] key, int hv, long item, Status status, int totalBytes) {
        this.cache = cache;
        this.mode = mode;
        this.key = key;
        this.hv = hv;
        this.item = item;
        this.status = status;
        this.remaining = totalBytes;
        this.value = item != 0 ? new ValueCursor(item) : null;
        this.captured = null;
    }

    private PendingItem(int totalBytes) {
        this.cache = null;
        this.mode = StoreMode.SET;
        this.key = null;
        this.hv = 0;
        this.item = 0;
        this.status = Status.READY;
        this.remaining = totalBytes;
        this.value = null;
        this.captured = new byte[totalBytes];
    }

    /**
     * A data block of {@code valueLength} bytes (and its {@code \r\n}) read into a byte array
     * instead of an item: for the commands whose value is not cached ({@code config set}).
     */
    public static PendingItem capturing(int valueLength) {
        return new PendingItem(valueLength + 2);
    }

    /** The captured value without its terminator; only for a {@link #capturing} item. */
    public byte[] capturedValue() {
        return java.util.Arrays.copyOf(captured, captured.length - 2);
    }

    public Status status() {
        return status;
    }

    public StoreMode mode() {
        return mode;
    }

    /**
     * Makes this store a compare-and-swap whatever its mode: memcached's binary protocol checks
     * the CAS unique of any set, add or replace that carries one. A failed allocation has already
     * behaved as the original mode (a failed set dropped the old value).
     */
    public void compareAndSwap() {
        this.mode = StoreMode.CAS;
    }

    public byte[] key() {
        return key;
    }

    /** Bytes still expected, including the {@code \r\n} terminator the protocol supplies. */
    public int remaining() {
        return remaining;
    }

    public boolean isComplete() {
        return remaining == 0;
    }

    /** Consumes up to {@link #remaining()} readable bytes of {@code src}; returns how many. */
    public int write(ByteBuf src) {
        int n = Math.min(remaining, src.readableBytes());
        if (captured != null) {
            src.readBytes(captured, captured.length - remaining, n);
        } else if (item == 0) {
            src.skipBytes(n);
        } else {
            value.write(src, n);
        }
        remaining -= n;
        return n;
    }

    /** Supplies the stored {@code \r\n} terminator for protocols whose values carry none (binary). */
    public void writeTerminator() {
        writeByte((byte) '\r');
        writeByte((byte) '\n');
    }

    private void writeByte(byte b) {
        if (remaining == 0) {
            throw new IllegalStateException("value already complete");
        }
        remaining--;
        if (captured != null) {
            captured[captured.length - remaining - 1] = b;
        } else if (item != 0) {
            value.writeByte(b);
        }
    }

    /** True if the value ended with {@code \r\n}, as a text protocol data block must. */
    public boolean endsWithCrlf() {
        if (captured != null) {
            return captured[captured.length - 2] == '\r' && captured[captured.length - 1] == '\n';
        }
        if (item == 0) {
            return true;
        }
        return value.lastByte(1) == '\r' && value.lastByte(0) == '\n';
    }

    /** The CAS unique the item was stored with (after a successful {@link Cache#store}). */
    public long cas() {
        return storedCas;
    }

    /** Frees the item's memory if it was not stored. Safe to call more than once. */
    public void release() {
        if (item != 0) {
            cache.free(this);
        }
    }
}
