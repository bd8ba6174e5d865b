package net.spy.memcached.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads named {@code <name>-<n>}, daemons or not. */
public class BasicThreadFactory implements ThreadFactory {

    private final AtomicInteger threadNumber = new AtomicInteger(1);
    private final String namePrefix;
    private final boolean daemon;

    /** Threads called {@code name-1}, {@code name-2}..., daemon threads if {@code daemon}. */
    public BasicThreadFactory(String name, boolean daemon) {
        this.namePrefix = name + "-";
        this.daemon = daemon;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, namePrefix + threadNumber.getAndIncrement());
        t.setDaemon(daemon);
        return t;
    }
}
