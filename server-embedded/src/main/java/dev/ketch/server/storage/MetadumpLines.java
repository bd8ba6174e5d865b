package dev.ketch.server.storage;

import dev.ketch.server.logging.AsciiBuilder;

/**
 * The output of a metadump in the making: one line per live item, as memcached's
 * {@code crawler_metadump_eval} writes it (ending in a bare {@code \n}):
 * {@code key=<uri-encoded key> exp=<unix expiry or -1> la=<unix last access> cas=<cas>
 * fetch=<yes|no> cls=<slab class> size=<item size>}. Expired and flushed items are left out.
 * Filled under the storage lock, sent to the client without it.
 */
final class MetadumpLines {

    /** Room kept for one more line: the longest key encodes to 750 bytes. */
    private static final int LINE_MAX = 1024;

    private final Storage storage;
    private final AsciiBuilder out;
    private final int capacity;

    MetadumpLines(Storage storage, int capacity) {
        this.storage = storage;
        this.capacity = capacity;
        this.out = new AsciiBuilder(capacity + LINE_MAX);
    }

    boolean hasRoom() {
        return out.length() + LINE_MAX <= capacity;
    }

    /** Renders {@code it} unless it is expired or flushed. */
    void add(long it) {
        int exptime = ItemLayout.exptime(it);
        Clock clock = storage.clock;
        if ((exptime != 0 && exptime < clock.now()) || storage.isFlushed(it)) {
            return;
        }
        long started = clock.processStarted();
        out.append("key=").appendUriEncoded(ItemLayout.keyAddress(it), ItemLayout.nkey(it))
                .append(" exp=").append(exptime == 0 ? -1 : exptime + started)
                .append(" la=").appendUnsigned(Integer.toUnsignedLong(ItemLayout.time(it)) + started)
                .append(" cas=").appendUnsigned(ItemLayout.cas(it))
                .append(" fetch=").append(ItemLayout.hasFlag(it, ItemLayout.FETCHED) ? "yes" : "no")
                .append(" cls=").append(ItemLayout.clsid(it))
                .append(" size=").append(ItemLayout.ntotal(it))
                .append('\n');
    }

    byte[] bytes() {
        return out.bytes();
    }

    int length() {
        return out.length();
    }

    void clear() {
        out.clear();
    }
}
