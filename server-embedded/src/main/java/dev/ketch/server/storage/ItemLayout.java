package dev.ketch.server.storage;

import static dev.ketch.server.storage.NativeMemory.getByte;
import static dev.ketch.server.storage.NativeMemory.getInt;
import static dev.ketch.server.storage.NativeMemory.getLong;
import static dev.ketch.server.storage.NativeMemory.getShort;
import static dev.ketch.server.storage.NativeMemory.putByte;
import static dev.ketch.server.storage.NativeMemory.putInt;
import static dev.ketch.server.storage.NativeMemory.putLong;
import static dev.ketch.server.storage.NativeMemory.putShort;

/**
 * The byte layout of an item (and of the chunks of a large item) inside a slab chunk.
 *
 * <p>It is memcached's 64-bit {@code item} layout, so sizes and therefore slab classes, page
 * counts and evictions come out exactly as in memcached: a 48-byte header (LRU links, hash link,
 * access time, expiry, value length, flags, class, key length), then the 8-byte CAS if CAS is
 * enabled, the key and a NUL, the 4-byte client flags if they are non-zero, and the value followed
 * by {@code \r\n}. A large item ({@link #CHUNKED}) keeps, where the value would start, a chunk
 * header whose {@code next} links the chunks holding the value.
 */
public final class ItemLayout {

    public static final int HEADER_SIZE = 48;

    private static final int NEXT = 0;
    private static final int PREV = 8;
    private static final int H_NEXT = 16;
    private static final int TIME = 24;
    private static final int EXPTIME = 28;
    private static final int NBYTES = 32;
    private static final int REFCOUNT = 36;
    private static final int IT_FLAGS = 38;
    private static final int SLABS_CLSID = 40;
    private static final int NKEY = 41;

    // it_flags
    public static final int LINKED = 1;
    public static final int CAS = 2;
    public static final int SLABBED = 4;
    public static final int FETCHED = 8;
    public static final int ACTIVE = 16;
    public static final int CHUNKED = 32;
    public static final int CHUNK = 64;
    /** An item whose value was written to external storage: its data is an {@link #HDR_SIZE}-byte location. */
    public static final int HDR = 128;
    public static final int CFLAGS = 256;
    public static final int TOKEN_SENT = 512;
    public static final int STALE = 2048;
    public static final int KEY_BINARY = 4096;

    /** Bytes of an external storage location ({@code item_hdr}): page version, offset, page id, padded. */
    public static final int HDR_SIZE = 12;
    private static final int HDR_VERSION = 0;
    private static final int HDR_OFFSET = 4;
    private static final int HDR_PAGE = 8;

    // LRU ids live in the top two bits of slabs_clsid.
    public static final int HOT_LRU = 0;
    public static final int WARM_LRU = 64;
    public static final int COLD_LRU = 128;
    public static final int TEMP_LRU = 192;
    public static final int LRU_MASK = 3 << 6;

    /**
     * Chunk header ({@code item_chunk}); {@code it_flags} and the class share the item's offsets.
     * Its size is {@code sizeof(item_chunk)}, padded to 48, which is what a chunk's room is counted
     * against; its {@code data[]} starts right after {@code orig_clsid}, at 42.
     */
    public static final int CHUNK_HEADER_SIZE = 48;
    private static final int C_DATA = 42;
    private static final int C_HEAD = 16;
    private static final int C_SIZE = 24;
    private static final int C_USED = 28;
    private static final int C_ORIG_CLSID = 41;

    private ItemLayout() {
    }

    /** Total bytes an item occupies: what decides its slab class. */
    public static int totalSize(int nkey, int clientFlags, int nbytes, boolean useCas) {
        return HEADER_SIZE + nkey + 1 + (clientFlags != 0 ? 4 : 0) + nbytes + (useCas ? 8 : 0);
    }

    /** Bytes of the header object of a chunked item: header, key, flags and an empty chunk header. */
    public static int chunkedHeaderSize(int nkey, int clientFlags, boolean useCas) {
        return HEADER_SIZE + nkey + 1 + (clientFlags != 0 ? 4 : 0) + CHUNK_HEADER_SIZE + (useCas ? 8 : 0);
    }

    public static long next(long it) {
        return getLong(it + NEXT);
    }

    public static void next(long it, long v) {
        putLong(it + NEXT, v);
    }

    public static long prev(long it) {
        return getLong(it + PREV);
    }

    public static void prev(long it, long v) {
        putLong(it + PREV, v);
    }

    public static long hNext(long it) {
        return getLong(it + H_NEXT);
    }

    public static void hNext(long it, long v) {
        putLong(it + H_NEXT, v);
    }

    public static int time(long it) {
        return getInt(it + TIME);
    }

    public static void time(long it, int v) {
        putInt(it + TIME, v);
    }

    public static int exptime(long it) {
        return getInt(it + EXPTIME);
    }

    public static void exptime(long it, int v) {
        putInt(it + EXPTIME, v);
    }

    /** Value length including the trailing {@code \r\n}. */
    public static int nbytes(long it) {
        return getInt(it + NBYTES);
    }

    public static void nbytes(long it, int v) {
        putInt(it + NBYTES, v);
    }

    public static int refcount(long it) {
        return getShort(it + REFCOUNT) & 0xffff;
    }

    public static void refcount(long it, int v) {
        putShort(it + REFCOUNT, (short) v);
    }

    public static int flags(long it) {
        return getShort(it + IT_FLAGS) & 0xffff;
    }

    public static void flags(long it, int v) {
        putShort(it + IT_FLAGS, (short) v);
    }

    public static boolean hasFlag(long it, int flag) {
        return (flags(it) & flag) != 0;
    }

    public static void setFlag(long it, int flag) {
        flags(it, flags(it) | flag);
    }

    public static void clearFlag(long it, int flag) {
        flags(it, flags(it) & ~flag);
    }

    /** Slab class and LRU id together, as memcached's {@code slabs_clsid}. */
    public static int slabsClsid(long it) {
        return getByte(it + SLABS_CLSID) & 0xff;
    }

    public static void slabsClsid(long it, int v) {
        putByte(it + SLABS_CLSID, (byte) v);
    }

    /** The slab class alone. */
    public static int clsid(long it) {
        return slabsClsid(it) & ~LRU_MASK;
    }

    /** The LRU id alone. */
    public static int lruId(long it) {
        return slabsClsid(it) & LRU_MASK;
    }

    public static int nkey(long it) {
        return getByte(it + NKEY) & 0xff;
    }

    public static void nkey(long it, int v) {
        putByte(it + NKEY, (byte) v);
    }

    public static long cas(long it) {
        return hasFlag(it, CAS) ? getLong(it + HEADER_SIZE) : 0;
    }

    public static void cas(long it, long v) {
        if (hasFlag(it, CAS)) {
            putLong(it + HEADER_SIZE, v);
        }
    }

    public static long keyAddress(long it) {
        return it + HEADER_SIZE + (hasFlag(it, CAS) ? 8 : 0);
    }

    private static long suffixAddress(long it) {
        return keyAddress(it) + nkey(it) + 1;
    }

    public static int clientFlags(long it) {
        return hasFlag(it, CFLAGS) ? getInt(suffixAddress(it)) : 0;
    }

    public static void clientFlags(long it, int v) {
        if (hasFlag(it, CFLAGS)) {
            putInt(suffixAddress(it), v);
        }
    }

    /** Where the value starts (for a chunked item: where its chunk header sits). */
    public static long dataAddress(long it) {
        return suffixAddress(it) + (hasFlag(it, CFLAGS) ? 4 : 0);
    }

    /** memcached's {@code ITEM_ntotal}: the item's accounted size. */
    public static int ntotal(long it) {
        int f = flags(it);
        return HEADER_SIZE + nkey(it) + 1 + nbytes(it) + ((f & CFLAGS) != 0 ? 4 : 0) + ((f & CAS) != 0 ? 8 : 0);
    }

    /**
     * Bytes the item takes in memory: {@link #ntotal} except for an {@link #HDR} item, whose
     * {@code nbytes} still tells the stored value's length while it holds only a location.
     */
    public static int memoryBytes(long it) {
        int ntotal = ntotal(it);
        return hasFlag(it, HDR) ? ntotal - nbytes(it) + HDR_SIZE : ntotal;
    }

    public static int hdrPageVersion(long it) {
        return getInt(dataAddress(it) + HDR_VERSION);
    }

    public static int hdrOffset(long it) {
        return getInt(dataAddress(it) + HDR_OFFSET);
    }

    public static int hdrPageId(long it) {
        return getShort(dataAddress(it) + HDR_PAGE) & 0xffff;
    }

    /** Stores an external storage location in an {@link #HDR} item's data. */
    public static void hdrLocation(long it, int pageId, int pageVersion, int offset) {
        long data = dataAddress(it);
        putInt(data + HDR_VERSION, pageVersion);
        putInt(data + HDR_OFFSET, offset);
        putShort(data + HDR_PAGE, (short) pageId);
        putShort(data + HDR_PAGE + 2, (short) 0);
    }

    /** True for the LRU crawler's placeholder, which is linked into LRUs but is no item. */
    public static boolean isCrawler(long it) {
        return nbytes(it) == 0 && nkey(it) == 0 && flags(it) == 1;
    }

    // ---- chunks of a large item ----

    /** The chunk header embedded in a chunked item's header object. */
    public static long headerChunk(long it) {
        return dataAddress(it);
    }

    public static long chunkHead(long ch) {
        return getLong(ch + C_HEAD);
    }

    public static void chunkHead(long ch, long v) {
        putLong(ch + C_HEAD, v);
    }

    /** Space for data in this chunk. */
    public static int chunkSize(long ch) {
        return getInt(ch + C_SIZE);
    }

    public static void chunkSize(long ch, int v) {
        putInt(ch + C_SIZE, v);
    }

    public static int chunkUsed(long ch) {
        return getInt(ch + C_USED);
    }

    public static void chunkUsed(long ch, int v) {
        putInt(ch + C_USED, v);
    }

    public static int chunkOrigClsid(long ch) {
        return getByte(ch + C_ORIG_CLSID) & 0xff;
    }

    public static void chunkOrigClsid(long ch, int v) {
        putByte(ch + C_ORIG_CLSID, (byte) v);
    }

    public static long chunkData(long ch) {
        return ch + C_DATA;
    }
}
