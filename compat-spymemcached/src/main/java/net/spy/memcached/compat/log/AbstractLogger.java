package net.spy.memcached.compat.log;

/**
 * The level methods of {@link Logger} written once over {@link #log(Level, Object, Throwable)}.
 * Format patterns are expanded only when the level is enabled.
 */
public abstract class AbstractLogger implements Logger {

    private final String name;

    /**
     * A logger called {@code name}.
     *
     * @throws NullPointerException if {@code name} is null
     */
    protected AbstractLogger(String name) {
        if (name == null) {
            throw new NullPointerException("Logger name may not be null.");
        }
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    /** The last argument if it is a {@link Throwable}, else null. */
    public Throwable getThrowable(Object[] args) {
        if (args != null && args.length > 0 && args[args.length - 1] instanceof Throwable) {
            return (Throwable) args[args.length - 1];
        }
        return null;
    }

    @Override
    public abstract boolean isDebugEnabled();

    @Override
    public abstract boolean isInfoEnabled();

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    private boolean enabled(Level level) {
        switch (level) {
            case TRACE:
                return isTraceEnabled();
            case DEBUG:
                return isDebugEnabled();
            case INFO:
                return isInfoEnabled();
            default:
                return true;
        }
    }

    private void format(Level level, String message, Object... args) {
        if (enabled(level)) {
            log(level, String.format(message, args), getThrowable(args));
        }
    }

    @Override
    public void trace(Object message, Throwable exception) {
        log(Level.TRACE, message, exception);
    }

    @Override
    public void trace(String message, Object... args) {
        format(Level.TRACE, message, args);
    }

    @Override
    public void trace(Object message) {
        trace(message, null);
    }

    @Override
    public void debug(Object message, Throwable exception) {
        log(Level.DEBUG, message, exception);
    }

    @Override
    public void debug(String message, Object... args) {
        format(Level.DEBUG, message, args);
    }

    @Override
    public void debug(Object message) {
        debug(message, null);
    }

    @Override
    public void info(Object message, Throwable exception) {
        log(Level.INFO, message, exception);
    }

    @Override
    public void info(String message, Object... args) {
        format(Level.INFO, message, args);
    }

    @Override
    public void info(Object message) {
        info(message, null);
    }

    @Override
    public void warn(Object message, Throwable exception) {
        log(Level.WARN, message, exception);
    }

    @Override
    public void warn(String message, Object... args) {
        format(Level.WARN, message, args);
    }

    @Override
    public void warn(Object message) {
        warn(message, null);
    }

    @Override
    public void error(Object message, Throwable exception) {
        log(Level.ERROR, message, exception);
    }

    @Override
    public void error(String message, Object... args) {
        format(Level.ERROR, message, args);
    }

    @Override
    public void error(Object message) {
        error(message, null);
    }

    @Override
    public void fatal(Object message, Throwable exception) {
        log(Level.FATAL, message, exception);
    }

    @Override
    public void fatal(String message, Object... args) {
        format(Level.FATAL, message, args);
    }

    @Override
    public void fatal(Object message) {
        fatal(message, null);
    }

    @Override
    public void log(Level level, Object message) {
        log(level, message, null);
    }

    @Override
    public abstract void log(Level level, Object message, Throwable exception);
}
