package dev.ketch.server.storage.extstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page store behind external storage (memcached's {@code extstore.c}): one or more files cut
 * into pages of equal size. Objects are appended to the active page of a bucket through a write
 * buffer, which goes to the file when full; a page is never rewritten in place. Deleting an object
 * only lowers its page's counts; a page whose objects are all gone returns to the free list, and
 * when no page is free the oldest one is evicted with whatever it still holds. Every page carries a
 * version that changes when it is reused, so a {@link Location} taken before is recognised as gone.
 *
 * <p>Pages are interleaved over the files, starting with the file named last, and page 0 is never
 * handed out, both as in memcached. Unlike memcached, which hands writes and reads to IO threads,
 * the calls here do their IO at once on the caller's thread (write buffers are written when full,
 * reads are positional reads); every method is synchronized.
 */
public final class Extstore implements AutoCloseable {

    /** Bucket of objects written by the background writer. */
    public static final int BUCKET_DEFAULT = 0;
    /** Bucket of objects rewritten by compaction. */
    public static final int BUCKET_COMPACT = 1;
    /** Bucket of large (chunked) items. */
    public static final int BUCKET_CHUNKED = 2;
    /** Bucket of items about to expire ({@code ext_low_ttl}). */
    public static final int BUCKET_LOWTTL = 3;
    private static final int BUCKETS = 4;
    private static final int ALIGNMENT = 2 * 1024 * 1024;
    private static final int MAX_PAGES = 65535;
    private static final Logger LOG = LoggerFactory.getLogger(Extstore.class);

    private final int pageSize;
    private final int wbufSize;
    private final List<FileChannel> channels = new ArrayList<>();
    private final List<FileLock> locks = new ArrayList<>();
    private final Page[] pages;
    private final ArrayDeque<Page> freeList = new ArrayDeque<>();
    private final Page[] bucketPage = new Page[BUCKETS];
    private final ArrayDeque<byte[]> wbufPool = new ArrayDeque<>();
    private int version = 1;
    private int pagesFree;

    private long pageAllocs;
    private long pageEvictions;
    private long pageReclaims;
    private long objectsEvicted;
    private long objectsRead;
    private long objectsWritten;
    private long objectsUsed;
    private long bytesEvicted;
    private long bytesWritten;
    private long bytesRead;
    private long bytesUsed;

    private static final class Page {
        final int id;
        final FileChannel channel;
        final long fileOffset;
        int version;
        long objCount;
        long bytesUsed;
        int allocated;
        int written;
        int bucket;
        boolean active;
        boolean closed;
        boolean free = true;
        byte[] wbuf;
        int wbufOffset;
        int wbufUsed;

        Page(int id, FileChannel channel, long fileOffset) {
            this.id = id;
            this.channel = channel;
            this.fileOffset = fileOffset;
        }
    }

    /** One file and the number of pages it holds. */
    public record FileSpec(Path file, int pageCount) {
    }

    /**
     * Opens (creating or truncating) and locks each file, as {@code extstore_init}. A file locked by
     * another process fails the start, so two servers never share one.
     *
     * @param files in the order given on the command line
     * @throws ExtstoreException with memcached's reason when the sizes are unusable or a file
     *     cannot be opened or locked
     */
    public static Extstore open(List<FileSpec> files, int pageSize, int wbufSize) throws ExtstoreException {
        if (wbufSize == 0 || pageSize % wbufSize != 0) {
            throw new ExtstoreException("page_size must be divisible by wbuf_size");
        }
        if (pageSize % ALIGNMENT != 0 || wbufSize % ALIGNMENT != 0) {
            throw new ExtstoreException("page_size and wbuf_size must be divisible by 1024*1024*2");
        }
        long total = 0;
        for (FileSpec f : files) {
            total += f.pageCount();
        }
        if (total >= MAX_PAGES) {
            throw new ExtstoreException("page_count must total to < 65536. Increase page_size or lower path sizes");
        }
        Extstore e = new Extstore(pageSize, wbufSize, (int) total);
        try {
            e.openFiles(files);
        } catch (ExtstoreException | RuntimeException ex) {
            e.close();
            throw ex;
        }
        return e;
    }

    private Extstore(int pageSize, int wbufSize, int pageCount) {
        this.pageSize = pageSize;
        this.wbufSize = wbufSize;
        this.pages = new Page[pageCount];
    }

    private void openFiles(List<FileSpec> files) throws ExtstoreException {
        List<FileSpec> stack = new ArrayList<>(files);
        Collections.reverse(stack); // memcached keeps its paths as a stack: the last one given comes first
        int[] remaining = new int[stack.size()];
        long[] offsets = new long[stack.size()];
        List<FileChannel> byFile = new ArrayList<>();
        for (int f = 0; f < stack.size(); f++) {
            FileChannel channel = openLocked(stack.get(f).file());
            byFile.add(channel);
            remaining[f] = stack.get(f).pageCount();
        }
        int f = -1;
        for (int i = 0; i < pages.length; i++) {
            do {
                f = (f + 1) % stack.size();
            } while (remaining[f] == 0);
            remaining[f]--;
            pages[i] = new Page(i, byFile.get(f), offsets[f]);
            offsets[f] += pageSize;
        }
        for (int i = pages.length - 1; i > 0; i--) {
            freeList.push(pages[i]);
            pagesFree++;
        }
    }

    private FileChannel openLocked(Path file) throws ExtstoreException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ExtstoreException("failed to open file", e);
        }
        channels.add(channel);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new ExtstoreException("failed to open file (" + file + " is in use by another process)");
            }
            locks.add(lock);
            channel.truncate(0);
        } catch (IOException | OverlappingFileLockException e) {
            throw new ExtstoreException("failed to open file (" + file + ": " + e.getMessage() + ")", e);
        }
        return channel;
    }

    public int pageSize() {
        return pageSize;
    }

    public int pageCount() {
        return pages.length;
    }

    /** Size of a write buffer: the largest object that can be written, and compaction's read size. */
    public int wbufSize() {
        return wbufSize;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Appends an object of {@code length} bytes to the active page of {@code bucket}: {@code fill}
     * receives a buffer of exactly that many bytes to write the object into. Returns where it
     * went, or null if no room could be found now (every page full of live objects being written,
     * an object larger than a write buffer); the caller may try again later.
     */
    public synchronized Location write(int bucket, int length, Consumer<ByteBuffer> fill) {
        if (bucket < 0 || bucket >= BUCKETS || length <= 0 || length > wbufSize) {
            return null;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Page p = bucketPage[bucket];
            if (p == null || !p.active) {
                p = allocatePage(bucket);
                if (p == null) {
                    return null;
                }
            }
            if (p.wbuf != null && wbufSize - p.wbufUsed < length) {
                flushWbuf(p);
            }
            if (p.wbuf == null && p.allocated < pageSize) {
                assignWbuf(p);
            }
            if (p.wbuf != null && wbufSize - p.wbufUsed >= length) {
                int offset = p.wbufOffset + p.wbufUsed;
                fill.accept(ByteBuffer.wrap(p.wbuf, p.wbufUsed, length).slice());
                p.wbufUsed += length;
                p.bytesUsed += length;
                p.objCount++;
                bytesWritten += length;
                bytesUsed += length;
                objectsWritten++;
                objectsUsed++;
                return new Location(p.id, p.version, offset);
            }
            if (p.active && p.wbuf == null) {
                p.active = false; // no write buffer left to give it: the page is full
            }
        }
        return null;
    }

    private Page allocatePage(int bucket) {
        Page p = freeList.poll();
        if (p == null) {
            maintain();
            p = freeList.poll();
            if (p == null) {
                return null;
            }
        }
        p.active = true;
        p.free = false;
        p.closed = false;
        p.version = version++;
        if (version == 0) {
            version = 1; // 0 means "free"
        }
        p.bucket = bucket;
        p.allocated = 0;
        p.written = 0;
        p.objCount = 0;
        p.bytesUsed = 0;
        pagesFree--;
        pageAllocs++;
        bucketPage[bucket] = p;
        return p;
    }

    private void assignWbuf(Page p) {
        byte[] buf = wbufPool.poll();
        p.wbuf = buf != null ? buf : new byte[wbufSize];
        p.wbufOffset = p.allocated;
        p.wbufUsed = 0;
        p.allocated += wbufSize;
    }

    /** Writes the page's write buffer to its file, zero-filled past the last object. */
    private void flushWbuf(Page p) {
        java.util.Arrays.fill(p.wbuf, p.wbufUsed, wbufSize, (byte) 0);
        try {
            ByteBuffer src = ByteBuffer.wrap(p.wbuf);
            long position = p.fileOffset + p.wbufOffset;
            while (src.hasRemaining()) {
                position += p.channel.write(src, position);
            }
        } catch (IOException e) {
            LOG.error("extstore: writing page {} failed, its objects are lost: {}", p.id, e.getMessage());
            p.closed = true;
        }
        p.written += wbufSize;
        wbufPool.push(p.wbuf);
        p.wbuf = null;
        p.wbufUsed = 0;
        if (p.written >= pageSize) {
            p.active = false;
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads {@code length} bytes at {@code location} into {@code dst}. Returns false if the page no
     * longer holds what was written there (freed, evicted or compacted away since); the bytes are
     * then untouched. Counts an object read.
     */
    public synchronized boolean read(Location location, byte[] dst, int length) {
        return read(location.pageId(), location.version(), location.offset(), dst, length);
    }

    /** {@link #read(Location, byte[], int)} with the location's parts. */
    public synchronized boolean read(int pageId, int pageVersion, int offset, byte[] dst, int length) {
        if (pageId < 0 || pageId >= pages.length) {
            return false;
        }
        Page p = pages[pageId];
        if (p.free || p.closed || p.version != pageVersion || offset < 0 || length < 0
                || (long) offset + length > pageSize) {
            return false;
        }
        bytesRead += length;
        objectsRead++;
        if (p.active && p.wbuf != null && offset >= p.written) {
            System.arraycopy(p.wbuf, offset - p.wbufOffset, dst, 0, length);
            return true;
        }
        ByteBuffer into = ByteBuffer.wrap(dst, 0, length);
        long position = p.fileOffset + offset;
        try {
            while (into.hasRemaining()) {
                int n = p.channel.read(into, position);
                if (n < 0) {
                    java.util.Arrays.fill(dst, into.position(), length, (byte) 0);
                    break;
                }
                position += n;
            }
        } catch (IOException e) {
            LOG.warn("extstore: reading page {} failed: {}", p.id, e.getMessage());
            return false;
        }
        return true;
    }

    /** True while the page still holds the objects written with this version. */
    public synchronized boolean check(int pageId, int pageVersion) {
        return pageId >= 0 && pageId < pages.length && pages[pageId].version == pageVersion;
    }

    // ------------------------------------------------------------------ deleting and reclaiming

    /**
     * Notes that {@code count} objects of {@code bytes} bytes on the page are gone. Returns false if
     * the page was reused or closed meanwhile (nothing to account). A page left empty is reclaimed.
     */
    public synchronized boolean delete(int pageId, int pageVersion, int count, long bytes) {
        if (pageId < 0 || pageId >= pages.length) {
            return false;
        }
        Page p = pages[pageId];
        if (p.closed || p.version != pageVersion) {
            return false;
        }
        long b = Math.min(p.bytesUsed, bytes);
        long c = Math.min(p.objCount, count);
        p.bytesUsed -= b;
        p.objCount -= c;
        bytesUsed -= b;
        objectsUsed -= c;
        if (p.objCount == 0) {
            maintain();
        }
        return true;
    }

    /** Compaction is done with a page: it is freed with whatever it still counts. */
    public synchronized void closePage(int pageId, int pageVersion) {
        Page p = pages[pageId];
        if (!p.closed && p.version == pageVersion) {
            p.closed = true;
            maintain();
        }
    }

    /**
     * {@code extstore_maint_thread}'s pass: frees empty and closed pages, and if no page is free
     * evicts the oldest page written by the writer.
     */
    public synchronized void maintain() {
        boolean evict = freeList.isEmpty();
        Page oldest = null;
        for (Page p : pages) {
            if (p.active || p.free) {
                continue;
            }
            if (p.objCount > 0 && !p.closed && (oldest == null || Integer.compareUnsigned(p.version, oldest.version) < 0)) {
                oldest = p;
            }
            if (p.objCount == 0 || p.closed) {
                freePage(p);
                evict = false;
            }
        }
        if (evict && oldest != null && !oldest.closed && !oldest.free) {
            oldest.closed = true;
            pageEvictions++;
            objectsEvicted += oldest.objCount;
            bytesEvicted += oldest.bytesUsed;
            freePage(oldest);
        }
    }

    private void freePage(Page p) {
        objectsUsed -= p.objCount;
        bytesUsed -= p.bytesUsed;
        pageReclaims++;
        if (bucketPage[p.bucket] == p) {
            bucketPage[p.bucket] = null;
        }
        if (p.wbuf != null) {
            wbufPool.push(p.wbuf);
            p.wbuf = null;
        }
        p.version = 0;
        p.objCount = 0;
        p.bytesUsed = 0;
        p.allocated = 0;
        p.written = 0;
        p.bucket = 0;
        p.active = false;
        p.closed = false;
        p.free = true;
        freeList.push(p);
        pagesFree++;
    }

    // ------------------------------------------------------------------ statistics

    public synchronized ExtstoreStats stats() {
        long used = pages.length - pagesFree;
        return new ExtstoreStats(pageAllocs, pageEvictions, pageReclaims, pagesFree, used, objectsEvicted,
                objectsRead, objectsWritten, objectsUsed, bytesEvicted, bytesWritten, bytesRead, bytesUsed,
                used * pageSize - bytesUsed, (long) pages.length * pageSize);
    }

    /** Every page as compaction sees it, indexed by page id. */
    public synchronized PageData[] pageData() {
        PageData[] data = new PageData[pages.length];
        for (Page p : pages) {
            boolean listed = !p.active && !p.free && p.objCount > 0 && !p.closed;
            data[p.id] = listed ? new PageData(p.version, p.bytesUsed, p.bucket, 0) : new PageData(0, 0, 0, 0);
        }
        return data;
    }

    /** Releases the file locks and closes the files; their contents are of no use to a next start. */
    @Override
    public synchronized void close() {
        for (FileLock lock : locks) {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("extstore: releasing a file lock: {}", e.getMessage());
            }
        }
        locks.clear();
        for (FileChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("extstore: closing a file: {}", e.getMessage());
            }
        }
        channels.clear();
    }
}
