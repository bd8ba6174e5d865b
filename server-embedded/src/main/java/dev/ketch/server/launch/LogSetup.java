package dev.ketch.server.launch;

/**
 * Configures slf4j-simple for the executable jar. memcached's {@code -v} output is written by the
 * server itself, in memcached's words ({@link dev.ketch.server.logging.Verbose}); the log only
 * carries Ketch's own warnings and errors, at {@code warn} whatever the verbosity. It must run
 * before the first logger is created, because slf4j-simple reads its system properties once.
 * Properties already set on the command line ({@code -Dorg.slf4j.simpleLogger...}) win.
 */
public final class LogSetup {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LogSetup() {
    }

    /** Logs to stderr, plain lines (no thread, logger name or time), warnings and errors only. */
    public static void configure() {
        setDefault("defaultLogLevel", "warn");
        setDefault("logFile", "System.err");
        setDefault("showDateTime", "false");
        setDefault("showThreadName", "false");
        setDefault("showLogName", "false");
        setDefault("showShortLogName", "false");
        // Netty's own debug output is about Netty, not about the cache; keep it out of -vv/-vvv.
        setDefault("log.io.netty", "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
