package net.spy.memcached.compat.log;

import java.text.SimpleDateFormat;
import java.util.Date;

/** Writes info and above to standard error, with a timestamp, the level and the logger's name. */
public class DefaultLogger extends AbstractLogger {

    /** A logger called {@code name}. */
    public DefaultLogger(String name) {
        super(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public synchronized void log(Level level, Object message, Throwable exception) {
        Level l = level == null ? Level.FATAL : level;
        if (l == Level.TRACE || l == Level.DEBUG) {
            return;
        }
        String time = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS").format(new Date());
        System.err.printf("%s %s %s:  %s%n", time, l.name(), getName(), message);
        if (exception != null) {
            exception.printStackTrace();
        }
    }
}
