package dev.ketch.server.config;

/** Thrown inside the parser where memcached's {@code main()} would print and exit. */
final class StopParsing extends Exception {

    private static final long serialVersionUID = 1L;

    final int status;
    final String stdout;
    final String stderr;

    private StopParsing(int status, String stdout, String stderr) {
        super(null, null, false, false);
        this.status = status;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Exit with {@code status}, printing {@code line} (and a newline) to stderr. */
    static StopParsing error(int status, String line) {
        return new StopParsing(status, "", line + "\n");
    }

    /** Exit with {@code status}, printing {@code line} (and a newline) to stdout. */
    static StopParsing errorOnStdout(int status, String line) {
        return new StopParsing(status, line + "\n", "");
    }

    /** Exit with {@code status} without printing anything. */
    static StopParsing silent(int status) {
        return new StopParsing(status, "", "");
    }

    /** Exit successfully after printing {@code text} to stdout. */
    static StopParsing print(String text) {
        return new StopParsing(ExitStatus.SUCCESS, text, "");
    }
}
