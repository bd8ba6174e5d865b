package dev.ketch.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * External storage ({@code -o ext_*}, memcached's extstore): items past the memory limit are
 * written to the {@link #paths} files and only their keys stay in memory. Off while no
 * {@code ext_path} is given. The fields marked volatile can be changed at run time with the
 * {@code extstore} command.
 */
public final class ExtstoreSettings {

    private static final int MB = 1024 * 1024;

    /** One {@code ext_path=<file>:<size>}: the file and how many pages of it are used. */
    public record Path(String file, int pageCount) {
    }

    /** {@code ext_path}, in the order given. */
    public List<Path> paths = new ArrayList<>();
    /** {@code ext_page_size}, in bytes (given in megabytes). */
    public int pageSize = 64 * MB;
    /** {@code ext_wbuf_size}, in bytes (given in megabytes). */
    public int wbufSize = 4 * MB;
    /** {@code ext_threads}: accepted and reported; reads run on the connection's thread. */
    public int ioThreads = 1;
    /** {@code ext_io_depth}: accepted; reads run on the connection's thread. */
    public int ioDepth = 1;
    /** {@code ext_item_size}: only values of at least this many bytes are written out. */
    public volatile int itemSize = 512;
    /** {@code ext_item_age}: seconds an item must sit idle before it is written out (unsigned; -1 = never by age). */
    public volatile int itemAge = -1;
    /** {@code ext_low_ttl}: items expiring sooner than this go to pages of their own. */
    public volatile int lowTtl = 0;
    /** {@code ext_recache_rate}: one in this many repeated reads brings the item back into memory (0 never). */
    public volatile int recacheRate = 2000;
    /** {@code ext_compact_under}: compaction starts when at most this many pages are free (0: a quarter of them). */
    public volatile int compactUnder = 0;
    /** {@code ext_drop_under}: with {@link #dropUnread}, COLD items are dropped when at most this many pages are free. */
    public volatile int dropUnder = 0;
    /** {@code ext_max_sleep}: longest pause of the background threads, in microseconds. */
    public volatile int maxSleep = 1_000_000;
    /** {@code ext_max_frag}: pages less full than this fraction are compacted. */
    public volatile double maxFrag = 0.8;
    /** {@code ext_drop_unread}: compaction drops values nobody read since they were written. */
    public volatile boolean dropUnread = false;
    /** {@code slab_automove_freeratio}: accepted and reported. */
    public double slabAutomoveFreeratio = 0.01;

    /** True once an {@code ext_path} is given. */
    public boolean enabled() {
        return !paths.isEmpty();
    }

    /** Pages over all files. */
    public int pageCount() {
        return paths.stream().mapToInt(Path::pageCount).sum();
    }

    ExtstoreSettings copy() {
        ExtstoreSettings c = new ExtstoreSettings();
        c.paths = new ArrayList<>(paths);
        c.pageSize = pageSize;
        c.wbufSize = wbufSize;
        c.ioThreads = ioThreads;
        c.ioDepth = ioDepth;
        c.itemSize = itemSize;
        c.itemAge = itemAge;
        c.lowTtl = lowTtl;
        c.recacheRate = recacheRate;
        c.compactUnder = compactUnder;
        c.dropUnder = dropUnder;
        c.maxSleep = maxSleep;
        c.maxFrag = maxFrag;
        c.dropUnread = dropUnread;
        c.slabAutomoveFreeratio = slabAutomoveFreeratio;
        return c;
    }
}
