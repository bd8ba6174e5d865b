package dev.ketch.server.launch;

/**
 * Maps memcached's verbosity to slf4j-simple's configuration. It must run before the first logger
 * is created, because slf4j-simple reads its system properties once. Properties already set on the
 * command line ({@code -Dorg.slf4j.simpleLogger...}) win.
 */
public final class LogSetup {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LogSetup() {
    }

    /** The level for {@code -v} repeated {@code verbosity} times. */
    static String levelFor(int verbosity) {
        if (verbosity <= 0) {
            return "warn";
        }
        return switch (verbosity) {
            case 1 -> "info";
            case 2 -> "debug";
            default -> "trace";
        };
    }

    /** Logs to stderr, plain lines (no thread, logger name or time), at the level for {@code verbosity}. */
    public static void configure(int verbosity) {
        setDefault("defaultLogLevel", levelFor(verbosity));
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
