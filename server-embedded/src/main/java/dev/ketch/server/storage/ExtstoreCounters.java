package dev.ketch.server.storage;

/**
 * memcached's extstore counters kept outside the page store: how lookups of written-out items
 * went, and what compaction did. Guarded by the storage lock.
 */
public final class ExtstoreCounters {
    /** Reads of a written-out value started ({@code get_extstore}). */
    public long getExtstore;
    /** Reads dropped because the command failed before they ran ({@code get_aborted_extstore}). */
    public long getAbortedExtstore;
    /** Reads refused for want of memory to read into ({@code get_oom_extstore}). */
    public long getOomExtstore;
    /** Values brought back into memory ({@code recache_from_extstore}). */
    public long recacheFromExtstore;
    /** Values found gone from their page ({@code miss_from_extstore}). */
    public long missFromExtstore;
    /** Values whose checksum did not match ({@code badcrc_from_extstore}). */
    public long badcrcFromExtstore;
    /** Live values compaction could not rewrite ({@code extstore_compact_lost}). */
    public long compactLost;
    /** Live values compaction rewrote ({@code extstore_compact_rescues}). */
    public long compactRescues;
    /** Unread values compaction dropped ({@code extstore_compact_skipped}). */
    public long compactSkipped;

    /** {@code stats reset}: the lookup counters (compaction's are global statistics in memcached and stay). */
    public void reset() {
        getExtstore = 0;
        getAbortedExtstore = 0;
        getOomExtstore = 0;
        recacheFromExtstore = 0;
        missFromExtstore = 0;
        badcrcFromExtstore = 0;
    }
}
