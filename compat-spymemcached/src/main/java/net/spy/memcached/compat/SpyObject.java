package net.spy.memcached.compat;

import net.spy.memcached.compat.log.Logger;
import net.spy.memcached.compat.log.LoggerFactory;

/** A base class that gives its subclasses a {@link Logger} named after their class. */
public class SpyObject {

    private transient volatile Logger logger;

    /** An object with a lazily created logger. */
    public SpyObject() {
    }

    /** The logger of this object's class. */
    protected Logger getLogger() {
        Logger l = logger;
        if (l == null) {
            l = LoggerFactory.getLogger(getClass());
            logger = l;
        }
        return l;
    }
}
