package dev.ketch.server.storage;

import dev.ketch.server.config.ExtstoreSettings;
import dev.ketch.server.storage.extstore.Extstore;
import dev.ketch.server.storage.extstore.Location;

/**
 * Items and external storage ({@code storage.c}): writing an item out and leaving a header item
 * ({@link ItemLayout#HDR}) with its key and location in its place, reading a value back into
 * memory for a lookup, bringing often read values back for good (recache), and compaction's rewrite
 * of a page's live values. Every method requires the storage lock.
 */
public final class ExtstoreItems {

    private final Storage storage;
    private final Extstore ext;
    private final ExtstoreSettings settings;
    private final ExtstoreCounters counters = new ExtstoreCounters();
    private byte[] scratch = new byte[0];
    private long recacheCounter;

    ExtstoreItems(Storage storage, Extstore ext) {
        this.storage = storage;
        this.ext = ext;
        this.settings = storage.settings.ext;
    }

    public Extstore store() {
        return ext;
    }

    public ExtstoreCounters counters() {
        return counters;
    }

    // ------------------------------------------------------------------ writing out

    /**
     * {@code storage_write}: writes the COLD tail item of {@code clsid} out if it has been idle
     * longer than {@code itemAge} seconds (0: whatever its age) and replaces it with a header item.
     * Returns false if there was nothing to write or no room (the caller moves on).
     */
    boolean writeColdTail(int clsid, int itemAge) {
        long it = storage.coldTailForWrite(clsid);
        if (it == 0 || ItemLayout.hasFlag(it, ItemLayout.HDR)) {
            return false;
        }
        int now = storage.clock.now();
        if (itemAge != 0 && Integer.compareUnsigned(now - ItemLayout.time(it), itemAge) <= 0) {
            return false;
        }
        int nkey = ItemLayout.nkey(it);
        byte[] key = new byte[nkey];
        NativeMemory.copyToArray(ItemLayout.keyAddress(it), key, 0, nkey);
        int hv = Storage.hash(key, nkey);
        storage.pin(it);
        try {
            int exptime = ItemLayout.exptime(it);
            long hdr = storage.itemAlloc(key, nkey, ItemLayout.clientFlags(it), exptime, ItemLayout.HDR_SIZE);
            if (hdr == 0 || !ItemLayout.hasFlag(it, ItemLayout.LINKED)) {
                if (hdr != 0) {
                    storage.freeUnlinked(hdr);
                }
                return false;
            }
            int bucket = ItemLayout.hasFlag(it, ItemLayout.CHUNKED) ? Extstore.BUCKET_CHUNKED : Extstore.BUCKET_DEFAULT;
            if (Integer.compareUnsigned(exptime - now, settings.lowTtl) < 0) {
                bucket = Extstore.BUCKET_LOWTTL;
            }
            int ntotal = ItemLayout.ntotal(it);
            Location at = ext.write(bucket, ntotal, out -> ExtstoreRecord.write(it, hv, ntotal, out));
            if (at == null) {
                storage.freeUnlinked(hdr);
                return false;
            }
            ItemLayout.setFlag(hdr, ItemLayout.HDR);
            ItemLayout.hdrLocation(hdr, at.pageId(), at.version(), at.offset());
            ItemLayout.nbytes(hdr, ItemLayout.nbytes(it));
            if (ItemLayout.hasFlag(it, ItemLayout.KEY_BINARY)) {
                ItemLayout.setFlag(hdr, ItemLayout.KEY_BINARY);
            }
            long cas = ItemLayout.cas(it);
            storage.replace(it, hdr, hv);
            ItemLayout.cas(hdr, cas);
            return true;
        } finally {
            storage.unpin(it);
        }
    }

    /** The header's page no longer holds its value: {@code storage_delete}. */
    void forget(long hdr) {
        ext.delete(ItemLayout.hdrPageId(hdr), ItemLayout.hdrPageVersion(hdr), 1, ItemLayout.ntotal(hdr));
    }

    /** True while the header's page still holds its value ({@code storage_validate_item}). */
    boolean valid(long hdr) {
        return ext.check(ItemLayout.hdrPageId(hdr), ItemLayout.hdrPageVersion(hdr));
    }

    // ------------------------------------------------------------------ reading back

    /**
     * Takes memory to read header {@code hdr}'s value into: an unlinked item of the value's size,
     * taken as a store takes it (evicting if need be). Returns 0, counting {@code get_oom_extstore},
     * if none can be had; otherwise the read counts as {@code get_extstore}.
     */
    public long allocateRead(long hdr) {
        int nkey = ItemLayout.nkey(hdr);
        byte[] key = new byte[nkey];
        NativeMemory.copyToArray(ItemLayout.keyAddress(hdr), key, 0, nkey);
        storage.pin(hdr);
        long it;
        try {
            it = storage.itemAlloc(key, nkey, ItemLayout.clientFlags(hdr), ItemLayout.exptime(hdr),
                    ItemLayout.nbytes(hdr));
            if (it != 0 && !storage.allocChunks(it)) {
                it = 0;
            }
        } finally {
            storage.unpin(hdr);
        }
        if (it == 0) {
            counters.getOomExtstore++;
            return 0;
        }
        counters.getExtstore++;
        return it;
    }

    /** The command failed before the read ran ({@code get_aborted_extstore}): frees {@code it}. */
    public void abandon(long it) {
        counters.getAbortedExtstore++;
        storage.freeUnlinked(it);
    }

    /**
     * Reads header {@code hdr}'s value into {@code it} (from {@link #allocateRead}). On a miss
     * (the page was evicted or reused, or the checksum does not match) frees {@code it}, unlinks
     * the header and returns false.
     */
    public boolean load(long hdr, int hv, long it) {
        int ntotal = ItemLayout.ntotal(hdr);
        if (scratch.length < ntotal) {
            scratch = new byte[Math.max(ntotal, Math.min(ext.wbufSize(), scratch.length * 2))];
        }
        boolean read = ext.read(ItemLayout.hdrPageId(hdr), ItemLayout.hdrPageVersion(hdr), ItemLayout.hdrOffset(hdr),
                scratch, ntotal);
        boolean intact = read && ExtstoreRecord.intact(scratch, ntotal)
                && ExtstoreRecord.ntotal(scratch, 0) == ntotal;
        if (!intact) {
            counters.missFromExtstore++;
            if (read) {
                counters.badcrcFromExtstore++;
            }
            storage.freeUnlinked(it);
            storage.unlink(hdr, hv);
            return false;
        }
        copyValue(scratch, ExtstoreRecord.valueOffset(scratch, 0), it);
        ItemLayout.time(it, ItemLayout.time(hdr));
        ItemLayout.cas(it, ItemLayout.cas(hdr));
        int carried = ItemLayout.FETCHED | ItemLayout.ACTIVE | ItemLayout.STALE | ItemLayout.TOKEN_SENT
                | ItemLayout.KEY_BINARY;
        ItemLayout.flags(it, ItemLayout.flags(it) | (ItemLayout.flags(hdr) & carried));
        return true;
    }

    private static void copyValue(byte[] src, int from, long it) {
        int nbytes = ItemLayout.nbytes(it);
        if (!ItemLayout.hasFlag(it, ItemLayout.CHUNKED)) {
            NativeMemory.copyFromArray(src, from, ItemLayout.dataAddress(it), nbytes);
            return;
        }
        int remain = nbytes;
        for (long ch = ItemLayout.next(ItemLayout.headerChunk(it)); ch != 0 && remain > 0; ch = ItemLayout.next(ch)) {
            int n = Math.min(remain, ItemLayout.chunkSize(ch));
            NativeMemory.copyFromArray(src, from, ItemLayout.chunkData(ch), n);
            ItemLayout.chunkUsed(ch, n);
            from += n;
            remain -= n;
        }
    }

    /**
     * After the value was sent: brings it back into memory in the header's place if the header was
     * hit twice within a minute and the recache rate picks this read ({@code recache_or_free});
     * otherwise frees {@code it}.
     *
     * @param hitBefore the header had been fetched before this lookup
     */
    public void finish(long hdr, int hv, long it, boolean hitBefore) {
        int rate = settings.recacheRate;
        int now = storage.clock.now();
        if (rate != 0 && hitBefore && ItemLayout.hasFlag(hdr, ItemLayout.LINKED) && ItemLayout.hasFlag(hdr, ItemLayout.HDR)
                && ItemLayout.time(hdr) > now - Storage.ITEM_UPDATE_INTERVAL
                && Long.remainderUnsigned(recacheCounter++, Integer.toUnsignedLong(rate)) == 0) {
            ItemLayout.exptime(it, ItemLayout.exptime(hdr));
            ItemLayout.clearFlag(it, ItemLayout.ACTIVE | ItemLayout.FETCHED);
            storage.replace(hdr, it, hv);
            counters.recacheFromExtstore++;
            return;
        }
        storage.freeUnlinked(it);
    }

    // ------------------------------------------------------------------ compaction

    /**
     * {@code storage_compact_readback}: walks the records of one write buffer's worth of page
     * {@code pageId} and rewrites each value whose header still points there to the compaction
     * bucket (unless {@code dropUnread} and the header sits in COLD: then it is dropped).
     */
    void compactReadback(byte[] buf, int length, int pageId, int pageVersion, boolean dropUnread) {
        int offset = 0;
        int now = storage.clock.now();
        while (offset < length) {
            int ntotal = ExtstoreRecord.ntotal(buf, offset);
            if (ntotal <= 0 || offset + ntotal > length) {
                break;
            }
            int nkey = ExtstoreRecord.nkey(buf, offset);
            byte[] key = new byte[nkey];
            System.arraycopy(buf, ExtstoreRecord.keyOffset(buf, offset), key, 0, nkey);
            int hv = Storage.hash(key, nkey);
            long hdr = storage.find(key, nkey, hv);
            if (hdr != 0 && ItemLayout.hasFlag(hdr, ItemLayout.HDR) && !storage.isFlushed(hdr)
                    && (ItemLayout.exptime(hdr) == 0 || ItemLayout.exptime(hdr) > now)
                    && ItemLayout.hdrPageId(hdr) == pageId && ItemLayout.hdrPageVersion(hdr) == pageVersion) {
                ext.delete(pageId, pageVersion, 1, ntotal);
                if (dropUnread && ItemLayout.lruId(hdr) == ItemLayout.COLD_LRU) {
                    counters.compactSkipped++;
                } else {
                    int from = offset;
                    Location at = ext.write(Extstore.BUCKET_COMPACT, ntotal,
                            out -> out.put(buf, from, ntotal));
                    if (at == null) {
                        counters.compactLost++;
                    } else {
                        ItemLayout.hdrLocation(hdr, at.pageId(), at.version(), at.offset());
                        counters.compactRescues++;
                    }
                }
            }
            offset += ntotal;
            if (length - offset < ItemLayout.HEADER_SIZE) {
                break;
            }
        }
    }
}
