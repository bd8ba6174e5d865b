package dev.ketch.server.logging;

import dev.ketch.server.config.ServerSettings;
import java.io.PrintStream;

/**
 * memcached's {@code -v}, {@code -vv} and {@code -vvv} output: plain lines on standard error, in
 * memcached's words, written when the live verbosity ({@code -v} at start, the {@code verbosity}
 * command later) reaches their level. Level 1 reports errors, level 2 adds every command and
 * reply, level 3 adds the connection state machine, every item lookup and the crawler's work.
 */
public final class Verbose {

    /** {@code -v}. */
    public static final int ERRORS = 1;
    /** {@code -vv}. */
    public static final int COMMANDS = 2;
    /** {@code -vvv}. */
    public static final int INTERNALS = 3;

    private final ServerSettings settings;
    private final PrintStream out;

    /** Writes to {@code out} (memcached: standard error) at {@code settings.verbose}. */
    public Verbose(ServerSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** True when lines of {@code level} are written. */
    public boolean at(int level) {
        return settings.verbose >= level;
    }

    /** Writes one line (a newline is added). */
    public void line(String text) {
        synchronized (out) {
            out.print(text);
            out.print('\n');
            out.flush();
        }
    }

    /** Writes {@code text} as is (it carries its own newlines). */
    public void text(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }
}
