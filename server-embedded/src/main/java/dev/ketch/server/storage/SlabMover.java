package dev.ketch.server.storage;

import static dev.ketch.server.storage.ItemLayout.CHUNK;
import static dev.ketch.server.storage.ItemLayout.CHUNKED;
import static dev.ketch.server.storage.ItemLayout.FETCHED;
import static dev.ketch.server.storage.ItemLayout.LINKED;
import static dev.ketch.server.storage.ItemLayout.SLABBED;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import dev.ketch.server.logging.Verbose;

/**
 * memcached's slab page mover ({@code slab_rebalance_*} in {@code slabs.c}): takes the first page
 * of a source class and gives it to a destination class, or to the global page pool (class 0),
 * from which any class may take it and where memory beyond {@code -m} is freed.
 *
 * <p>Every chunk of the page is cleared in turn: a free chunk is taken off its free list, a live
 * item is "rescued" into a free chunk of the same class elsewhere (a fresh CAS and access time, as
 * memcached's relink gives it) or, when the class has none or the item is expired, removed; a
 * chunk of a large item is rescued by relinking the item's chunk chain. Items being stored
 * (allocated, not linked yet) are busy: the mover passes over them and comes back, backing off,
 * until the page is clear. It runs on a thread of its own and holds the storage lock for batches
 * of chunks.
 */
public final class SlabMover implements AutoCloseable {

    /** Chunks cleared per hold of the storage lock. */
    private static final int BATCH = 256;
    private static final long MAX_BACKOFF_US = 1000;

    /** memcached's {@code reassign_result_type}. */
    public enum Result { OK, RUNNING, BADCLASS, NOSPARE, SAME }

    private enum Move { PASS, FROM_SLAB, FROM_LRU, BUSY }

    private final Storage storage;
    private final SlabAllocator slabs;
    private final ReentrantLock lock;
    private final Thread thread;
    private volatile boolean stopping;

    /** memcached's {@code slab_rebalance_signal}: 0 idle, 1 requested, 2 moving. Under the lock. */
    private int signal;
    private int src;
    private int dst;
    private long pageStart;
    private long pageEnd;
    private int chunkSize;
    private int slots;
    private int pos;
    private BitSet completed;
    private boolean done;
    private int busyItems;
    private int busyLoops;
    private long rescues;
    private long chunkRescues;
    private long evictionsNomem;
    private long inlineReclaim;
    private int pickCursor = SlabAllocator.POWER_SMALLEST - 1;

    // stats (under the lock)
    private long slabsMoved;
    private long totalRescues;
    private long totalChunkRescues;
    private long totalEvictionsNomem;
    private long totalInlineReclaim;
    private long totalBusyItems;

    SlabMover(Storage storage) {
        this.storage = storage;
        this.slabs = storage.slabs;
        this.lock = storage.lock();
        this.thread = new Thread(this::run, "ketch-slab-mover");
        this.thread.setDaemon(true);
    }

    /** Starts the mover's thread (with {@code slab_reassign}). */
    public void start() {
        thread.start();
    }

    /**
     * {@code slabs reassign <src> <dst>}: asks for one page of class {@code src} (-1: any class
     * with a page to spare) to move to class {@code dst} (0: the global page pool).
     */
    public Result reassign(int source, int destination) {
        lock.lock();
        try {
            if (signal != 0 || !thread.isAlive()) {
                return Result.RUNNING;
            }
            if (source == destination) {
                return Result.SAME;
            }
            if (source == -1) {
                source = pickAny(destination);
            }
            int largest = slabs.largestClass();
            if (source < 0 || source > largest || destination < 0 || destination > largest) {
                return Result.BADCLASS;
            }
            if (slabs.pages(source) < 2) {
                return Result.NOSPARE;
            }
            src = source;
            dst = destination;
            signal = 1;
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(thread);
        return Result.OK;
    }

    /** memcached's {@code slabs_reassign_pick_any}: the next class, round robin, with more than one page. */
    private int pickAny(int destination) {
        int largest = slabs.largestClass();
        for (int tries = largest - SlabAllocator.POWER_SMALLEST + 1; tries > 0; tries--) {
            pickCursor++;
            if (pickCursor > largest) {
                pickCursor = SlabAllocator.POWER_SMALLEST;
            }
            if (pickCursor != destination && slabs.pages(pickCursor) > 1) {
                return pickCursor;
            }
        }
        return -1;
    }

    private void run() {
        long backoffUs = 1;
        while (!stopping) {
            int busy = 0;
            boolean idle;
            lock.lock();
            try {
                if (signal == 1) {
                    if (!begin()) {
                        signal = 0;
                    }
                } else if (signal == 2) {
                    busy = moveBatch();
                }
                if (signal == 2 && done) {
                    finish();
                    backoffUs = 1;
                }
                idle = signal == 0;
            } finally {
                lock.unlock();
            }
            if (idle) {
                LockSupport.park(this);
            } else if (busy > 0) {
                // items are being stored into chunks of this page: give them time to finish
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(backoffUs));
                backoffUs = Math.min(backoffUs * 2, MAX_BACKOFF_US);
            }
        }
    }

    /** {@code slab_rebalance_start} (lock held): false when the move cannot be made. */
    private boolean begin() {
        int largest = slabs.largestClass();
        if (src < 0 || src > largest || dst < 0 || dst > largest || src == dst || slabs.pages(src) < 2) {
            return false;
        }
        pageStart = slabs.firstPage(src);
        pageEnd = pageStart + slabs.pageChunkBytes(src);
        chunkSize = src == SlabAllocator.GLOBAL_PAGE_POOL ? 0 : slabs.chunkSize(src);
        slots = src == SlabAllocator.GLOBAL_PAGE_POOL ? 0 : slabs.perslab(src);
        pos = 0;
        completed = new BitSet(slots);
        done = slots == 0;
        busyItems = 0;
        busyLoops = 0;
        signal = 2;
        if (storage.log.verbose().at(Verbose.COMMANDS)) {
            storage.log.verbose().line("Started a slab rebalance");
        }
        return true;
    }

    /** Clears up to {@link #BATCH} chunks (lock held); returns how many were busy. */
    private int moveBatch() {
        int wasBusy = 0;
        for (int n = 0; n < BATCH && !done; n++) {
            wasBusy += moveChunk(pos);
            if (++pos >= slots) {
                if (busyItems > 0) {
                    pos = 0;
                    totalBusyItems += busyItems;
                    busyItems = 0;
                    busyLoops++;
                    break;
                }
                done = true;
            }
        }
        return wasBusy;
    }

    /** {@code slab_rebalance_move} for the chunk at {@code offset}; returns 1 if it was busy. */
    private int moveChunk(int offset) {
        if (completed.get(offset)) {
            return 0;
        }
        long it = pageStart + (long) offset * chunkSize;
        long ch = 0;
        if (ItemLayout.hasFlag(it, CHUNK)) {
            // a chained part of a large item: the item is reached, and handled, through its head
            ch = it;
            it = ItemLayout.chunkHead(ch);
        }
        Move status = Move.PASS;
        int flags = ItemLayout.flags(it);
        if (flags != (SLABBED | FETCHED)) {
            if ((flags & SLABBED) != 0) {
                slabs.cutFree(src, it);
                status = Move.FROM_SLAB;
            } else if ((flags & LINKED) != 0 && ItemLayout.refcount(it) == 1) {
                status = Move.FROM_LRU;
            } else {
                status = Move.BUSY;
            }
        }
        switch (status) {
            case FROM_SLAB:
                clear(it);
                completed.set(offset);
                return 0;
            case FROM_LRU:
                return rescueOrRemove(offset, it, ch);
            case BUSY:
                busyItems++;
                return 1;
            default:
                return 0;
        }
    }

    private int rescueOrRemove(int offset, long it, long ch) {
        int hv = Storage.hashOfItem(it);
        int exptime = ItemLayout.exptime(it);
        long moved = 0;
        if ((exptime != 0 && exptime < storage.clock.now()) || storage.isFlushed(it)) {
            moved = 0; // expired: not worth saving
        } else {
            moved = allocElsewhere();
            if (moved == 0) {
                evictionsNomem++;
            }
        }
        if (moved != 0) {
            if (ch == 0) {
                rescueItem(it, moved, hv);
            } else {
                rescueChunk(ch, moved);
            }
            completed.set(offset);
            return 0;
        }
        if (ch == 0 && !ItemLayout.hasFlag(it, CHUNKED)) {
            storage.pin(it);
            storage.unlink(it, hv);
            clear(it);
            completed.set(offset);
            return 0;
        }
        // a large item: freed whole, its chunks in this page are taken off the free lists next pass
        storage.unlink(it, hv);
        busyItems++;
        return 1;
    }

    /** Copies a whole item (or a large item's header) to {@code to} and links the copy in its place. */
    private void rescueItem(long it, long to, int hv) {
        boolean chunked = ItemLayout.hasFlag(it, CHUNKED);
        int bytes = chunked ? chunkSize : ItemLayout.memoryBytes(it);
        NativeMemory.copy(it, to, bytes);
        ItemLayout.next(to, 0);
        ItemLayout.prev(to, 0);
        ItemLayout.hNext(to, 0);
        ItemLayout.clearFlag(to, LINKED);
        ItemLayout.refcount(to, 1);
        storage.pin(it);
        storage.replace(it, to, hv);
        if (chunked) {
            long first = ItemLayout.headerChunk(to);
            ItemLayout.prev(ItemLayout.next(first), first);
            for (long c = first; c != 0; c = ItemLayout.next(c)) {
                ItemLayout.chunkHead(c, to);
            }
        }
        clear(it);
        rescues++;
    }

    /** Moves one chunk of a large item's chain to {@code to}. */
    private void rescueChunk(long ch, long to) {
        ItemLayout.next(ItemLayout.prev(ch), to);
        if (ItemLayout.next(ch) != 0) {
            ItemLayout.prev(ItemLayout.next(ch), to);
        }
        NativeMemory.copy(ch, to, ItemLayout.chunkUsed(ch) + ItemLayout.CHUNK_HEADER_SIZE);
        clear(ch);
        chunkRescues++;
    }

    /**
     * {@code slab_rebalance_alloc}: a free chunk of the source class outside the page being
     * cleared; free chunks met inside it are marked cleared on the way.
     */
    private long allocElsewhere() {
        int perslab = slabs.perslab(src);
        for (int x = 0; x < perslab; x++) {
            long n = slabs.allocNoNewPage(src);
            if (n == 0) {
                return 0;
            }
            if (n >= pageStart && n < pageEnd) {
                clear(n);
                inlineReclaim++;
            } else {
                return n;
            }
        }
        return 0;
    }

    /** Marks a chunk of the page as cleared for the move (memcached's SLABBED|FETCHED). */
    private static void clear(long chunk) {
        ItemLayout.refcount(chunk, 0);
        ItemLayout.flags(chunk, SLABBED | FETCHED);
    }

    /** {@code slab_rebalance_finish} (lock held). */
    private void finish() {
        slabs.movePage(src, dst);
        slabsMoved++;
        totalRescues += rescues;
        totalChunkRescues += chunkRescues;
        totalEvictionsNomem += evictionsNomem;
        totalInlineReclaim += inlineReclaim;
        rescues = 0;
        chunkRescues = 0;
        evictionsNomem = 0;
        inlineReclaim = 0;
        completed = null;
        done = false;
        signal = 0;
        if (storage.log.verbose().at(Verbose.COMMANDS)) {
            storage.log.verbose().line("finished a slab move");
        }
    }

    // ---------------------------------------------------------------- stats (lock held)

    public boolean running() {
        return signal != 0;
    }

    public long slabsMoved() {
        return slabsMoved;
    }

    public long rescues() {
        return totalRescues;
    }

    public long chunkRescues() {
        return totalChunkRescues;
    }

    public long evictionsNomem() {
        return totalEvictionsNomem;
    }

    public long inlineReclaim() {
        return totalInlineReclaim;
    }

    public long busyItems() {
        return totalBusyItems;
    }

    /** Stops the thread; a move under way is abandoned (the memory is about to be freed). */
    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
