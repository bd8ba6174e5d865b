package net.spy.memcached.compat.log;

/** Logs through {@code java.util.logging}, attributing each record to the caller of the logger. */
public class SunLogger extends AbstractLogger {

    private final java.util.logging.Logger logger;

    /** A logger called {@code name}. */
    public SunLogger(String name) {
        super(name);
        logger = java.util.logging.Logger.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return logger.isLoggable(java.util.logging.Level.FINEST);
    }

    @Override
    public boolean isDebugEnabled() {
        return logger.isLoggable(java.util.logging.Level.FINE);
    }

    @Override
    public boolean isInfoEnabled() {
        return logger.isLoggable(java.util.logging.Level.INFO);
    }

    @Override
    public void log(Level level, Object message, Throwable exception) {
        java.util.logging.Level sun = level == null ? java.util.logging.Level.SEVERE : toSun(level);
        if (!logger.isLoggable(sun)) {
            return;
        }
        String sourceClass = "Unknown";
        String sourceMethod = "Unknown";
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            String cls = frame.getClassName();
            if (!cls.startsWith("net.spy.memcached.compat.log.")) {
                sourceClass = cls;
                sourceMethod = frame.getMethodName();
                break;
            }
        }
        logger.logp(sun, sourceClass, sourceMethod, String.valueOf(message), exception);
    }

    private static java.util.logging.Level toSun(Level level) {
        switch (level) {
            case TRACE:
                return java.util.logging.Level.FINEST;
            case DEBUG:
                return java.util.logging.Level.FINE;
            case INFO:
                return java.util.logging.Level.INFO;
            case WARN:
                return java.util.logging.Level.WARNING;
            default:
                return java.util.logging.Level.SEVERE;
        }
    }
}
