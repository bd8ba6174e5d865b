package dev.ketch.server.storage.extstore;

/**
 * One page as compaction sees it ({@code struct extstore_page_data}): its version and live bytes
 * if it is a closed-for-writing page holding objects, zeros otherwise.
 *
 * @param version the page's version, 0 when the page is free, being written or emptied
 * @param bytesUsed bytes of live objects on the page
 * @param bucket the bucket the page was written for
 * @param freeBucket the bucket the page returns to when freed (always the default one)
 */
public record PageData(int version, long bytesUsed, int bucket, int freeBucket) {
}
