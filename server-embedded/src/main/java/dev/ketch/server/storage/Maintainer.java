package dev.ketch.server.storage;

import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.logging.Verbose;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage's background thread: ticks the clock once a second, juggles the segmented LRUs ({@code lru_maintainer_thread}) and runs the LRU crawler. Each piece of work
 * takes the storage lock briefly; classes with nothing to do back off to one pass per second, as in
 * memcached.
 */
public final class Maintainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Maintainer.class);
    private static final long MIN_SLEEP_US = 1_000;
    private static final long MAX_SLEEP_US = 1_000_000;
    private static final int CRAWL_BUDGET = 1_000;

    private final Storage storage;
    private final ServerSettings settings;
    private final ReentrantLock lock;
    private final LruCrawler crawler;
    private final Thread thread;
    private final long[] nextJuggle = new long[SlabAllocator.MAX_NUMBER_OF_SLAB_CLASSES];
    private final long[] backoff = new long[SlabAllocator.MAX_NUMBER_OF_SLAB_CLASSES];
    private volatile boolean running = true;
    /** Metadumps under way and their threads. */
    private final java.util.Map<Metadump, Thread> dumps = new java.util.HashMap<>();
    private volatile boolean crawlRequested;
    private long juggles;
    private int lastCrawlerCheck;
    private int lastAutomoveCheck;
    private SlabAutomover automover;

    public Maintainer(Storage storage) {
        this.storage = storage;
        this.settings = storage.settings;
        this.lock = storage.lock();
        this.crawler = new LruCrawler(storage);
        this.thread = new Thread(this::run, "ketch-lru-maintainer");
        this.thread.setDaemon(true);
    }

    public void start() {
        Verbose verbose = storage.log.verbose();
        if (settings.lruCrawler && verbose.at(Verbose.INTERNALS)) {
            verbose.line("Starting LRU crawler background thread");
        }
        if (settings.lruMaintainerThread && verbose.at(Verbose.INTERNALS)) {
            verbose.line("Starting LRU maintainer background thread");
        }
        thread.start();
        if (settings.slabReassign) {
            storage.mover.start();
        }
    }

    /** {@code lru_maintainer_juggles}: passes of the maintainer loop. */
    public long juggles() {
        return juggles;
    }

    /** {@code lru_crawler_running} (lock held). */
    public boolean crawlerRunning() {
        return crawler.running();
    }

    /** {@code lru_crawler_starts} (lock held). */
    public long crawlerStarts() {
        return crawler.starts();
    }

    /** Outcome of {@link #crawl}, named after memcached's replies. */
    public enum CrawlResult { OK, BUSY, BADCLASS, NOTSTARTED }

    /**
     * {@code lru_crawler crawl <ids|all>}: reclaims expired items of the given classes now
     * (every LRU of each class). {@code classes} is {@code "all"} or comma separated class ids.
     */
    public CrawlResult crawl(String classes) {
        boolean[] todo = lruIds(classes);
        if (todo == null) {
            return CrawlResult.BADCLASS;
        }
        lock.lock();
        try {
            if (crawler.running()) {
                return CrawlResult.BUSY;
            }
            crawler.start(todo, settings.lruCrawlerTocrawl, LruCrawler.Mode.EXPIRE);
        } finally {
            lock.unlock();
        }
        crawlRequested = true;
        LockSupport.unpark(thread);
        return CrawlResult.OK;
    }

    /**
     * {@code lru_crawler metadump <ids|all|hash>}: starts describing every live item of the given
     * classes (or of the whole hash table) to {@code output}, on a thread of its own. On
     * {@link CrawlResult#OK} the output is used and {@link MetadumpOutput#done()} is called once
     * the dump has ended; otherwise it is not touched.
     */
    public CrawlResult metadump(String classes, MetadumpOutput output) {
        boolean hash = "hash".equals(classes);
        boolean[] todo = hash ? null : lruIds(classes);
        if (!hash && todo == null) {
            return CrawlResult.BADCLASS;
        }
        Metadump dump = new Metadump(storage, crawler, hash, output);
        lock.lock();
        try {
            if (!running || crawler.running()) {
                return CrawlResult.BUSY;
            }
            if (hash) {
                crawler.startHashWalk();
            } else {
                crawler.start(todo, LruCrawler.CAP_REMAINING, LruCrawler.Mode.METADUMP);
            }
            Thread t = new Thread(() -> {
                try {
                    dump.run();
                } finally {
                    synchronized (dumps) {
                        dumps.remove(dump);
                    }
                }
            }, "ketch-lru-crawler");
            t.setDaemon(true);
            synchronized (dumps) {
                dumps.put(dump, t);
            }
            t.start();
        } finally {
            lock.unlock();
        }
        return CrawlResult.OK;
    }

    /** memcached's crawler thread going back to sleep after a crawl ({@code -vvv}). */
    void crawlerSleeping() {
        if (storage.log.verbose().at(Verbose.INTERNALS)) {
            storage.log.verbose().line("LRU crawler thread sleeping");
        }
    }

    /** Every LRU of the classes named ({@code "all"} or comma separated ids), or null if one is invalid. */
    private static boolean[] lruIds(String classes) {
        boolean[] todo = new boolean[LruQueues.LRU_IDS];
        if ("all".equals(classes)) {
            for (int cls = SlabAllocator.POWER_SMALLEST; cls < SlabAllocator.MAX_NUMBER_OF_SLAB_CLASSES; cls++) {
                markClass(todo, cls);
            }
            return todo;
        }
        for (String part : classes.split(",", -1)) {
            int cls;
            try {
                cls = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                return null;
            }
            if (cls < SlabAllocator.POWER_SMALLEST || cls >= SlabAllocator.MAX_NUMBER_OF_SLAB_CLASSES) {
                return null;
            }
            markClass(todo, cls);
        }
        return todo;
    }

    private static void markClass(boolean[] todo, int cls) {
        todo[cls | ItemLayout.HOT_LRU] = true;
        todo[cls | ItemLayout.WARM_LRU] = true;
        todo[cls | ItemLayout.COLD_LRU] = true;
        todo[cls | ItemLayout.TEMP_LRU] = true;
    }

    private void run() {
        long lastTick = System.nanoTime();
        long sleepUs = MIN_SLEEP_US;
        while (running) {
            if (sleepUs > 0) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(sleepUs));
            }
            if (!running) {
                break;
            }
            long now = System.nanoTime();
            if (now - lastTick >= TimeUnit.SECONDS.toNanos(1)) {
                storage.clock.tick();
                lastTick = now;
            }
            try {
                sleepUs = pass(Math.max(sleepUs, MIN_SLEEP_US));
            } catch (RuntimeException e) {
                LOG.error("LRU maintainer pass failed", e);
                sleepUs = MAX_SLEEP_US;
            }
            long untilTick = TimeUnit.NANOSECONDS.toMicros(TimeUnit.SECONDS.toNanos(1) - (System.nanoTime() - lastTick));
            sleepUs = Math.max(0, Math.min(sleepUs, untilTick));
        }
    }

    /** One maintainer pass; returns how long to sleep before the next, in microseconds. */
    private long pass(long lastSleepUs) {
        long toSleep = MAX_SLEEP_US;
        if (settings.lruMaintainerThread) {
            juggles++;
            int largest = storage.slabs.largestClass();
            for (int cls = SlabAllocator.POWER_SMALLEST; cls <= largest; cls++) {
                nextJuggle[cls] = nextJuggle[cls] > lastSleepUs ? nextJuggle[cls] - lastSleepUs : 0;
                if (nextJuggle[cls] > 0) {
                    toSleep = Math.min(toSleep, nextJuggle[cls]);
                    continue;
                }
                int moves;
                lock.lock();
                try {
                    moves = storage.juggle(cls);
                } finally {
                    lock.unlock();
                }
                if (moves == 0) {
                    backoff[cls] = backoff[cls] != 0 ? backoff[cls] + backoff[cls] / 8 : MIN_SLEEP_US;
                    backoff[cls] = Math.min(backoff[cls], MAX_SLEEP_US);
                } else if (backoff[cls] > 0) {
                    backoff[cls] /= 2;
                    if (backoff[cls] < MIN_SLEEP_US) {
                        backoff[cls] = 0;
                    }
                }
                nextJuggle[cls] = backoff[cls];
                toSleep = Math.min(toSleep, nextJuggle[cls]);
            }
        }
        lock.lock();
        try {
            int now = storage.clock.now();
            if (settings.lruCrawler && settings.lruMaintainerThread && lastCrawlerCheck != now) {
                crawler.scheduleAutomatic();
                lastCrawlerCheck = now;
            }
            if (crawler.running() && crawler.mode() != LruCrawler.Mode.METADUMP) {
                if (crawler.step(CRAWL_BUDGET)) {
                    toSleep = settings.lruCrawlerSleep > 0 ? Math.min(toSleep, settings.lruCrawlerSleep) : 0;
                } else {
                    crawlerSleeping();
                }
            }
        } finally {
            lock.unlock();
        }
        if (crawlRequested) {
            crawlRequested = false;
            toSleep = 0;
        }
        if (settings.lruMaintainerThread && settings.slabAutomove == 1) {
            toSleep = Math.min(toSleep, automove());
        }
        return toSleep;
    }

    /**
     * Once a second, lets the automover decide on a page move and starts it. A page going back to
     * the global pool is followed by the next decision right away (memcached is eager to reclaim).
     * Returns how long to sleep at most, in microseconds.
     */
    private long automove() {
        SlabAutomover.Move move;
        int now;
        lock.lock();
        try {
            now = storage.clock.now();
            if (lastAutomoveCheck == now) {
                return MAX_SLEEP_US;
            }
            if (automover == null || automover.ratio != settings.slabAutomoveRatio) {
                automover = new SlabAutomover(storage, settings.slabAutomoveWindow, settings.slabAutomoveRatio);
            }
            move = automover.run();
        } finally {
            lock.unlock();
        }
        if (move != null) {
            storage.mover.reassign(move.src(), move.dst());
            if (storage.log.wants(EventLog.SYSEVENTS)) {
                storage.log.slabMove(move.src(), move.dst());
            }
        }
        if (move != null && move.dst() == 0) {
            return MIN_SLEEP_US;
        }
        lastAutomoveCheck = now;
        return MAX_SLEEP_US;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
        } finally {
            lock.unlock();
        }
        stopDumps();
        storage.mover.close();
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            crawler.stopAll();
            crawler.close();
        } finally {
            lock.unlock();
        }
    }

    /** Cancels every metadump and waits for its thread: item memory is about to be freed. */
    private void stopDumps() {
        java.util.List<Thread> threads;
        synchronized (dumps) {
            dumps.keySet().forEach(Metadump::cancel);
            threads = new java.util.ArrayList<>(dumps.values());
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

}
