package net.spy.memcached.compat;

import net.spy.memcached.compat.log.Logger;
import net.spy.memcached.compat.log.LoggerFactory;

/** A base class that gives its subclasses a {@link Logger} named after their class. */
public class SpyObject {

    /** One logger per class, looked up once (operations are created per request). */
    private static final ClassValue<Logger> LOGGERS = new ClassValue<>() {
        @Override
        protected Logger computeValue(Class<?> type) {
            return LoggerFactory.getLogger(type);
        }
    };

    /** An object logging as its class. */
    public SpyObject() {
    }

    /** The logger of this object's class. */
    protected Logger getLogger() {
        return LOGGERS.get(getClass());
    }
}
