package net.spy.memcached.compat.log;

import java.lang.reflect.Method;

/**
 * Logs through log4j 1.2's API ({@code org.apache.log4j.Logger}), found at run time so that this
 * jar needs no log4j: log4j 1.2 itself or log4j 2's {@code log4j-1.2-api} bridge on the class path.
 * {@link Level#FATAL} is log4j's fatal, {@link Level#TRACE} its debug.
 */
public class Log4JLogger extends AbstractLogger {

    private final Object logger;
    private final Method log;
    private final Method isEnabledFor;
    private final Object[] levels;
    private final Method isDebugEnabled;
    private final Method isInfoEnabled;

    /**
     * A logger called {@code name}.
     *
     * @throws IllegalStateException if log4j 1.2's API is not on the class path
     */
    public Log4JLogger(String name) {
        super(name);
        try {
            Class<?> loggerClass = Class.forName("org.apache.log4j.Logger");
            Class<?> priority = Class.forName("org.apache.log4j.Priority");
            Class<?> level = Class.forName("org.apache.log4j.Level");
            logger = loggerClass.getMethod("getLogger", String.class).invoke(null, name);
            log = loggerClass.getMethod("log", String.class, priority, Object.class, Throwable.class);
            isEnabledFor = loggerClass.getMethod("isEnabledFor", priority);
            isDebugEnabled = loggerClass.getMethod("isDebugEnabled");
            isInfoEnabled = loggerClass.getMethod("isInfoEnabled");
            levels = new Object[Level.values().length];
            String[] names = {"DEBUG", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
            for (Level l : Level.values()) {
                levels[l.ordinal()] = level.getField(names[l.ordinal()]).get(null);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("log4j 1.2's API (org.apache.log4j) is not on the class path", e);
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return isDebugEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return call(isDebugEnabled);
    }

    @Override
    public boolean isInfoEnabled() {
        return call(isInfoEnabled);
    }

    private boolean call(Method m) {
        try {
            return (Boolean) m.invoke(logger);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void log(Level level, Object message, Throwable e) {
        Object l = levels[(level == null ? Level.FATAL : level).ordinal()];
        try {
            if ((Boolean) isEnabledFor.invoke(logger, l)) {
                log.invoke(logger, Log4JLogger.class.getName(), l, message, e);
            }
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
