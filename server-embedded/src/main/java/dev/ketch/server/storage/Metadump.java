package dev.ketch.server.storage;

import dev.ketch.server.logging.Verbose;

/**
 * {@code lru_crawler metadump}: describes every live item to one client ({@link MetadumpLines}),
 * walking either LRUs with the {@link LruCrawler} or the whole hash table, then ends with
 * {@code END\r\n}. It runs on a thread of its own, as memcached's crawler thread does: the storage
 * lock is held only while a buffer of lines is filled, and sending waits for the client to read.
 */
final class Metadump implements Runnable {

    private static final byte[] END = {'E', 'N', 'D', '\r', '\n'};
    /** memcached's crawler client buffer. */
    private static final int BUFFER = 128 * 1024;

    private final Storage storage;
    private final LruCrawler crawler;
    private final boolean hash;
    private final MetadumpOutput output;
    private volatile boolean cancelled;

    /** @param hash walk the hash table (the crawl is then not started in {@code crawler}) */
    Metadump(Storage storage, LruCrawler crawler, boolean hash, MetadumpOutput output) {
        this.storage = storage;
        this.crawler = crawler;
        this.hash = hash;
        this.output = output;
    }

    /** Stops the dump at its next step (the server is closing). */
    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        MetadumpLines lines = new MetadumpLines(storage, BUFFER);
        try {
            boolean sent = hash ? walkHash(lines) : crawlLrus(lines);
            if (sent && !cancelled) {
                output.send(END, END.length);
            }
        } finally {
            output.done();
            if (storage.log.verbose().at(Verbose.INTERNALS)) {
                storage.log.verbose().line("LRU crawler thread sleeping");
            }
        }
    }

    private boolean crawlLrus(MetadumpLines lines) {
        boolean more = true;
        try {
            while (more && !cancelled) {
                storage.lock().lock();
                try {
                    more = crawler.stepDump(lines);
                } finally {
                    storage.lock().unlock();
                }
                if (!flush(lines)) {
                    return false;
                }
            }
            return true;
        } finally {
            if (more) {
                // stopped early: this dump's crawl is still the running one
                storage.lock().lock();
                try {
                    crawler.stopAll();
                } finally {
                    storage.lock().unlock();
                }
            }
        }
    }

    private boolean walkHash(MetadumpLines lines) {
        storage.lock().lock();
        try {
            storage.index.beginWalk();
        } finally {
            storage.lock().unlock();
        }
        try {
            int bucket = 0;
            int buckets = Integer.MAX_VALUE;
            while (bucket < buckets && !cancelled) {
                storage.lock().lock();
                try {
                    buckets = storage.index.buckets();
                    for (; bucket < buckets && lines.hasRoom(); bucket++) {
                        for (long it = storage.index.bucketHead(bucket); it != 0; it = ItemLayout.hNext(it)) {
                            lines.add(it);
                        }
                    }
                } finally {
                    storage.lock().unlock();
                }
                if (!flush(lines)) {
                    return false;
                }
            }
            return true;
        } finally {
            storage.lock().lock();
            try {
                storage.index.endWalk();
                crawler.hashWalkDone();
            } finally {
                storage.lock().unlock();
            }
        }
    }

    private boolean flush(MetadumpLines lines) {
        if (lines.length() == 0) {
            return true;
        }
        boolean sent = output.send(lines.bytes(), lines.length());
        lines.clear();
        return sent;
    }
}
