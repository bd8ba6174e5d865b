package dev.ketch.server.config;

/** The process exit statuses memcached uses (from {@code sysexits.h} and {@code stdlib.h}). */
public final class ExitStatus {

    /** memcached's exit status for success. */
    public static final int SUCCESS = 0;
    /** {@code EXIT_FAILURE}: most option value errors ({@code -c 0}, {@code -t 0}, bad {@code -o}). */
    public static final int FAILURE = 1;
    /** {@code EX_USAGE}: inconsistent settings ({@code -I 1000}, {@code -B http}, {@code -S -B ascii}). */
    public static final int USAGE = 64;
    /** {@code EX_NOUSER}: the {@code -u} user does not exist. */
    public static final int NO_USER = 67;
    /** {@code EX_OSERR}: the system refused something, e.g. binding a listening socket. */
    public static final int OS_ERROR = 71;

    private ExitStatus() {
    }
}
