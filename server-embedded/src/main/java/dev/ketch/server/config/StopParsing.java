package dev.ketch.server.config;

/** Thrown inside the parser where memcached's {@code main()} would print and exit. */
final class StopParsing extends Exception {

    private static final long serialVersionUID = 1L;

    final int status;
    final String stdout;
    final String stderr;
    /** What went wrong, in words, even when nothing is printed; empty on success. */
    final String reason;

    private StopParsing(int status, String stdout, String stderr, String reason) {
        super(null, null, false, false);
        this.status = status;
        this.stdout = stdout;
        this.stderr = stderr;
        this.reason = reason;
    }

    /** Exit with {@code status}, printing {@code line} (and a newline) to stderr. */
    static StopParsing error(int status, String line) {
        return new StopParsing(status, "", line + "\n", line);
    }

    /** Exit with {@code status}, printing {@code line} (and a newline) to stdout. */
    static StopParsing errorOnStdout(int status, String line) {
        return new StopParsing(status, line + "\n", "", line);
    }

    /** Exit with {@code status} without printing anything, as memcached does; {@code reason} is kept for callers. */
    static StopParsing silent(int status, String reason) {
        return new StopParsing(status, "", "", reason);
    }

    /** Exit successfully after printing {@code text} to stdout. */
    static StopParsing print(String text) {
        return new StopParsing(ExitStatus.SUCCESS, text, "", "");
    }
}
