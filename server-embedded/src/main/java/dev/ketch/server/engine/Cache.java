package dev.ketch.server.engine;

import dev.ketch.server.ServerStartException;
import dev.ketch.server.config.ExitStatus;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.storage.Clock;
import dev.ketch.server.config.ExtstoreSettings;
import dev.ketch.server.storage.ExtstoreItems;
import dev.ketch.server.storage.ExtstoreThreads;
import dev.ketch.server.storage.extstore.Extstore;
import dev.ketch.server.storage.extstore.ExtstoreException;
import dev.ketch.server.storage.ItemLayout;
import dev.ketch.server.storage.NativeMemory;
import dev.ketch.server.storage.Maintainer;
import dev.ketch.server.storage.RestartFile;
import dev.ketch.server.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cache engine: memcached's commands with memcached's semantics (storage modes and CAS,
 * arithmetic, touch, delete, flush), over {@link Storage}. It knows nothing of any protocol:
 * handlers parse requests, call these methods and render the results.
 *
 * <p>Thread-safe. Every call runs under one lock; values are copied into and out of the item
 * memory while it is held ({@link ItemSink}, {@link PendingItem}).
 */
public final class Cache implements AutoCloseable {

    private final ServerSettings settings;
    private final Clock clock;
    private final Storage storage;
    private final ReentrantLock lock;
    private final EngineCounters counters = new EngineCounters();
    private final ItemView view;
    private final Delta deltas;
    private final MetaOperations meta;
    private final Maintainer maintainer;
    private final ExtstoreThreads extThreads;
    private final EventLog log;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Creates the engine and starts its background threads (LRU maintainer, crawler). */
    public Cache(ServerSettings settings, Clock clock) {
        this(settings, clock, new EventLog(settings.loggerWatcherBufSize, new Verbose(settings, System.err)));
    }

    /** Like {@link #Cache(ServerSettings, Clock)}, reporting its events to {@code log}. */
    public Cache(ServerSettings settings, Clock clock, EventLog log) {
        this.settings = settings;
        this.clock = clock;
        this.log = log;
        if (settings.memoryFile != null && settings.ext.enabled()) {
            System.err.println("[restart] memory restart with extstore not presently supported.");
        }
        RestartFile.Saved saved = settings.memoryFile == null || settings.ext.enabled() ? null
                : RestartFile.check(settings, System.err);
        if (saved != null) {
            // memcached sizes the hash table as it was, not to fill a small one with every item
            settings.hashPowerInit = saved.hashpower();
        }
        this.storage = new Storage(settings, clock, log);
        this.lock = storage.lock();
        if (saved != null) {
            restore(saved);
        }
        this.view = new ItemView(clock);
        this.deltas = new Delta(storage, counters);
        this.meta = new MetaOperations(this, storage, counters, deltas);
        this.extThreads = settings.ext.enabled() ? openExtstore() : null;
        this.maintainer = new Maintainer(storage);
        maintainer.start();
        if (extThreads != null) {
            extThreads.start();
        }
    }

    /** {@code storage_init}: opens the files and fills the global page pool, as memcached does for extstore. */
    private ExtstoreThreads openExtstore() {
        ExtstoreSettings ext = settings.ext;
        if (ext.compactUnder == 0) {
            // memcached takes a quarter of the pages of the path given last
            int lastPages = ext.paths.get(ext.paths.size() - 1).pageCount();
            ext.compactUnder = lastPages / 4;
            ext.dropUnder = lastPages / 4;
        }
        List<Extstore.FileSpec> files = new ArrayList<>();
        for (ExtstoreSettings.Path p : ext.paths) {
            files.add(new Extstore.FileSpec(Path.of(p.file()), p.pageCount()));
        }
        Extstore store;
        try {
            store = Extstore.open(files, ext.pageSize, ext.wbufSize);
        } catch (ExtstoreException e) {
            storage.close();
            throw new ServerStartException("Failed to initialize external storage: " + e.getMessage(),
                    ExitStatus.FAILURE, e);
        }
        lock.lock();
        try {
            storage.attachExtstore(store);
            storage.slabs().prefillGlobalPool();
        } finally {
            lock.unlock();
        }
        return new ExtstoreThreads(storage);
    }

    private void restore(RestartFile.Saved saved) {
        lock.lock();
        try {
            RestartFile.restore(storage, log, clock, saved);
        } catch (IOException e) {
            storage.close();
            throw new ServerStartException("[restart] failed to read the memory file " + settings.memoryFile + ": "
                    + e.getMessage(), ExitStatus.FAILURE, e);
        } finally {
            lock.unlock();
        }
    }

    public ServerSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** The storage layer, for statistics; hold {@link #lock()} while reading it. */
    public Storage storage() {
        return storage;
    }

    /** The engine's command counters; hold {@link #lock()} while reading them. */
    public EngineCounters counters() {
        return counters;
    }

    /** The meta protocol's operations ({@code mg ms md ma me}) on this cache. */
    public MetaOperations meta() {
        return meta;
    }

    public Maintainer maintainer() {
        return maintainer;
    }

    /** What {@code watch} connections see: the engine's and the connections' events. */
    public EventLog eventLog() {
        return log;
    }

    /** The lock guarding all engine state. */
    public ReentrantLock lock() {
        return lock;
    }

    // ------------------------------------------------------------------ retrieval

    /** {@code get}/{@code gets}: passes the live item to {@code sink}; returns false on a miss. */
    public boolean get(byte[] key, ItemSink sink) {
        return lookup(key, sink) == Lookup.HIT;
    }

    /**
     * {@link #get} telling a miss from a value in external storage that there was no memory to
     * read into. A null {@code sink} looks the key up for its effects only (statistics, LRU), as
     * for the keys of a multi-get that fails before replying: a read from external storage is then
     * counted as started and abandoned.
     */
    public Lookup lookup(byte[] key, ItemSink sink) {
        int hv = Storage.hash(key, key.length);
        lock.lock();
        try {
            long it = storage.get(key, key.length, hv, false);
            counters.getCmds++;
            if (it == 0) {
                counters.getMisses++;
                return Lookup.MISS;
            }
            counters.getHits[ItemLayout.clsid(it)]++;
            // Counted in the LRU the hit found the item in: memcached moves a COLD item on a
            // later maintainer pass, after counting.
            counters.lruHits[ItemLayout.slabsClsid(it)]++;
            boolean hitBefore = ItemLayout.hasFlag(it, ItemLayout.FETCHED);
            storage.bump(it);
            return deliver(it, hv, hitBefore, sink);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands a found item to {@code sink}; an item whose value is in external storage has it read
     * back first (lock held).
     */
    private Lookup deliver(long it, int hv, boolean hitBefore, ItemSink sink) {
        if (!ItemLayout.hasFlag(it, ItemLayout.HDR)) {
            if (sink != null) {
                sink.accept(view.at(it));
            }
            return Lookup.HIT;
        }
        ExtstoreItems ext = storage.extstore();
        long copy = ext.allocateRead(it);
        if (copy == 0) {
            return Lookup.NO_MEMORY;
        }
        if (sink == null) {
            ext.abandon(copy);
            return Lookup.HIT;
        }
        if (!ext.load(it, hv, copy)) {
            return Lookup.MISS;
        }
        sink.accept(view.at(it).valueFrom(copy));
        ext.finish(it, hv, copy, hitBefore);
        return Lookup.HIT;
    }

    /**
     * {@code gat}/{@code gats}: like {@link #get} but also sets a new expiry on a hit.
     *
     * @param exptime the protocol's expiry; {@code long} so that the binary protocol's unsigned
     *     32-bit values keep their meaning (large unix times)
     */
    public boolean getAndTouch(byte[] key, long exptime, ItemSink sink) {
        return lookupAndTouch(key, exptime, sink) == Lookup.HIT;
    }

    /** {@link #getAndTouch} with the outcomes of {@link #lookup} (a null sink as there). */
    public Lookup lookupAndTouch(byte[] key, long exptime, ItemSink sink) {
        return touch(key, exptime, sink, true);
    }

    /** {@code touch}: sets a new expiry; returns false if the key is absent. */
    public boolean touch(byte[] key, long exptime) {
        return touch(key, exptime, null, false) != Lookup.MISS;
    }

    private Lookup touch(byte[] key, long exptime, ItemSink sink, boolean readValue) {
        int hv = Storage.hash(key, key.length);
        int rel = clock.realtime(exptime);
        lock.lock();
        try {
            long it = storage.get(key, key.length, hv, false);
            counters.touchCmds++;
            if (it == 0) {
                counters.touchMisses++;
                return Lookup.MISS;
            }
            boolean hitBefore = ItemLayout.hasFlag(it, ItemLayout.FETCHED);
            storage.bump(it);
            ItemLayout.exptime(it, rel);
            counters.touchHits[ItemLayout.clsid(it)]++;
            return readValue ? deliver(it, hv, hitBefore, sink) : Lookup.HIT;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ storage

    /**
     * First half of a store: finds memory for an item of {@code valueLength} bytes. The protocol
     * then copies the value (and, for text, its {@code \r\n}) into it and calls {@link #store}.
     * When no memory is found the result's status says why and its writes are discarded; a failed
     * {@code SET} also removes the key's old value, so a client never reads stale data after a
     * failed overwrite (as memcached does).
     *
     * @param exptime the protocol's expiry (0 never, up to 30 days relative, else unix time,
     *     negative already expired)
     */
    public PendingItem allocate(StoreMode mode, byte[] key, int clientFlags, long exptime, int valueLength) {
        return allocate(mode, key, clientFlags, exptime, valueLength, mode == StoreMode.SET, false);
    }

    /**
     * {@link #allocate(StoreMode, byte[], int, long, int)} with the choices meta set makes
     * differently: whether a failed allocation removes the key's old value whatever the mode, and
     * whether the key is binary (it was sent base64 encoded and is echoed that way).
     */
    PendingItem allocate(StoreMode mode, byte[] key, int clientFlags, long exptime, int valueLength,
            boolean unlinkOldOnFailure, boolean keyBinary) {
        int hv = Storage.hash(key, key.length);
        int nbytes = valueLength + 2;
        int rel = clock.realtime(exptime);
        lock.lock();
        try {
            long it = valueLength < 0 || valueLength > Integer.MAX_VALUE - 2
                    ? 0 : storage.itemAlloc(key, key.length, clientFlags, rel, nbytes);
            if (it != 0 && !storage.allocChunks(it)) {
                it = 0;
            }
            if (it != 0) {
                if (keyBinary) {
                    ItemLayout.setFlag(it, ItemLayout.KEY_BINARY);
                }
                return new PendingItem(this, mode, key, hv, it, PendingItem.Status.READY, nbytes);
            }
            PendingItem.Status status;
            if (valueLength < 0 || !storage.itemSizeOk(key.length, clientFlags, nbytes)) {
                status = PendingItem.Status.TOO_LARGE;
                counters.storeTooLarge++;
            } else {
                status = PendingItem.Status.NO_MEMORY;
                counters.storeNoMemory++;
            }
            if (log.wants(EventLog.MUTATIONS)) {
                log.itemStore(status == PendingItem.Status.TOO_LARGE ? EventLog.TOO_LARGE : EventLog.NO_MEMORY,
                        command(mode), key, key.length, 0, 0, 0);
            }
            if (unlinkOldOnFailure) {
                long old = storage.get(key, key.length, hv, false);
                if (old != 0) {
                    storage.unlink(old, hv);
                }
            }
            return new PendingItem(this, mode, key, hv, 0, status, Math.max(nbytes, 0));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Second half of a store ({@code do_store_item}): applies the store mode to the filled item.
     *
     * @param casUnique the CAS unique to check, 0 for none (required for {@link StoreMode#CAS})
     * @param setStale meta protocol's invalidation mode: a lower CAS stores the value as stale
     */
    public StoreResult store(PendingItem pending, long casUnique, boolean setStale) {
        if (pending.item == 0) {
            throw new IllegalStateException("store of a failed allocation: " + pending.status());
        }
        lock.lock();
        try {
            long it = pending.item;
            pending.item = 0;
            counters.setCmds[ItemLayout.clsid(it)]++;
            ItemLayout.cas(it, casUnique);
            return doStore(pending, it, setStale);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #store(PendingItem, long, boolean)} without stale-setting. */
    public StoreResult store(PendingItem pending, long casUnique) {
        return store(pending, casUnique, false);
    }

    private StoreResult doStore(PendingItem pending, long it, boolean setStale) {
        byte[] key = pending.key;
        int hv = pending.hv;
        StoreMode mode = pending.mode;
        long old = storage.get(key, key.length, hv, false);
        StoreResult stored = StoreResult.NOT_STORED;
        boolean doStore = false;
        long linked = 0;
        long newIt = 0;
        if (old != 0) {
            long itCas = ItemLayout.cas(it);
            long oldCas = ItemLayout.cas(old);
            boolean casNone = itCas == 0;
            boolean casMatch = !casNone && itCas == oldCas;
            boolean casStale = !casNone && !casMatch && setStale && Long.compareUnsigned(itCas, oldCas) < 0;
            switch (mode) {
                case ADD:
                    storage.update(old);
                    break;
                case CAS:
                    if (casMatch) {
                        counters.casHits[ItemLayout.clsid(old)]++;
                        doStore = true;
                    } else if (casStale) {
                        ItemLayout.exptime(it, ItemLayout.exptime(old));
                        ItemLayout.setFlag(it, ItemLayout.STALE);
                        if (ItemLayout.hasFlag(old, ItemLayout.TOKEN_SENT)) {
                            ItemLayout.setFlag(it, ItemLayout.TOKEN_SENT);
                        }
                        counters.casHits[ItemLayout.clsid(old)]++;
                        doStore = true;
                    } else {
                        counters.casBadval[ItemLayout.clsid(old)]++;
                        stored = StoreResult.EXISTS;
                    }
                    break;
                case APPEND:
                case PREPEND:
                    if (!casNone && !casMatch) {
                        stored = StoreResult.EXISTS;
                        break;
                    }
                    if (ItemLayout.hasFlag(old, ItemLayout.HDR)) {
                        break; // a value written out to external storage is not appended to, as memcached
                    }
                    newIt = combine(old, it, key, mode == StoreMode.APPEND);
                    if (newIt != 0) {
                        doStore = true;
                    }
                    break;
                default: // SET, REPLACE
                    doStore = true;
                    break;
            }
            if (doStore) {
                linked = newIt != 0 ? newIt : it;
                if (ItemLayout.hasFlag(old, ItemLayout.LINKED)) {
                    storage.replace(old, linked, hv);
                } else {
                    storage.link(linked, hv);
                }
                stored = StoreResult.STORED;
            }
        } else {
            switch (mode) {
                case ADD:
                case SET:
                    doStore = true;
                    break;
                case CAS:
                    stored = StoreResult.NOT_FOUND;
                    counters.casMisses++;
                    break;
                default: // REPLACE, APPEND, PREPEND need an existing item
                    break;
            }
            if (doStore) {
                storage.link(it, hv);
                linked = it;
                stored = StoreResult.STORED;
            }
        }
        if (log.wants(EventLog.MUTATIONS)) {
            logStore(stored, mode, it);
        }
        if (linked != it) {
            storage.freeUnlinked(it);
        }
        pending.storedCas = stored == StoreResult.STORED ? ItemLayout.cas(linked) : 0;
        return stored;
    }

    private void logStore(StoreResult stored, StoreMode mode, long it) {
        int status = switch (stored) {
            case STORED -> EventLog.STORED;
            case EXISTS -> EventLog.EXISTS;
            case NOT_FOUND -> EventLog.STORE_NOT_FOUND;
            default -> EventLog.NOT_STORED;
        };
        int exptime = ItemLayout.exptime(it);
        byte[] key = new byte[ItemLayout.nkey(it)];
        NativeMemory.copyToArray(ItemLayout.keyAddress(it), key, 0, key.length);
        log.itemStore(status, command(mode), key, key.length, ItemLayout.nbytes(it),
                exptime != 0 ? exptime - clock.now() : 0, ItemLayout.clsid(it));
    }

    /** memcached's {@code NREAD_*} numbers, as {@code item_store} events name the command. */
    private static int command(StoreMode mode) {
        return switch (mode) {
            case ADD -> 1;
            case SET -> 2;
            case REPLACE -> 3;
            case APPEND -> 4;
            case PREPEND -> 5;
            case CAS -> 6;
        };
    }

    /**
     * Builds the item for an append or prepend: the old item's flags and expiry, the two values
     * joined. Returns 0 when there is no memory for it. The old item is pinned meanwhile because
     * the allocation may evict it.
     */
    private long combine(long old, long add, byte[] key, boolean append) {
        int oldBytes = ItemLayout.nbytes(old);
        int addBytes = ItemLayout.nbytes(add);
        storage.pin(old);
        try {
            long n = storage.itemAlloc(key, key.length, ItemLayout.clientFlags(old), ItemLayout.exptime(old),
                    oldBytes + addBytes - 2);
            if (n == 0 || !storage.allocChunks(n)) {
                return 0;
            }
            ValueCursor dst = new ValueCursor(n);
            if (append) {
                dst.copyFrom(old, oldBytes - 2);
                dst.copyFrom(add, addBytes);
            } else {
                dst.copyFrom(add, addBytes - 2);
                dst.copyFrom(old, oldBytes);
            }
            return n;
        } finally {
            storage.unpin(old);
        }
    }

    // ------------------------------------------------------------------ delete, arithmetic, flush

    /** Deletes a key; with a non-zero {@code casUnique} only if it still matches. */
    public DeleteResult delete(byte[] key, long casUnique) {
        int hv = Storage.hash(key, key.length);
        lock.lock();
        try {
            long it = storage.get(key, key.length, hv, false);
            if (it == 0) {
                counters.deleteMisses++;
                return DeleteResult.NOT_FOUND;
            }
            if (casUnique != 0 && casUnique != ItemLayout.cas(it)) {
                return DeleteResult.EXISTS;
            }
            counters.deleteHits[ItemLayout.clsid(it)]++;
            storage.unlink(it, hv);
            return DeleteResult.DELETED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code incr}/{@code decr} ({@code do_add_delta}): the value must be a decimal number up to
     * 2^64-1; incr wraps around, decr stops at 0. A result no longer than the stored text is
     * written in place, padded with spaces, as memcached does.
     *
     * @param casUnique non-zero to require a matching CAS unique
     */
    public void arithmetic(byte[] key, boolean incr, long delta, long casUnique, ArithmeticResult result) {
        arithmetic(key, incr, delta, casUnique, false, 0, 0, result);
    }

    /**
     * The binary protocol's incr/decr: like {@link #arithmetic(byte[], boolean, long, long,
     * ArithmeticResult)}, but an absent key is created with {@code initial} as its value (client
     * flags 0, expiry {@code exptime}) and reported as {@link ArithmeticResult#created()}; as in
     * memcached, such a create is not counted as a miss, nor as a set.
     */
    public void arithmeticOrCreate(byte[] key, boolean incr, long delta, long casUnique, long initial, long exptime,
            ArithmeticResult result) {
        arithmetic(key, incr, delta, casUnique, true, initial, exptime, result);
    }

    private void arithmetic(byte[] key, boolean incr, long delta, long casUnique, boolean create, long initial,
            long exptime, ArithmeticResult result) {
        int hv = Storage.hash(key, key.length);
        int rel = create ? clock.realtime(exptime) : 0;
        lock.lock();
        try {
            long it = storage.get(key, key.length, hv, false);
            if (it == 0 && create) {
                createNumber(key, hv, initial, rel, result);
                return;
            }
            if (it == 0) {
                if (incr) {
                    counters.incrMisses++;
                } else {
                    counters.decrMisses++;
                }
                result.set(ArithmeticResult.Status.NOT_FOUND, 0, 0);
                return;
            }
            long held = deltas.apply(it, key, hv, incr, delta, casUnique, result);
            if (held != 0) {
                storage.unpin(held);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores {@code value} as a new item for an incr/decr that creates its key (an add: a key that
     * appeared meanwhile wins).
     */
    private void createNumber(byte[] key, int hv, long value, int rel, ArithmeticResult result) {
        byte[] digits = Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII);
        long n = storage.itemAlloc(key, key.length, 0, rel, digits.length + 2);
        if (n == 0) {
            result.set(ArithmeticResult.Status.NO_MEMORY, 0, 0);
            return;
        }
        long nd = ItemLayout.dataAddress(n);
        NativeMemory.copyFromArray(digits, 0, nd, digits.length);
        NativeMemory.putByte(nd + digits.length, (byte) '\r');
        NativeMemory.putByte(nd + digits.length + 1, (byte) '\n');
        if (storage.get(key, key.length, hv, false) != 0) {
            storage.freeUnlinked(n);
            result.set(ArithmeticResult.Status.NOT_STORED, 0, 0);
            return;
        }
        storage.link(n, hv);
        result.set(ArithmeticResult.Status.OK, value, ItemLayout.cas(n));
        result.created = true;
    }

    /** {@code flush_all [delay]}: see {@link Storage#flushAll}. */
    public void flushAll(long exptime) {
        lock.lock();
        try {
            storage.flushAll(exptime);
        } finally {
            lock.unlock();
        }
    }

    /** {@code cache_memlimit}: changes the memory limit; false if it cannot be changed now. */
    public boolean adjustMemLimit(long bytes) {
        lock.lock();
        try {
            if (!storage.slabs().adjustMemLimit(bytes)) {
                return false;
            }
            settings.maxBytes = bytes;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The relative time of the last {@code flush_all} mark, 0 if none ({@code stats settings oldest}). */
    public int oldestLive() {
        lock.lock();
        try {
            return storage.oldestLive();
        } finally {
            lock.unlock();
        }
    }

    /** True while {@code stats sizes} is collecting. */
    public boolean sizesTracked() {
        lock.lock();
        try {
            return storage.sizes().enabled();
        } finally {
            lock.unlock();
        }
    }

    /** {@code stats reset}: zeroes the engine's and the storage's counters. */
    public void resetStats() {
        lock.lock();
        try {
            counters.reset();
            storage.resetCounters();
            if (storage.extstore() != null) {
                storage.extstore().counters().reset();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops a filled item whose text data block did not end in {@code \r\n}. Like memcached's
     * {@code complete_nread_ascii}, the attempt still counts as a set in the item's slab class.
     */
    public void discardBadData(PendingItem pending) {
        lock.lock();
        try {
            if (pending.item != 0) {
                counters.setCmds[ItemLayout.clsid(pending.item)]++;
                storage.freeUnlinked(pending.item);
                pending.item = 0;
            }
        } finally {
            lock.unlock();
        }
    }

    void free(PendingItem pending) {
        lock.lock();
        try {
            if (pending.item != 0) {
                storage.freeUnlinked(pending.item);
                pending.item = 0;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the background threads and frees all item memory. */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Stops the background threads and frees the item memory; with {@code graceful} and
     * {@code -e}, first saves the items for the next start ({@link RestartFile}). Every connection
     * must be closed already. Only the first call does anything.
     */
    public void close(boolean graceful) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (extThreads != null) {
            extThreads.close();
        }
        maintainer.close();
        try {
            if (graceful && settings.memoryFile != null) {
                lock.lock();
                try {
                    RestartFile.save(storage, log, System.err);
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            storage.close();
            if (storage.extstore() != null) {
                storage.extstore().store().close();
            }
        }
    }
}
