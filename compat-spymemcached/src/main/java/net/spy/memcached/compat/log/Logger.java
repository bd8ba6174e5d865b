package net.spy.memcached.compat.log;

/**
 * spymemcached's logging facade. Messages given with arguments are {@link String#format} patterns;
 * a {@link Throwable} as the last argument is logged as the cause.
 */
public interface Logger {

    /** The logger's name, usually a class name. */
    String getName();

    /** True if debug messages are logged. */
    boolean isDebugEnabled();

    /** True if info messages are logged. */
    boolean isInfoEnabled();

    /** True if trace messages are logged. */
    boolean isTraceEnabled();

    /** Logs {@code message} with {@code exception} at {@code level} (null: {@link Level#INFO}). */
    void log(Level level, Object message, Throwable exception);

    /** Logs {@code message} at {@code level}. */
    void log(Level level, Object message);

    /** Logs at trace. */
    void trace(Object message, Throwable exception);

    /** Logs at trace. */
    void trace(Object message);

    /** Logs a format pattern at trace. */
    void trace(String message, Object... args);

    /** Logs at debug. */
    void debug(Object message, Throwable exception);

    /** Logs at debug. */
    void debug(Object message);

    /** Logs a format pattern at debug. */
    void debug(String message, Object... args);

    /** Logs at info. */
    void info(Object message, Throwable exception);

    /** Logs at info. */
    void info(Object message);

    /** Logs a format pattern at info. */
    void info(String message, Object... args);

    /** Logs at warn. */
    void warn(Object message, Throwable exception);

    /** Logs at warn. */
    void warn(Object message);

    /** Logs a format pattern at warn. */
    void warn(String message, Object... args);

    /** Logs at error. */
    void error(Object message, Throwable exception);

    /** Logs at error. */
    void error(Object message);

    /** Logs a format pattern at error. */
    void error(String message, Object... args);

    /** Logs at fatal. */
    void fatal(Object message, Throwable exception);

    /** Logs at fatal. */
    void fatal(Object message);

    /** Logs a format pattern at fatal. */
    void fatal(String message, Object... args);
}
