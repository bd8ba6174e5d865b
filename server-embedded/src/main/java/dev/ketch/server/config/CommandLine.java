package dev.ketch.server.config;

import dev.ketch.server.Version;
import dev.ketch.server.config.Getopt.Argument;
import dev.ketch.server.config.Getopt.LongOption;
import java.util.Arrays;
import java.util.List;

/**
 * memcached 1.6.18's command line: the same options, long names, value syntax, derived settings,
 * checks, messages and exit statuses, so that Ketch can stand in for the {@code memcached} binary.
 *
 * <p>{@link #parse} never exits the process: it returns either the settings to start with or what
 * memcached would print before exiting with which status ({@code -h}, {@code -V}, every error).
 * Options of features memcached builds can leave out (extstore, proxy) are refused the way a
 * memcached built without them refuses them; TLS ({@code -Z}) is built in.
 */
public final class CommandLine {

    /** The name glibc's getopt diagnostics start with. */
    public static final String PROGRAM_NAME = "memcached";

    /** The outcome of reading a command line. */
    public sealed interface Result permits Start, Exit {
    }

    /**
     * Start a server with {@code settings}; print {@code stderr} first (warnings memcached prints
     * while reading its options and then carries on, may be empty).
     */
    public record Start(ServerSettings settings, String stderr) implements Result {
    }

    /**
     * Exit now with {@code status} after printing {@code stdout} and {@code stderr} (either may be
     * empty). {@code reason} says what went wrong for a caller that reports it elsewhere: on a
     * failure it is never blank, even where memcached prints nothing (an empty {@code -o
     * slab_sizes=}); on success it is empty.
     */
    public record Exit(int status, String stdout, String stderr, String reason) implements Result {
    }

    /** memcached's short options; a colon marks one that takes a value. */
    static final String SHORT_OPTIONS = "a:AZp:s:U:m:Mc:khiVrvdl:u:P:f:n:t:D:LR:Cb:B:I:SFXWY:e:o:N:";

    /** Code of Ketch's own {@code --enable-debugtime}, outside the range of short option letters. */
    static final int ENABLE_DEBUGTIME = 0x10001;
    /** Code of Ketch's own {@code --enable-cluster-config}. */
    static final int ENABLE_CLUSTER_CONFIG = 0x10002;

    static final List<LongOption> LONG_OPTIONS = List.of(
            new LongOption("unix-mask", Argument.REQUIRED, 'a'),
            new LongOption("enable-shutdown", Argument.NONE, 'A'),
            new LongOption("enable-ssl", Argument.NONE, 'Z'),
            new LongOption("port", Argument.REQUIRED, 'p'),
            new LongOption("unix-socket", Argument.REQUIRED, 's'),
            new LongOption("udp-port", Argument.REQUIRED, 'U'),
            new LongOption("memory-limit", Argument.REQUIRED, 'm'),
            new LongOption("disable-evictions", Argument.NONE, 'M'),
            new LongOption("conn-limit", Argument.REQUIRED, 'c'),
            new LongOption("lock-memory", Argument.NONE, 'k'),
            new LongOption("help", Argument.NONE, 'h'),
            new LongOption("license", Argument.NONE, 'i'),
            new LongOption("version", Argument.NONE, 'V'),
            new LongOption("enable-coredumps", Argument.NONE, 'r'),
            new LongOption("verbose", Argument.OPTIONAL, 'v'),
            new LongOption("daemon", Argument.NONE, 'd'),
            new LongOption("listen", Argument.REQUIRED, 'l'),
            new LongOption("user", Argument.REQUIRED, 'u'),
            new LongOption("pidfile", Argument.REQUIRED, 'P'),
            new LongOption("slab-growth-factor", Argument.REQUIRED, 'f'),
            new LongOption("slab-min-size", Argument.REQUIRED, 'n'),
            new LongOption("threads", Argument.REQUIRED, 't'),
            new LongOption("enable-largepages", Argument.NONE, 'L'),
            new LongOption("max-reqs-per-event", Argument.REQUIRED, 'R'),
            new LongOption("disable-cas", Argument.NONE, 'C'),
            new LongOption("listen-backlog", Argument.REQUIRED, 'b'),
            new LongOption("protocol", Argument.REQUIRED, 'B'),
            new LongOption("max-item-size", Argument.REQUIRED, 'I'),
            new LongOption("enable-sasl", Argument.NONE, 'S'),
            new LongOption("disable-flush-all", Argument.NONE, 'F'),
            new LongOption("disable-dumping", Argument.NONE, 'X'),
            new LongOption("disable-watch", Argument.NONE, 'W'),
            new LongOption("auth-file", Argument.REQUIRED, 'Y'),
            new LongOption("memory-file", Argument.REQUIRED, 'e'),
            new LongOption("extended", Argument.REQUIRED, 'o'),
            new LongOption("napi-ids", Argument.REQUIRED, 'N'),
            new LongOption("enable-debugtime", Argument.NONE, ENABLE_DEBUGTIME),
            new LongOption("enable-cluster-config", Argument.NONE, ENABLE_CLUSTER_CONFIG));

    private static final int MB = 1024 * 1024;
    private static final int MANY_THREADS = 64;

    private final ParseState state = new ParseState();
    private final ServerSettings settings = state.settings;

    private CommandLine() {
        settings.portZeroMeansNoTcp = true; // memcached's -p 0
    }

    /** Reads memcached's command line (without the program name). */
    public static Result parse(String[] args) {
        return parse(PROGRAM_NAME, args);
    }

    /** Like {@link #parse(String[])}, naming the program {@code programName} in getopt's diagnostics. */
    public static Result parse(String programName, String[] args) {
        CommandLine cl = new CommandLine();
        try {
            Getopt getopt = new Getopt(programName, args, SHORT_OPTIONS, LONG_OPTIONS);
            for (Getopt.Option o = getopt.next(); o != null; o = getopt.next()) {
                cl.apply(o);
            }
            StartupRules.apply(cl.state);
            return new Start(cl.settings, cl.state.warnings.toString());
        } catch (StopParsing stop) {
            return new Exit(stop.status, stop.stdout, cl.state.warnings + stop.stderr, stop.reason);
        }
    }

    private void apply(Getopt.Option o) throws StopParsing {
        String v = o.value();
        switch (o.code()) {
            case 'A' -> settings.shutdownCommand = true;
            case 'Z' -> settings.sslEnabled = true;
            case 'a' -> settings.access = CNumbers.strtolInt(v, 8);
            case 'U' -> {
                settings.udpPort = CNumbers.atoi(v);
                state.udpSpecified = true;
            }
            case 'p' -> {
                settings.port = CNumbers.atoi(v);
                state.tcpSpecified = true;
            }
            case 's' -> settings.socketPath = v;
            case 'm' -> settings.maxBytes = megabytes(CNumbers.atoi(v));
            case 'M' -> settings.evictToFree = false;
            case 'c' -> {
                settings.maxConns = CNumbers.atoi(v);
                if (settings.maxConns <= 0) {
                    throw StopParsing.error(ExitStatus.FAILURE, "Maximum connections must be greater than 0");
                }
            }
            case 'h' -> throw StopParsing.print(Usage.help(settings, Features.CURRENT));
            case 'i' -> throw StopParsing.print(Usage.license());
            case 'V' -> throw StopParsing.print(PROGRAM_NAME + " " + Version.full() + "\n");
            case 'k' -> settings.lockMemory = true;
            case 'v' -> settings.verbose++;
            case 'l' -> addListen(v);
            case 'd' -> settings.daemonize = true;
            case 'r' -> settings.maxCoreFile = true;
            case 'R' -> {
                settings.reqsPerEvent = CNumbers.atoi(v);
                if (settings.reqsPerEvent == 0) {
                    throw StopParsing.error(ExitStatus.FAILURE, "Number of requests per event must be greater than 0");
                }
            }
            case 'u' -> settings.username = v;
            case 'P' -> settings.pidFile = v;
            case 'e' -> settings.memoryFile = v;
            case 'f' -> {
                settings.factor = CNumbers.atof(v);
                // memcached lets NaN through this test and then dies of SIGFPE sizing its slab classes.
                if (settings.factor <= 1.0 || Double.isNaN(settings.factor)) {
                    throw StopParsing.error(ExitStatus.FAILURE, "Factor must be greater than 1");
                }
                settings.slabConfig = v;
            }
            case 'n' -> {
                settings.chunkSize = CNumbers.atoi(v);
                if (settings.chunkSize == 0) {
                    throw StopParsing.error(ExitStatus.FAILURE, "Chunk size must be greater than 0");
                }
            }
            case 't' -> threads(v);
            case 'D' -> {
                if (v.isEmpty()) {
                    throw StopParsing.error(ExitStatus.FAILURE, "No delimiter specified");
                }
                settings.prefixDelimiter = v.charAt(0);
                settings.detailEnabled = true;
            }
            case 'L' -> {
                settings.largeMemoryPages = true;
                settings.preallocate = true;
            }
            case 'C' -> settings.useCas = false;
            case 'b' -> settings.backlog = CNumbers.atoi(v);
            case 'B' -> protocol(v);
            case 'I' -> settings.itemSizeMax = itemSize(v);
            case 'S' -> settings.sasl = true;
            case 'F' -> settings.flushEnabled = false;
            case 'X' -> settings.dumpEnabled = false;
            case 'W' -> settings.watchEnabled = false;
            case 'Y' -> settings.authFile = v;
            case 'N' -> {
                settings.numNapiIds = CNumbers.atoi(v);
                if (settings.numNapiIds <= 0) {
                    throw StopParsing.error(ExitStatus.FAILURE, "Maximum number of NAPI IDs must be greater than 0");
                }
            }
            case 'o' -> ExtendedOptions.apply(state, v);
            case ENABLE_DEBUGTIME -> settings.debugTimeCommand = true;
            case ENABLE_CLUSTER_CONFIG -> settings.clusterConfigCommand = true;
            default -> throw StopParsing.error(ExitStatus.FAILURE,
                    o.diagnostic() + "\nIllegal argument \"" + (char) o.code() + "\"");
        }
    }

    /**
     * {@code -m}: memcached multiplies a C int by 2^20 in a 64-bit size_t. A negative count wraps to
     * an absurdly large limit there; here it becomes the largest positive long, which every consumer
     * treats the same way ("no limit") without having to compare unsigned.
     */
    private static long megabytes(int count) {
        long bytes = (long) count * MB;
        return bytes < 0 ? Long.MAX_VALUE : bytes;
    }

    private void threads(String v) throws StopParsing {
        settings.numThreads = CNumbers.atoi(v);
        if (settings.numThreads <= 0) {
            throw StopParsing.error(ExitStatus.FAILURE, "Number of threads must be greater than 0");
        }
        if (settings.numThreads > MANY_THREADS) {
            // memcached's message really lacks the space in "workerthreads".
            state.warn("WARNING: Setting a high number of workerthreads is not recommended.");
            state.warn(" Set this value to the number of cores in your machine or less.");
        }
    }

    private void protocol(String v) throws StopParsing {
        state.protocolSpecified = true;
        settings.bindingProtocol = switch (v) {
            case "auto" -> ServerSettings.Protocol.AUTO;
            case "binary" -> ServerSettings.Protocol.BINARY;
            case "ascii" -> ServerSettings.Protocol.ASCII;
            default -> throw StopParsing.error(ExitStatus.USAGE, "Invalid value for binding protocol: " + v
                    + "\n -- should be one of auto, binary, or ascii");
        };
    }

    /** {@code -I}: bytes, or a count with a k/K or m/M suffix; int arithmetic wraps as in C. */
    private static int itemSize(String v) {
        if (v.isEmpty()) {
            return 0;
        }
        char unit = v.charAt(v.length() - 1);
        String number = v.substring(0, v.length() - 1);
        return switch (unit) {
            case 'k', 'K' -> CNumbers.atoi(number) * 1024;
            case 'm', 'M' -> CNumbers.atoi(number) * MB;
            default -> CNumbers.atoi(v);
        };
    }

    /**
     * {@code -l}: memcached appends each value to one comma separated string, skipping a value that
     * already occurs in it as a substring (so {@code -l 127.0.0.1 -l 127.0.0} keeps only the first).
     */
    private void addListen(String v) {
        List<String> current = settings.listenAddresses;
        if (!current.isEmpty() && String.join(",", current).contains(v)) {
            return;
        }
        current.addAll(Arrays.asList(v.split(",", -1)));
    }
}
