package dev.ketch.server.storage.extstore;

/**
 * A snapshot of the engine's counters ({@code struct extstore_stats}), as {@code stats} shows
 * them with the {@code extstore_} prefix.
 *
 * @param pageAllocs pages handed to a bucket for writing, ever
 * @param pageEvictions pages taken back while still holding objects, because none was free
 * @param pageReclaims pages returned to the free list
 * @param pagesFree pages on the free list
 * @param pagesUsed all other pages
 * @param objectsEvicted objects lost with evicted pages
 * @param objectsRead objects read back
 * @param objectsWritten objects written
 * @param objectsUsed objects on pages now
 * @param bytesEvicted bytes lost with evicted pages
 * @param bytesWritten bytes written
 * @param bytesRead bytes read back (whole write buffers for compaction)
 * @param bytesUsed bytes of live objects on pages now
 * @param bytesFragmented bytes of pages in use that hold no live object
 * @param limitMaxbytes pages times page size
 */
public record ExtstoreStats(long pageAllocs, long pageEvictions, long pageReclaims, long pagesFree, long pagesUsed,
        long objectsEvicted, long objectsRead, long objectsWritten, long objectsUsed, long bytesEvicted,
        long bytesWritten, long bytesRead, long bytesUsed, long bytesFragmented, long limitMaxbytes) {
}
