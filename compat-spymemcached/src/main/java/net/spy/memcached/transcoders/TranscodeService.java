package net.spy.memcached.transcoders;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.spy.memcached.CachedData;
import net.spy.memcached.compat.SpyObject;
import net.spy.memcached.internal.BasicThreadFactory;

/**
 * Decodes values off the caller's thread when their transcoder asks for it ({@link
 * Transcoder#asyncDecode}): on up to 10 threads, queueing 100 decodings and dropping the rest; a
 * decoding that was not started runs in the thread that asks the future for its value.
 */
public class TranscodeService extends SpyObject {

    private final ThreadPoolExecutor pool;

    /** A service whose threads are daemons if {@code daemon}. */
    public TranscodeService(boolean daemon) {
        pool = new ThreadPoolExecutor(1, 10, 60L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(100),
                new BasicThreadFactory("transcoder", daemon), new ThreadPoolExecutor.DiscardPolicy());
    }

    /** The decoding of {@code cachedData} by {@code tc}, started now if {@code tc} decodes asynchronously. */
    public <T> Future<T> decode(Transcoder<T> tc, CachedData cachedData) {
        Task<T> task = new Task<>(tc, cachedData);
        if (tc.asyncDecode(cachedData)) {
            pool.execute(task);
        }
        return task;
    }

    /** Stops the threads. */
    public void shutdown() {
        pool.shutdown();
    }

    /** True once {@link #shutdown()} was called. */
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    /** A decoding that runs once, in the pool or in the first thread that asks for its value. */
    private static final class Task<T> extends FutureTask<T> {

        private final AtomicBoolean started = new AtomicBoolean();

        Task(Transcoder<T> tc, CachedData data) {
            super(() -> tc.decode(data));
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            run();
            return super.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            run();
            return super.get(timeout, unit);
        }

        @Override
        public void run() {
            if (started.compareAndSet(false, true)) {
                super.run();
            }
        }
    }
}
