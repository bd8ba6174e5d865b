package net.spy.memcached.compat.log;

import org.slf4j.LoggerFactory;

/** Logs through SLF4J; {@link Level#FATAL} becomes error. */
public class SLF4JLogger extends AbstractLogger {

    private final org.slf4j.Logger logger;

    /** A logger called {@code name}. */
    public SLF4JLogger(String name) {
        super(name);
        logger = LoggerFactory.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return logger.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return logger.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return logger.isInfoEnabled();
    }

    @Override
    public void log(Level level, Object message, Throwable exception) {
        String text = String.valueOf(message);
        switch (level == null ? Level.FATAL : level) {
            case TRACE:
                logger.trace(text, exception);
                break;
            case DEBUG:
                logger.debug(text, exception);
                break;
            case INFO:
                logger.info(text, exception);
                break;
            case WARN:
                logger.warn(text, exception);
                break;
            default:
                logger.error(text, exception);
                break;
        }
    }
}
