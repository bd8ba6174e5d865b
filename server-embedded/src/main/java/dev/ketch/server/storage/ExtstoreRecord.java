package dev.ketch.server.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * How an item is laid out on an external storage page: its memory layout with the value flat
 * after the header, key and flags (a large item's chunks joined), as memcached writes it. The
 * first bytes, meaningless once written, carry the key's hash where {@code time} was and a CRC32C of
 * everything from {@code nbytes} on where {@code exptime} was.
 */
final class ExtstoreRecord {

    /** Where the checksummed part begins ({@code STORE_OFFSET}: the {@code nbytes} field). */
    static final int STORE_OFFSET = 32;
    private static final int HASH_AT = 24;
    private static final int CRC_AT = 28;
    private static final int NBYTES_AT = 32;
    private static final int FLAGS_AT = 38;
    private static final int NKEY_AT = 41;

    private ExtstoreRecord() {
    }

    /** Copies {@code it} (of {@code ntotal} accounted bytes) into {@code out} and seals it. */
    static void write(long it, int hv, int ntotal, ByteBuffer out) {
        byte[] dst = out.array();
        int base = out.arrayOffset();
        int nbytes = ItemLayout.nbytes(it);
        int header = ntotal - nbytes;
        if (!ItemLayout.hasFlag(it, ItemLayout.CHUNKED)) {
            NativeMemory.copyToArray(it, dst, base, ntotal);
        } else {
            NativeMemory.copyToArray(it, dst, base, header);
            int at = header;
            int remain = nbytes;
            for (long ch = ItemLayout.next(ItemLayout.headerChunk(it)); ch != 0 && remain > 0; ch = ItemLayout.next(ch)) {
                int n = Math.min(remain, ItemLayout.chunkUsed(ch));
                NativeMemory.copyToArray(ItemLayout.chunkData(ch), dst, base + at, n);
                at += n;
                remain -= n;
            }
        }
        ByteBuffer b = out.duplicate().order(ByteOrder.nativeOrder());
        b.putShort(FLAGS_AT, (short) (b.getShort(FLAGS_AT) & ~ItemLayout.LINKED));
        b.putInt(HASH_AT, hv);
        b.putInt(CRC_AT, crc(dst, base, ntotal));
    }

    static int crc(byte[] record, int from, int ntotal) {
        CRC32C crc = new CRC32C();
        crc.update(record, from + STORE_OFFSET, ntotal - STORE_OFFSET);
        return (int) crc.getValue();
    }

    /** True if the record of {@code ntotal} bytes at the start of {@code record} is intact. */
    static boolean intact(byte[] record, int ntotal) {
        return ntotal > STORE_OFFSET && ByteBuffer.wrap(record).order(ByteOrder.nativeOrder()).getInt(CRC_AT)
                == crc(record, 0, ntotal);
    }

    static int nkey(byte[] b, int at) {
        return b[at + NKEY_AT] & 0xff;
    }

    static int hash(byte[] b, int at) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt(at + HASH_AT);
    }

    /** The record's accounted size, from its own header; 0 past the last record of a buffer. */
    static int ntotal(byte[] b, int at) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        int nkey = b[at + NKEY_AT] & 0xff;
        if (nkey == 0) {
            return 0;
        }
        int flags = buf.getShort(at + FLAGS_AT) & 0xffff;
        return ItemLayout.HEADER_SIZE + nkey + 1 + buf.getInt(at + NBYTES_AT)
                + ((flags & ItemLayout.CFLAGS) != 0 ? 4 : 0) + ((flags & ItemLayout.CAS) != 0 ? 8 : 0);
    }

    static int keyOffset(byte[] b, int at) {
        int flags = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getShort(at + FLAGS_AT) & 0xffff;
        return at + ItemLayout.HEADER_SIZE + ((flags & ItemLayout.CAS) != 0 ? 8 : 0);
    }

    static int valueOffset(byte[] b, int at) {
        int flags = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getShort(at + FLAGS_AT) & 0xffff;
        return keyOffset(b, at) + nkey(b, at) + 1 + ((flags & ItemLayout.CFLAGS) != 0 ? 4 : 0);
    }
}
