package net.spy.memcached.compat.log;

/** The levels of spymemcached's logging facade, lowest first. */
public enum Level {
    /** Finest detail. */
    TRACE,
    /** Diagnostics. */
    DEBUG,
    /** Normal events. */
    INFO,
    /** Something unexpected the client recovers from. */
    WARN,
    /** A failure. */
    ERROR,
    /** A failure the client cannot recover from. */
    FATAL;

    /** {@code {LogLevel:  NAME}}, as spymemcached prints a level. */
    @Override
    public String toString() {
        return "{LogLevel:  " + name() + "}";
    }
}
