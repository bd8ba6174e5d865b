package dev.ketch.it.clients;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.spy.memcached.compat.log.LoggerFactory;
import net.spy.memcached.compat.log.SunLogger;

/**
 * The warnings spymemcached logged, for tests that assert on what the client reports there (it
 * reports a rejected SASL authentication only in its log, see {@code ClientSaslIT}). spymemcached
 * logs through java.util.logging here ({@link Spymemcached} selects its {@code SunLogger}); its
 * loggers are set to WARNING, which also keeps its per-connection INFO lines out of the build log.
 */
public final class SpyLog {

    private static final Logger SPY_LOGGERS = Logger.getLogger("net.spy.memcached");
    private static final Queue<String> WARNINGS = new ConcurrentLinkedQueue<>();
    private static boolean installed;

    private SpyLog() {
    }

    /** Starts recording (idempotent); fails if spymemcached already chose another logger. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        if (!(LoggerFactory.getLogger(SpyLog.class) instanceof SunLogger)) {
            throw new IllegalStateException("spymemcached does not log through java.util.logging: something"
                    + " used spymemcached before dev.ketch.it.clients.Spymemcached set net.spy.log.LoggerImpl");
        }
        SPY_LOGGERS.setLevel(Level.WARNING);
        SPY_LOGGERS.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    WARNINGS.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        installed = true;
    }

    /** Forgets the warnings recorded so far. */
    public static void clear() {
        WARNINGS.clear();
    }

    /** The warnings recorded since the last {@link #clear()}, oldest first. */
    public static List<String> warnings() {
        return List.copyOf(WARNINGS);
    }
}
