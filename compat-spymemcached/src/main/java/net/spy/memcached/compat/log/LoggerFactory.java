package net.spy.memcached.compat.log;

import java.lang.reflect.Constructor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out {@link Logger}s of the class the system property {@code net.spy.log.LoggerImpl} names
 * (a class with a constructor taking the logger's name, or none), {@link DefaultLogger} when it is
 * unset or cannot be loaded. One logger per name.
 */
public final class LoggerFactory {

    private static final ConcurrentMap<String, Logger> LOGGERS = new ConcurrentHashMap<>();
    private static volatile Constructor<? extends Logger> constructor;

    private LoggerFactory() {
    }

    /** The logger named after {@code type}. */
    public static Logger getLogger(Class<?> type) {
        return getLogger(type.getName());
    }

    /**
     * The logger called {@code name}.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public static Logger getLogger(String name) {
        if (name == null) {
            throw new NullPointerException("Logger name may not be null.");
        }
        return LOGGERS.computeIfAbsent(name, LoggerFactory::create);
    }

    private static Logger create(String name) {
        try {
            Constructor<? extends Logger> c = constructor();
            return c.getParameterCount() == 1 ? c.newInstance(name) : c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new RuntimeException("Problem getting logger", e);
        }
    }

    private static Constructor<? extends Logger> constructor() {
        Constructor<? extends Logger> c = constructor;
        if (c == null) {
            c = find(System.getProperty("net.spy.log.LoggerImpl"));
            constructor = c;
        }
        return c;
    }

    private static Constructor<? extends Logger> find(String className) {
        Class<? extends Logger> type = DefaultLogger.class;
        if (className != null) {
            try {
                type = Class.forName(className).asSubclass(Logger.class);
            } catch (ClassNotFoundException | LinkageError | ClassCastException e) {
                System.err.println("Warning:  " + className + " not found while initializing"
                        + " net.spy.compat.log.LoggerFactory");
                e.printStackTrace();
            }
        }
        try {
            return type.getConstructor(String.class);
        } catch (NoSuchMethodException e) {
            try {
                return type.getConstructor();
            } catch (NoSuchMethodException e2) {
                System.err.println("Warning:  " + className + " has no appropriate constructor, using defaults.");
                try {
                    return DefaultLogger.class.getConstructor(String.class);
                } catch (NoSuchMethodException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
    }
}
