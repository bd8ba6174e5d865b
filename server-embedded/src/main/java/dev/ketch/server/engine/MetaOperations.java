package dev.ketch.server.engine;

import dev.ketch.server.storage.Clock;
import dev.ketch.server.storage.ItemLayout;
import dev.ketch.server.storage.NativeMemory;
import dev.ketch.server.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine side of memcached's meta protocol ({@code mg ms md ma me}), with memcached 1.6.18's
 * semantics and counters: reading an item's state before the LRU bump, autovivification, the
 * recache/stale token bookkeeping ({@code ITEM_TOKEN_SENT}, {@code ITEM_STALE}), invalidation,
 * CAS-checked deletes and arithmetic with an initial value. Every operation runs under the
 * engine lock. Protocol-free: requests come as {@link MetaOptions}, items go out through
 * {@link MetaItem} and {@link ItemView}, and the protocol renders the reply.
 *
 * <p>Obtained from {@link Cache#meta()}.
 */
public final class MetaOperations {

    /** What a meta get ended with. */
    public enum GetOutcome {
        /** The sink received the item (found or created) and accepted it. */
        HIT,
        /** No item; the miss was counted. */
        MISS,
        /** The sink refused the item half-way: neither bumped nor counted. */
        ABANDONED
    }

    private static final byte[] NO_KEY = new byte[0];

    private final Cache cache;
    private final Storage storage;
    private final ReentrantLock lock;
    private final Clock clock;
    private final EngineCounters counters;
    private final Delta deltas;
    private final ItemView view;
    private final MetaItem metaItem;

    MetaOperations(Cache cache, Storage storage, EngineCounters counters, Delta deltas) {
        this.cache = cache;
        this.storage = storage;
        this.lock = storage.lock();
        this.clock = storage.clock();
        this.counters = counters;
        this.deltas = deltas;
        this.view = new ItemView(clock);
        this.metaItem = new MetaItem(view);
    }

    /**
     * Meta get ({@code process_mget_command}). Looks the key up, creates an empty item on a miss
     * if asked to ({@link MetaOptions#vivify}), and hands the item to {@code sink}, which applies
     * the request's flags in order and renders the reply. Bumps the item in the LRU before the
     * sink runs, or after it with {@link MetaOptions#bumpAfterReply}, never with
     * {@link MetaOptions#noBump}. Counts a get hit, or a touch hit when the sink applied a new
     * TTL; a miss counts as a get miss even with a TTL.
     */
    public GetOutcome get(byte[] key, MetaOptions options, MetaItemSink sink) {
        int hv = Storage.hash(key, key.length);
        int newExptime = clock.realtime(options.exptime);
        int vivifyExptime = clock.realtime(options.vivifyExptime);
        int recacheExptime = clock.realtime(options.recacheExptime);
        lock.lock();
        try {
            long it = storage.get(key, key.length, hv, false);
            boolean created = false;
            if (it == 0 && options.vivify) {
                it = createEmpty(key, hv);
                created = it != 0;
            }
            if (it == 0) {
                counters.getMisses++;
                counters.getCmds++;
                return GetOutcome.MISS;
            }
            // Counted in the LRU the item was found in, before a bump could move it (as Cache.get).
            int lruBeforeBump = ItemLayout.slabsClsid(it);
            boolean bump = !options.noBump;
            boolean hitBefore = ItemLayout.hasFlag(it, ItemLayout.FETCHED);
            if (bump && !options.bumpAfterReply) {
                storage.bump(it);
            }
            MetaItem item = metaItem.at(it, created, newExptime, vivifyExptime, recacheExptime);
            long copy = 0;
            if (ItemLayout.hasFlag(it, ItemLayout.HDR)) {
                // the value is in external storage: read it back (a miss if it is gone or no memory is free)
                copy = storage.extstore().allocateRead(it);
                if (copy == 0 || !storage.extstore().load(it, hv, copy)) {
                    counters.getMisses++;
                    counters.getCmds++;
                    return GetOutcome.MISS;
                }
                view.valueFrom(copy);
            }
            if (!sink.accept(item)) {
                if (copy != 0) {
                    storage.freeUnlinked(copy);
                }
                return GetOutcome.ABANDONED;
            }
            if (copy != 0) {
                storage.extstore().finish(it, hv, copy, hitBefore);
            }
            if (item.ttlSet()) {
                counters.touchCmds++;
                counters.touchHits[ItemLayout.clsid(it)]++;
            } else {
                counters.lruHits[lruBeforeBump]++;
                counters.getHits[ItemLayout.clsid(it)]++;
                counters.getCmds++;
            }
            if (bump && options.bumpAfterReply) {
                storage.bump(it);
            }
            return GetOutcome.HIT;
        } finally {
            lock.unlock();
        }
    }

    /** An empty, never-expiring item linked under {@code key}; 0 without memory. */
    private long createEmpty(byte[] key, int hv) {
        long it = storage.itemAlloc(key, key.length, 0, 0, 2);
        if (it == 0) {
            return 0;
        }
        long data = ItemLayout.dataAddress(it);
        NativeMemory.putByte(data, (byte) '\r');
        NativeMemory.putByte(data + 1, (byte) '\n');
        storage.link(it, hv);
        return it;
    }

    /**
     * First half of a meta set: {@link Cache#allocate} as {@code process_mset_command} does it.
     * When memory cannot be had, the key's old value is removed whatever the mode. A binary key
     * is marked so it is echoed base64 encoded. Finish with {@link Cache#store(PendingItem, long,
     * boolean)}.
     */
    public PendingItem allocate(StoreMode mode, byte[] key, boolean keyBinary, int clientFlags, int exptime,
            int valueLength) {
        return cache.allocate(mode, key, clientFlags, exptime, valueLength, true, keyBinary);
    }

    /**
     * A pending store that only reads and drops {@code valueLength + 2} bytes: the data block of
     * a meta set that was refused after its length was known.
     */
    public PendingItem refused(int valueLength) {
        return new PendingItem(cache, StoreMode.SET, NO_KEY, 0, 0, PendingItem.Status.REFUSED, valueLength + 2);
    }

    /**
     * Meta delete ({@code process_mdelete_command}): removes the item, or with
     * {@link MetaOptions#invalidate} marks it stale, clears its token, gives it a new CAS unique
     * and, with {@link MetaOptions#newTtl}, a new expiry. With {@link MetaOptions#hasCas} the
     * item's CAS unique must match (0 included). A CAS mismatch counts as a delete miss; an
     * invalidation counts nothing.
     */
    public DeleteResult delete(byte[] key, MetaOptions options) {
        int hv = Storage.hash(key, key.length);
        int newExptime = clock.realtime(options.exptime);
        lock.lock();
        try {
            long it = storage.get(key, key.length, hv, false);
            if (it == 0) {
                counters.deleteMisses++;
                return DeleteResult.NOT_FOUND;
            }
            if (options.hasCas && ItemLayout.cas(it) != options.cas) {
                counters.deleteMisses++;
                return DeleteResult.EXISTS;
            }
            if (options.invalidate) {
                if (options.newTtl) {
                    ItemLayout.exptime(it, newExptime);
                }
                ItemLayout.setFlag(it, ItemLayout.STALE);
                ItemLayout.clearFlag(it, ItemLayout.TOKEN_SENT);
                storage.assignNewCas(it);
                return DeleteResult.DELETED;
            }
            counters.deleteHits[ItemLayout.clsid(it)]++;
            storage.unlink(it, hv);
            return DeleteResult.DELETED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Meta arithmetic ({@code process_marithmetic_command}). Applies the delta (a non-zero
     * {@link MetaOptions#cas} must match); on a miss with {@link MetaOptions#vivify} stores
     * {@link MetaOptions#initial} instead ({@link ArithmeticResult#created()}, no miss counted).
     * When there is an item, {@code sink} receives it to apply the request's TTL flags in order
     * and render the reply, with {@code result} already filled.
     *
     * <p>As in memcached, when the new value is longer than the old one the sink receives the
     * replaced item (same expiry, new CAS unique): a TTL applied then does not reach the stored
     * value.
     */
    public void arithmetic(byte[] key, MetaOptions options, ArithmeticResult result, MetaItemSink sink) {
        int hv = Storage.hash(key, key.length);
        boolean incr = !options.decrement;
        int newExptime = clock.realtime(options.exptime);
        int vivifyExptime = clock.realtime(options.vivifyExptime);
        lock.lock();
        try {
            long it = storage.get(key, key.length, hv, false);
            if (it == 0) {
                if (options.vivify) {
                    long created = createNumber(key, hv, options.initial, result);
                    if (created != 0) {
                        sink.accept(metaItem.at(created, true, newExptime, vivifyExptime, 0));
                    }
                    return;
                }
                if (incr) {
                    counters.incrMisses++;
                } else {
                    counters.decrMisses++;
                }
                result.set(ArithmeticResult.Status.NOT_FOUND, 0, 0);
                return;
            }
            long held = deltas.apply(it, key, hv, incr, options.delta, options.cas, result);
            if (held == 0) {
                return;
            }
            try {
                sink.accept(metaItem.at(held, false, newExptime, vivifyExptime, 0));
            } finally {
                storage.unpin(held);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Links a never-expiring item holding {@code initial}; returns it, or 0 without memory. */
    private long createNumber(byte[] key, int hv, long initial, ArithmeticResult result) {
        byte[] digits = Long.toUnsignedString(initial).getBytes(StandardCharsets.US_ASCII);
        long it = storage.itemAlloc(key, key.length, 0, 0, digits.length + 2);
        if (it == 0) {
            result.set(ArithmeticResult.Status.NOT_STORED, 0, 0);
            return 0;
        }
        long data = ItemLayout.dataAddress(it);
        NativeMemory.copyFromArray(digits, 0, data, digits.length);
        NativeMemory.putByte(data + digits.length, (byte) '\r');
        NativeMemory.putByte(data + digits.length + 1, (byte) '\n');
        storage.link(it, hv);
        result.set(ArithmeticResult.Status.OK, initial, ItemLayout.cas(it));
        result.created = true;
        return it;
    }

    /**
     * Meta debug ({@code me}): passes the live item to {@code sink} without bumping or counting;
     * returns false on a miss.
     */
    public boolean peek(byte[] key, ItemSink sink) {
        int hv = Storage.hash(key, key.length);
        lock.lock();
        try {
            long it = storage.get(key, key.length, hv, false);
            if (it == 0) {
                return false;
            }
            sink.accept(view.at(it));
            return true;
        } finally {
            lock.unlock();
        }
    }
}
