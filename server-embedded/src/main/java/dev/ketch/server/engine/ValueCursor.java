package dev.ketch.server.engine;

import dev.ketch.server.storage.ItemLayout;
import dev.ketch.server.storage.NativeMemory;
import io.netty.buffer.ByteBuf;

/**
 * Writes an item's value sequentially, from the network (a store) or from other items' values
 * (append, prepend), across the chunks of a large item. The one place that knows how a value is
 * laid out in a chunked item while it is being written.
 */
final class ValueCursor {

    private final boolean chunked;
    private long chunk;
    private long cursor;
    private int room;

    ValueCursor(long item) {
        chunked = ItemLayout.hasFlag(item, ItemLayout.CHUNKED);
        if (chunked) {
            chunk = ItemLayout.headerChunk(item);
            room = 0;
        } else {
            cursor = ItemLayout.dataAddress(item);
            room = ItemLayout.nbytes(item);
        }
    }

    /** Appends the first {@code length} stored bytes of {@code src}'s value. */
    void copyFrom(long src, int length) {
        if (!ItemLayout.hasFlag(src, ItemLayout.CHUNKED)) {
            copyFromAddress(ItemLayout.dataAddress(src), length);
            return;
        }
        long ch = ItemLayout.next(ItemLayout.headerChunk(src));
        int remain = length;
        while (ch != 0 && remain > 0) {
            int n = Math.min(remain, ItemLayout.chunkUsed(ch));
            copyFromAddress(ItemLayout.chunkData(ch), n);
            remain -= n;
            ch = ItemLayout.next(ch);
        }
    }

    private void copyFromAddress(long from, int length) {
        while (length > 0) {
            int n = claim(length);
            NativeMemory.copy(from, cursor, n);
            advance(n);
            from += n;
            length -= n;
        }
    }

    /** Appends {@code length} readable bytes of {@code src}, advancing its reader index. */
    void write(ByteBuf src, int length) {
        while (length > 0) {
            int n = claim(length);
            NativeMemory.readFrom(src, cursor, n);
            advance(n);
            length -= n;
        }
    }

    void writeByte(byte b) {
        claim(1);
        NativeMemory.putByte(cursor, b);
        advance(1);
    }

    /** The byte written {@code fromEnd} bytes before the last one (0 = the last). */
    byte lastByte(int fromEnd) {
        if (!chunked) {
            return NativeMemory.getByte(cursor - 1 - fromEnd);
        }
        long ch = chunk;
        int used = ItemLayout.chunkUsed(ch);
        while (fromEnd >= used) {
            fromEnd -= used;
            ch = ItemLayout.prev(ch);
            used = ItemLayout.chunkUsed(ch);
        }
        return NativeMemory.getByte(ItemLayout.chunkData(ch) + used - 1 - fromEnd);
    }

    /** Moves to the next chunk when this one is full; returns how much of {@code want} fits here. */
    private int claim(int want) {
        if (room == 0) {
            chunk = ItemLayout.next(chunk);
            cursor = ItemLayout.chunkData(chunk);
            room = ItemLayout.chunkSize(chunk);
        }
        return Math.min(want, room);
    }

    private void advance(int n) {
        if (chunked) {
            ItemLayout.chunkUsed(chunk, ItemLayout.chunkUsed(chunk) + n);
        }
        cursor += n;
        room -= n;
    }
}
