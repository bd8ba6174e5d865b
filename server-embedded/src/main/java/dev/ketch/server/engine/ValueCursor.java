package dev.ketch.server.engine;

import dev.ketch.server.storage.ItemLayout;
import dev.ketch.server.storage.NativeMemory;

/** Writes a new item's value sequentially from other items' values (append, prepend). */
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
            write(ItemLayout.dataAddress(src), length);
            return;
        }
        long ch = ItemLayout.next(ItemLayout.headerChunk(src));
        int remain = length;
        while (ch != 0 && remain > 0) {
            int n = Math.min(remain, ItemLayout.chunkUsed(ch));
            write(ItemLayout.chunkData(ch), n);
            remain -= n;
            ch = ItemLayout.next(ch);
        }
    }

    private void write(long from, int length) {
        while (length > 0) {
            if (room == 0) {
                chunk = ItemLayout.next(chunk);
                cursor = ItemLayout.chunkData(chunk);
                room = ItemLayout.chunkSize(chunk);
            }
            int n = Math.min(length, room);
            NativeMemory.copy(from, cursor, n);
            if (chunked) {
                ItemLayout.chunkUsed(chunk, ItemLayout.chunkUsed(chunk) + n);
            }
            from += n;
            cursor += n;
            room -= n;
            length -= n;
        }
    }
}
