package net.spy.memcached.compat;

import net.spy.memcached.compat.log.Logger;
import net.spy.memcached.compat.log.LoggerFactory;

/** A thread with a {@link Logger} named after its class. */
public class SpyThread extends Thread {

    private transient volatile Logger logger;

    /** An unnamed thread. */
    public SpyThread() {
    }

    /** A thread called {@code name}. */
    public SpyThread(String name) {
        super(name);
    }

    /** The logger of this thread's class. */
    protected Logger getLogger() {
        Logger l = logger;
        if (l == null) {
            l = LoggerFactory.getLogger(getClass());
            logger = l;
        }
        return l;
    }
}
