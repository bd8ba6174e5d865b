package dev.ketch.server.protocol;

/**
 * memcached's per-worker-thread connection memory ({@code rbuf_cache}): 16 KiB buffers that serve
 * as read buffers (one per connection while it has unprocessed input) and as bundles of 13
 * response objects (one object per command, or per key of a multi-get, until it is transmitted).
 * {@code -o read_buf_mem_limit} caps the buffers of all workers together; each worker gets its
 * share. A connection that cannot get a read buffer is closed ({@code read_buf_oom}); a command
 * that cannot get a response object fails ({@code response_obj_oom}): a multi-get answers
 * {@code SERVER_ERROR out of memory writing get response}, anything else closes the connection.
 *
 * <p>Ketch keeps replies in one buffer per connection; this class only counts what memcached's
 * buffers would hold, to fail where memcached fails and to report memcached's statistics. Used by
 * one event loop thread; statistics are read from others without locking (they are approximate
 * while connections are busy, as memcached's per-thread counters are).
 */
public final class ConnectionMemory {

    /** memcached's {@code READ_BUFFER_SIZE}. */
    public static final int BUFFER_SIZE = 16384;
    /** memcached's {@code MAX_RESP_PER_BUNDLE} on 64-bit Linux: (16384 - 24) / 1184. */
    public static final int RESPONSES_PER_BUNDLE = 13;

    /** Buffers this worker may hold, 0 for no limit. */
    private final int limit;
    /** Buffers allocated: in use or cached for reuse (memcached never hands them back). */
    private int total;
    private int free;
    private int bundles;
    private int responses;
    private long responseOom;
    private long readOom;

    /** @param limit the buffers this worker may hold, 0 for no limit */
    public ConnectionMemory(int limit) {
        this.limit = limit;
    }

    /** The share of {@code read_buf_mem_limit} (bytes, 0 = none) of one of {@code workers} threads, in buffers. */
    public static int buffersPerWorker(long limitBytes, int workers) {
        if (limitBytes == 0) {
            return 0;
        }
        long share = limitBytes / workers;
        return share < BUFFER_SIZE ? 1 : (int) Math.min(Integer.MAX_VALUE, share / BUFFER_SIZE);
    }

    private boolean takeBuffer() {
        if (free > 0) {
            free--;
            return true;
        }
        if (limit == 0 || total < limit) {
            total++;
            return true;
        }
        return false;
    }

    /** A connection starts reading; false (and counted) when no buffer is left. */
    public boolean takeReadBuffer() {
        if (takeBuffer()) {
            return true;
        }
        readOom++;
        return false;
    }

    /** A connection has consumed all its input and waits for the next command. */
    public void releaseReadBuffer() {
        free++;
    }

    /** A command (or a further key of a multi-get) needs a response object; false when none is left. */
    public boolean startResponse() {
        if (responses == bundles * RESPONSES_PER_BUNDLE) {
            if (!takeBuffer()) {
                responseOom++;
                return false;
            }
            bundles++;
        }
        responses++;
        return true;
    }

    /** {@code n} response objects were transmitted or dropped. The last bundle is kept for reuse, as memcached does. */
    public void finishResponses(int n) {
        responses -= n;
        while (bundles > 1 && (bundles - 1) * RESPONSES_PER_BUNDLE >= responses) {
            bundles--;
            free++;
        }
    }

    // statistics

    long responseOom() {
        return responseOom;
    }

    long readOom() {
        return readOom;
    }

    int responses() {
        return responses;
    }

    int bundles() {
        return bundles;
    }

    int total() {
        return total;
    }

    int free() {
        return free;
    }
}
