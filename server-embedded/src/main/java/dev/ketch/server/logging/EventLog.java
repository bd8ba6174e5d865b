package dev.ketch.server.logging;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * memcached's logger ({@code logger.c}) as {@code watch} sees it: events of the engine and of the
 * connections, rendered as memcached renders them ({@code ts=<secs>.<usecs> gid=<n> type=...}) and
 * written to every watcher whose event classes include them.
 *
 * <p>Nothing is rendered while nobody watches: callers test {@link #wants(int)} (one volatile
 * read) before describing an event. Events are rendered on the thread that causes them and
 * offered to the watchers' buffers at once; a watcher whose client does not keep up skips lines
 * and is told how many ({@code skipped=N}), as memcached does.
 *
 * <p>The item events carry the id of the connection being served ({@code cfd}): a protocol handler
 * names it with {@link #serving(int)} before running a command (only needed while
 * {@link #active()}).
 */
public final class EventLog {

    /** {@code sysevents}: the LRU crawler's scheduling, slab page moves. */
    public static final int SYSEVENTS = 1 << 1;
    /** {@code fetchers}: every item lookup ({@code item_get}). */
    public static final int FETCHERS = 1 << 2;
    /** {@code mutations}: every store ({@code item_store}). */
    public static final int MUTATIONS = 1 << 3;
    /** {@code connevents}: connections opened and closed. */
    public static final int CONNEVENTS = 1 << 5;
    /** {@code evictions}: items evicted. */
    public static final int EVICTIONS = 1 << 6;
    /** {@code rawcmds}: accepted by {@code watch}; memcached 1.6.18 logs nothing under it. */
    public static final int RAWCMDS = 1 << 9;
    /** {@code proxyreqs}, {@code proxyevents}, {@code proxyuser}: accepted, nothing logged (no proxy). */
    public static final int PROXYREQS = 1 << 10;
    public static final int PROXYEVENTS = 1 << 11;
    public static final int PROXYUSER = 1 << 12;

    /** memcached's {@code WATCHER_LIMIT}. */
    public static final int WATCHER_LIMIT = 20;

    /** {@code item_get} statuses. */
    public static final int NOT_FOUND = 0;
    public static final int FOUND = 1;
    public static final int FLUSHED = 2;
    public static final int EXPIRED = 3;

    /** {@code item_store} statuses, memcached's {@code store_item_type}. */
    public static final int NOT_STORED = 0;
    public static final int STORED = 1;
    public static final int EXISTS = 2;
    public static final int STORE_NOT_FOUND = 3;
    public static final int TOO_LARGE = 4;
    public static final int NO_MEMORY = 5;

    /** Why a connection closed, memcached's {@code close_reasons}. */
    public enum CloseReason {
        ERROR("error"), NORMAL("normal"), IDLE_TIMEOUT("idle_timeout"), SHUTDOWN("shutdown");

        private final String text;

        CloseReason(String text) {
            this.text = text;
        }
    }

    private static final String[] GET_STATUS = {"not_found", "found", "flushed", "expired"};
    private static final String[] STORE_STATUS = {"not_stored", "stored", "exists", "not_found", "too_large", "no_memory"};
    private static final String[] STORE_COMMAND = {"null", "add", "set", "replace", "append", "prepend", "cas"};

    private static final ThreadLocal<Context> CONTEXT = ThreadLocal.withInitial(Context::new);

    /** Per thread: the connection being served and a line to render into. */
    private static final class Context {
        int connection;
        long gid;
        final AsciiBuilder line = new AsciiBuilder(512);
    }

    /** Not a watcher class: set while {@code -vvv} traces every lookup. */
    private static final int TRACE_LOOKUPS = 1 << 30;

    private final int watcherBufferSize;
    private final Verbose verbose;
    private int watcherFlags;
    /** Replaced, never changed in place: events read it without locking. */
    private volatile Watcher[] watchers = new Watcher[WATCHER_LIMIT];
    private int watcherCount;
    private volatile int flags;
    private final AtomicLong gid = new AtomicLong();
    private final LongAdder written = new LongAdder();
    private final LongAdder watcherSkipped = new LongAdder();
    private final LongAdder watcherSent = new LongAdder();

    /**
     * @param watcherBufferSize bytes buffered per watcher ({@code watcher_logbuf_size})
     * @param verbose the {@code -v} output, which also reports events
     */
    public EventLog(int watcherBufferSize, Verbose verbose) {
        this.watcherBufferSize = watcherBufferSize;
        this.verbose = verbose;
        verbosityChanged();
    }

    /** The event id counter for a restart file, taken as memcached's {@code logger_get_gid()} takes it: used up. */
    public long takeGidForSave() {
        return gid.incrementAndGet();
    }

    /** A restart continues the event ids of the previous run ({@code logger_set_gid} adds). */
    public void continueGids(long saved) {
        gid.addAndGet(saved);
    }

    /** The {@code -v} output. */
    public Verbose verbose() {
        return verbose;
    }

    /** The verbosity was changed ({@code verbosity} command): lookups are traced from {@code -vvv} on. */
    public synchronized void verbosityChanged() {
        updateFlags();
    }

    /** True when item lookups are to be reported ({@link #lookup}): watched, or traced at {@code -vvv}. */
    public boolean reportsLookups() {
        return (flags & (FETCHERS | TRACE_LOOKUPS)) != 0;
    }

    /**
     * An item lookup by the connection being served (memcached's {@code do_item_get}): a
     * {@code fetchers} event, and at {@code -vvv} {@code > FOUND KEY <key>} or
     * {@code > NOT FOUND <key>} (with {@code -nuked by flush} or {@code -nuked by expire} when the
     * item found was dead).
     */
    public void lookup(int status, byte[] key, int nkey, int nbytes, int clsid) {
        int f = flags;
        if ((f & TRACE_LOOKUPS) != 0) {
            String k = new String(key, 0, nkey, java.nio.charset.StandardCharsets.ISO_8859_1);
            verbose.line(switch (status) {
                case NOT_FOUND -> "> NOT FOUND " + k;
                case FLUSHED -> "> FOUND KEY " + k + " -nuked by flush";
                case EXPIRED -> "> FOUND KEY " + k + " -nuked by expire";
                default -> "> FOUND KEY " + k;
            });
        }
        if ((f & FETCHERS) != 0) {
            itemGet(status, key, nkey, nbytes, clsid);
        }
    }

    /** True when some watcher wants events of class {@code flag}. */
    public boolean wants(int flag) {
        return (flags & flag) != 0;
    }

    /** True while anybody watches. */
    public boolean active() {
        return watcherFlags != 0;
    }

    /** The calling thread now serves connection {@code id} (the {@code cfd} of item events). */
    public static void serving(int id) {
        CONTEXT.get().connection = id;
    }

    // ------------------------------------------------------------------ watchers

    /** Outcome of {@link #addWatcher}, memcached's {@code logger_add_watcher_ret}. */
    public enum AddResult { OK, TOO_MANY, FAILED }

    /**
     * Adds a watcher of the event classes {@code watchFlags} writing to {@code output}; on
     * {@link AddResult#OK} it is sent {@code OK} first and removed when its connection closes.
     */
    public AddResult addWatcher(WatcherOutput output, int watchFlags) {
        Watcher w;
        synchronized (this) {
            if (watcherCount >= WATCHER_LIMIT) {
                return AddResult.TOO_MANY;
            }
            Watcher[] next = watchers.clone();
            int slot = 0;
            while (next[slot] != null) {
                slot++;
            }
            w = new Watcher(slot, watchFlags, gid.incrementAndGet(), watcherBufferSize, output);
            next[slot] = w;
            watchers = next;
            watcherCount++;
            updateFlags();
        }
        w.sendOk();
        output.onClose(() -> remove(w));
        return AddResult.OK;
    }

    private synchronized void remove(Watcher w) {
        if (watchers[w.slot] == w) {
            Watcher[] next = watchers.clone();
            next[w.slot] = null;
            watchers = next;
            watcherCount--;
            updateFlags();
        }
    }

    private void updateFlags() {
        int f = 0;
        for (Watcher w : watchers) {
            if (w != null) {
                f |= w.flags;
            }
        }
        watcherFlags = f;
        flags = f | (verbose.at(Verbose.INTERNALS) ? TRACE_LOOKUPS : 0);
    }

    /** {@code log_watchers}. */
    public synchronized int watcherCount() {
        return watcherCount;
    }

    /** {@code log_worker_written}: events rendered. */
    public long written() {
        return written.sum();
    }

    /** {@code log_watcher_skipped}. */
    public long watcherSkipped() {
        return watcherSkipped.sum();
    }

    /** {@code log_watcher_sent}. */
    public long watcherSent() {
        return watcherSent.sum();
    }

    // ------------------------------------------------------------------ events

    /**
     * {@code type=item_get}: a lookup of {@code key[0, nkey)} by the connection being served.
     *
     * @param status {@link #NOT_FOUND}, {@link #FOUND}, {@link #FLUSHED} or {@link #EXPIRED}
     * @param nbytes the item's stored length (value and CRLF), 0 when not found
     */
    public void itemGet(int status, byte[] key, int nkey, int nbytes, int clsid) {
        Context cx = CONTEXT.get();
        AsciiBuilder b = begin(cx);
        b.append(" type=item_get key=").appendUriEncoded(key, 0, nkey)
                .append(" status=").append(GET_STATUS[status])
                .append(" clsid=").append(clsid)
                .append(" cfd=").append(cx.connection)
                .append(" size=").append(nbytes > 0 ? nbytes - 2 : 0).append('\n');
        publish(FETCHERS, b);
    }

    /**
     * {@code type=item_store}: the outcome of a store by the connection being served.
     *
     * @param status memcached's {@code store_item_type} ({@link #STORED}, ...)
     * @param command 1 add, 2 set, 3 replace, 4 append, 5 prepend, 6 cas (0: not known)
     * @param ttl seconds left to live, 0 for none (printed unsigned, as memcached prints it)
     */
    public void itemStore(int status, int command, byte[] key, int nkey, int nbytes, int ttl, int clsid) {
        Context cx = CONTEXT.get();
        AsciiBuilder b = begin(cx);
        b.append(" type=item_store key=").appendUriEncoded(key, 0, nkey)
                .append(" status=").append(STORE_STATUS[status])
                .append(" cmd=").append(command >= 0 && command <= 6 ? STORE_COMMAND[command] : "na")
                .append(" ttl=").appendUnsigned(Integer.toUnsignedLong(ttl))
                .append(" clsid=").append(clsid)
                .append(" cfd=").append(cx.connection)
                .append(" size=").append(nbytes > 0 ? nbytes - 2 : 0).append('\n');
        publish(MUTATIONS, b);
    }

    /**
     * {@code type=eviction}: an item was evicted.
     *
     * @param keyAddress where the key is in item memory
     * @param ttl seconds it had left, -1 for none
     * @param lastAccess seconds since it was last accessed
     */
    public void eviction(long keyAddress, int nkey, boolean fetched, long ttl, int lastAccess, int clsid, int nbytes) {
        AsciiBuilder b = begin(CONTEXT.get());
        b.append(" type=eviction key=").appendUriEncoded(keyAddress, nkey)
                .append(" fetch=").append(fetched ? "yes" : "no")
                .append(" ttl=").append(ttl)
                .append(" la=").append(lastAccess)
                .append(" clsid=").append(clsid)
                .append(" size=").append(nbytes > 0 ? nbytes - 2 : 0).append('\n');
        publish(EVICTIONS, b);
    }

    /**
     * {@code type=conn_new}: a client connected.
     *
     * @param rip its address as {@code inet_ntop} writes it, {@code unix} for a unix socket client
     * @param rport its port, 0 for a unix socket client
     * @param transport {@code tcp}, {@code udp} or {@code local}
     */
    public void connectionOpened(String rip, int rport, String transport, int id) {
        AsciiBuilder b = begin(CONTEXT.get());
        b.append(" type=conn_new rip=").append(rip).append(" rport=").append(rport)
                .append(" transport=").append(transport).append(" cfd=").append(id).append('\n');
        publish(CONNEVENTS, b);
    }

    /** {@code type=conn_close}: a client connection closed; see {@link #connectionOpened}. */
    public void connectionClosed(String rip, int rport, String transport, CloseReason reason, int id) {
        AsciiBuilder b = begin(CONTEXT.get());
        b.append(" type=conn_close rip=").append(rip).append(" rport=").append(rport)
                .append(" transport=").append(transport).append(" reason=").append(reason.text)
                .append(" cfd=").append(id).append('\n');
        publish(CONNEVENTS, b);
    }

    /** {@code type=slab_move}: the automover moved a page from class {@code src} to {@code dst}. */
    public void slabMove(int src, int dst) {
        AsciiBuilder b = begin(CONTEXT.get());
        b.append(" type=slab_move src=").append(src).append(" dst=").append(dst).append('\n');
        publish(SYSEVENTS, b);
    }

    /** {@code type=lru_crawler}: the maintainer scheduled the next automatic crawl of one LRU. */
    public void crawlerStatus(int clsid, String lru, long lowMark, long nextReclaims, int sinceRun, int nextRun,
            int elapsed, long examined, long reclaimed) {
        AsciiBuilder b = begin(CONTEXT.get());
        b.append(" type=lru_crawler crawler=").append(clsid).append(" lru=").append(lru)
                .append(" low_mark=").appendUnsigned(lowMark)
                .append(" next_reclaims=").appendUnsigned(nextReclaims)
                .append(" since_run=").appendUnsigned(Integer.toUnsignedLong(sinceRun))
                .append(" next_run=").append(nextRun)
                .append(" elapsed=").appendUnsigned(Integer.toUnsignedLong(elapsed))
                .append(" examined=").appendUnsigned(examined)
                .append(" reclaimed=").appendUnsigned(reclaimed).append('\n');
        publish(SYSEVENTS, b);
    }

    private AsciiBuilder begin(Context cx) {
        AsciiBuilder b = cx.line;
        b.clear();
        Instant now = Instant.now();
        long id = gid.incrementAndGet();
        b.append("ts=").append(now.getEpochSecond()).append('.').append(now.getNano() / 1000)
                .append(" gid=").appendUnsigned(id);
        cx.gid = id;
        return b;
    }

    private void publish(int eventFlag, AsciiBuilder line) {
        written.increment();
        long id = CONTEXT.get().gid;
        for (Watcher w : watchers) {
            if (w == null || (w.flags & eventFlag) == 0 || id < w.minGid) {
                continue;
            }
            if (w.offer(line.bytes(), line.length())) {
                watcherSent.increment();
            } else {
                watcherSkipped.increment();
            }
        }
    }
}
