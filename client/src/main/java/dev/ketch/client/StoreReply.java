package dev.ketch.client;

/**
 * A storage command's full answer, from {@link MemcacheClient#store}.
 *
 * @param status {@link MemcacheStatus#OK} when stored; when a condition failed, the status the
 *     server gave: {@link MemcacheStatus#ITEM_NOT_STORED} (text protocol {@code NOT_STORED}, or a
 *     binary append/prepend to an absent key), {@link MemcacheStatus#KEY_EXISTS} (an add of a
 *     present key in the binary protocol, or a CAS that no longer matches) or {@link
 *     MemcacheStatus#KEY_NOT_FOUND} (a replace, or a CAS, of an absent key)
 * @param cas the stored item's new CAS unique in the binary protocol; 0 in the text protocol and
 *     when nothing was stored
 */
public record StoreReply(MemcacheStatus status, long cas) {

    /** True when the value was stored. */
    public boolean stored() {
        return status == MemcacheStatus.OK;
    }
}
