package net.spy.memcached.compat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;

/**
 * A thread that waits at a barrier with the others of its group, then calls its {@link Callable}
 * once: a tool for testing what concurrent callers see.
 *
 * @param <T> the callable's result
 */
public class SyncThread<T> extends SpyThread {

    private final CyclicBarrier barrier;
    private final Callable<T> callable;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile T result;
    private volatile Throwable failure;

    /** A started daemon thread that calls {@code callable} once every thread of {@code barrier} is there. */
    public SyncThread(CyclicBarrier barrier, Callable<T> callable) {
        super("SyncThread");
        setDaemon(true);
        this.barrier = barrier;
        this.callable = callable;
        start();
    }

    @Override
    public void run() {
        try {
            barrier.await();
            result = callable.call();
        } catch (Throwable t) {
            failure = t;
        } finally {
            done.countDown();
        }
    }

    /** Waits for the call; its result, or what it threw. */
    public T getResult() throws Throwable {
        done.await();
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** Runs {@code callable} in {@code num} threads at once and waits for all of them. */
    public static <T> Collection<SyncThread<T>> getCompletedThreads(int num, Callable<T> callable)
            throws InterruptedException {
        CyclicBarrier barrier = new CyclicBarrier(num);
        Collection<SyncThread<T>> threads = new ArrayList<>(num);
        for (int i = 0; i < num; i++) {
            threads.add(new SyncThread<>(barrier, callable));
        }
        for (SyncThread<T> t : threads) {
            t.join();
        }
        return threads;
    }

    /**
     * How many distinct results (by identity) {@code num} concurrent calls of {@code callable} gave.
     *
     * @throws Throwable what a call threw
     */
    public static <T> int getDistinctResultCount(int num, Callable<T> callable) throws Throwable {
        IdentityHashMap<T, Boolean> distinct = new IdentityHashMap<>();
        for (SyncThread<T> t : getCompletedThreads(num, callable)) {
            distinct.put(t.getResult(), Boolean.TRUE);
        }
        return distinct.size();
    }
}
