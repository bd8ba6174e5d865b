package dev.ketch.server.engine;

import dev.ketch.server.storage.Clock;
import dev.ketch.server.storage.ItemLayout;
import dev.ketch.server.storage.NativeMemory;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Read access to one item while an {@link ItemSink} runs. A single instance is reused for every
 * lookup (the engine lock serialises them), so it must not be kept beyond the callback.
 */
public final class ItemView {

    private final Clock clock;
    private long it;
    /** The item holding the value: {@code it}, or a copy read back from external storage. */
    private long value;

    ItemView(Clock clock) {
        this.clock = clock;
    }

    ItemView at(long item) {
        this.it = item;
        this.value = item;
        return this;
    }

    /** Takes the value from {@code copy} (read back from external storage) instead of the item. */
    ItemView valueFrom(long copy) {
        this.value = copy;
        return this;
    }

    public int keyLength() {
        return ItemLayout.nkey(it);
    }

    /** Appends the key bytes to {@code out}. */
    public void writeKey(ByteBuf out) {
        NativeMemory.writeTo(out, ItemLayout.keyAddress(it), ItemLayout.nkey(it));
    }

    public byte[] key() {
        byte[] key = new byte[ItemLayout.nkey(it)];
        NativeMemory.copyToArray(ItemLayout.keyAddress(it), key, 0, key.length);
        return key;
    }

    public String keyAsString() {
        return new String(key(), StandardCharsets.ISO_8859_1);
    }

    /** The 32-bit client flags (unsigned, kept in an int). */
    public int clientFlags() {
        return ItemLayout.clientFlags(it);
    }

    public long cas() {
        return ItemLayout.cas(it);
    }

    /** Value length in bytes, without the {@code \r\n} memcached stores after it. */
    public int valueLength() {
        return ItemLayout.nbytes(it) - 2;
    }

    /** Appends the value to {@code out}. */
    public void writeValue(ByteBuf out) {
        writeStored(out, ItemLayout.nbytes(it) - 2);
    }

    /** Appends the value followed by {@code \r\n}: a text protocol data block in one copy. */
    public void writeValueAndCrlf(ByteBuf out) {
        writeStored(out, ItemLayout.nbytes(it));
    }

    private void writeStored(ByteBuf out, int length) {
        long v = value;
        if (!ItemLayout.hasFlag(v, ItemLayout.CHUNKED)) {
            NativeMemory.writeTo(out, ItemLayout.dataAddress(v), length);
            return;
        }
        out.ensureWritable(length);
        long ch = ItemLayout.next(ItemLayout.headerChunk(v));
        int remain = length;
        while (ch != 0 && remain > 0) {
            int n = Math.min(remain, ItemLayout.chunkUsed(ch));
            NativeMemory.writeTo(out, ItemLayout.chunkData(ch), n);
            remain -= n;
            ch = ItemLayout.next(ch);
        }
    }

    /** Relative expiry time, 0 = never. */
    public int exptime() {
        return ItemLayout.exptime(it);
    }

    /** Seconds left to live, or -1 if the item never expires (meta protocol's {@code t}). */
    public int timeToLive() {
        int exptime = ItemLayout.exptime(it);
        return exptime == 0 ? -1 : exptime - clock.now();
    }

    /** Seconds since the item was last accessed (meta protocol's {@code l}). */
    public int secondsSinceAccess() {
        return clock.now() - ItemLayout.time(it);
    }

    /** True if the item had been fetched before (meta protocol's {@code h}). */
    public boolean fetched() {
        return ItemLayout.hasFlag(it, ItemLayout.FETCHED);
    }

    public boolean stale() {
        return ItemLayout.hasFlag(it, ItemLayout.STALE);
    }

    public boolean keyIsBinary() {
        return ItemLayout.hasFlag(it, ItemLayout.KEY_BINARY);
    }

    /** The slab class the item is in. */
    public int slabClass() {
        return ItemLayout.clsid(it);
    }

    /** The item's accounted size. */
    public int totalSize() {
        return ItemLayout.ntotal(it);
    }
}
