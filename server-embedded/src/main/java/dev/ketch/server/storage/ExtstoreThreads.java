package dev.ketch.server.storage;

import dev.ketch.server.config.ExtstoreSettings;
import dev.ketch.server.storage.extstore.Extstore;
import dev.ketch.server.storage.extstore.PageData;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two background threads of external storage ({@code storage.c}): the writer, which moves
 * items from the COLD tail of every class at least {@code ext_item_size} big to external storage
 * once they are idle for {@code ext_item_age} (at once when a class is short of free chunks and no
 * free page is left), and the compactor, which rewrites the live values of sparse pages when few
 * pages are free, so whole pages can be reused. Both take the storage lock for one item or one
 * write buffer at a time.
 */
public final class ExtstoreThreads implements AutoCloseable {

    private static final long WRITE_SLEEP_MIN_US = 500;
    private static final long COMPACT_STEP_SLEEP_US = 10_000;
    private static final int MIN_PAGES_FREE = 3;

    private final Storage storage;
    private final ExtstoreItems items;
    private final Extstore ext;
    private final ExtstoreSettings settings;
    private final ReentrantLock lock;
    private final Thread writer;
    private final Thread compactor;
    private volatile boolean running = true;

    public ExtstoreThreads(Storage storage) {
        this.storage = storage;
        this.items = storage.extstore();
        this.ext = items.store();
        this.settings = storage.settings.ext;
        this.lock = storage.lock();
        this.writer = new Thread(this::writeLoop, "ketch-ext-write");
        this.compactor = new Thread(this::compactLoop, "ketch-ext-compact");
        writer.setDaemon(true);
        compactor.setDaemon(true);
    }

    public void start() {
        writer.start();
        compactor.start();
    }

    // ------------------------------------------------------------------ writer

    private void writeLoop() {
        long sleepUs = WRITE_SLEEP_MIN_US;
        while (running) {
            boolean moved = writePass();
            sleepUs = moved ? WRITE_SLEEP_MIN_US : Math.min(Math.max(sleepUs * 2, WRITE_SLEEP_MIN_US),
                    Math.max(WRITE_SLEEP_MIN_US, Integer.toUnsignedLong(settings.maxSleep)));
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(sleepUs));
        }
    }

    /** One pass over the classes; true if any item was written. */
    boolean writePass() {
        boolean moved = false;
        SlabAllocator slabs = storage.slabs;
        int minClass;
        lock.lock();
        try {
            minClass = slabs.clsid(Integer.toUnsignedLong(settings.itemSize));
            if (minClass == 0) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        for (int c = minClass; c <= slabs.largestClass() && running; c++) {
            while (running) {
                lock.lock();
                try {
                    int target = slabs.perslab(c) * MIN_PAGES_FREE;
                    boolean short_ = slabs.freeChunks(c) < target && slabs.globalPoolPages() == 0;
                    if (!items.writeColdTail(c, short_ ? 0 : settings.itemAge)) {
                        break;
                    }
                    moved = true;
                } finally {
                    lock.unlock();
                }
            }
        }
        return moved;
    }

    // ------------------------------------------------------------------ compactor

    private record Target(int pageId, int version, boolean dropUnread) {
    }

    private void compactLoop() {
        byte[] buf = new byte[ext.wbufSize()];
        while (running) {
            ext.maintain();
            Target target = compactCheck();
            if (target == null) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(Math.max(1, Integer.toUnsignedLong(settings.maxSleep))));
                continue;
            }
            compact(target, buf);
        }
    }

    /** {@code storage_compact_check}: the oldest page sparse enough to compact, if compaction is due. */
    Target compactCheck() {
        var st = ext.stats();
        if (st.pagesUsed() == 0 || st.pagesFree() > Integer.toUnsignedLong(settings.compactUnder)) {
            return null;
        }
        double rate = (1.0 - (double) st.pagesFree() / ext.pageCount()) * settings.maxFrag;
        long fragLimit = (long) (ext.pageSize() * rate);
        PageData[] pages = ext.pageData();
        int low = -1;
        int lowest = -1;
        for (int i = 0; i < pages.length; i++) {
            PageData p = pages[i];
            if (p.version() == 0 || p.bucket() == Extstore.BUCKET_LOWTTL) {
                continue;
            }
            if (lowest < 0 || Integer.compareUnsigned(p.version(), pages[lowest].version()) < 0) {
                lowest = i;
            }
            if (p.bytesUsed() < fragLimit && (low < 0 || Integer.compareUnsigned(p.version(), pages[low].version()) < 0)) {
                low = i;
            }
        }
        if (low >= 0) {
            return new Target(low, pages[low].version(), false);
        }
        if (lowest >= 0 && settings.dropUnread && st.pagesFree() <= Integer.toUnsignedLong(settings.dropUnder)) {
            return new Target(lowest, pages[lowest].version(), true);
        }
        return null;
    }

    /** Reads the page back one write buffer at a time, rescuing its live values, then frees it. */
    private void compact(Target target, byte[] buf) {
        for (int offset = 0; offset < ext.pageSize() && running; offset += ext.wbufSize()) {
            lock.lock();
            try {
                if (!ext.read(target.pageId(), target.version(), offset, buf, buf.length)) {
                    return; // the page went meanwhile
                }
                items.compactReadback(buf, buf.length, target.pageId(), target.version(), target.dropUnread());
            } finally {
                lock.unlock();
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(COMPACT_STEP_SLEEP_US));
        }
        ext.closePage(target.pageId(), target.version());
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(writer);
        LockSupport.unpark(compactor);
        for (Thread t : new Thread[] {writer, compactor}) {
            if (t.isAlive()) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
