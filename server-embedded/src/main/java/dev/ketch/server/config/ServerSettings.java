package dev.ketch.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of the server, with memcached 1.6's defaults.
 *
 * <p>Field names follow memcached's {@code struct settings} so that {@code stats settings}, the
 * command line and this class can be read side by side. The command line ({@link CommandLine})
 * and {@code MemcachedServer.Builder} fill it in; after start-up only the fields marked
 * {@code volatile} change, through protocol commands ({@code verbosity}, {@code cache_memlimit},
 * {@code lru tune}, {@code flush_all}, ...).
 */
public final class ServerSettings {

    /** Which protocols a connection may speak ({@code -B}). */
    public enum Protocol {
        /** Sniff the first byte of each connection: 0x80 means binary, anything else ascii. */
        AUTO("auto-negotiate"),
        ASCII("ascii"),
        BINARY("binary");

        private final String statsName;

        Protocol(String statsName) {
            this.statsName = statsName;
        }

        /** The name {@code stats settings} prints for {@code binding_protocol}. */
        public String statsName() {
            return statsName;
        }
    }

    public static final int DEFAULT_PORT = 11211;
    public static final int ITEM_SIZE_MAX_LOWER_LIMIT = 1024;
    public static final int ITEM_SIZE_MAX_UPPER_LIMIT = 1024 * 1024 * 1024;

    // network
    /** {@code -p}: TCP port; -1 asks for a free port, and so does 0 unless {@link #portZeroMeansNoTcp}. */
    public int port = DEFAULT_PORT;
    /**
     * How {@link #port} 0 is read. memcached's command line means "no TCP listener" by {@code -p 0};
     * embedders usually mean "any free port", which is the default here.
     */
    public boolean portZeroMeansNoTcp = false;
    /** {@code -U}: UDP port; 0 means no UDP, -1 a free port. */
    public int udpPort = 0;
    /**
     * {@code -l}: memcached's listen string split at its commas (empty fields kept, so joining with
     * "," gives back memcached's {@code settings.inter} exactly); empty = all interfaces. An entry may
     * itself hold several addresses separated by ';', and may be {@code host:port}, {@code [v6]:port},
     * {@code proto[ascii|binary|negotiating]:...} or {@code tag[name]:...}, as memcached accepts them.
     */
    public List<String> listenAddresses = new ArrayList<>();
    /** {@code -s}: unix socket path, or null. */
    public String socketPath;
    /** {@code -a}: unix socket access mask. */
    public int access = 0700;
    public int maxConns = 1024;
    public boolean maxConnsFast = true;
    public int backlog = 1024;
    public int numThreads = 4;
    public int reqsPerEvent = 20;
    public Protocol bindingProtocol = Protocol.AUTO;
    /** {@code -o idle_timeout}: seconds a connection may idle before it is closed; 0 = never. */
    public int idleTimeout = 0;
    public int readBufMemLimit = 0;

    // memory
    public volatile long maxBytes = 64L * 1024 * 1024;
    /** {@code -M}: false means "return an error when memory is exhausted" instead of evicting. */
    public boolean evictToFree = true;
    public double factor = 1.25;
    /** {@code -n}: minimum space for key + value + flags in the smallest chunk. */
    public int chunkSize = 48;
    public int itemSizeMax = 1024 * 1024;
    public int slabPageSize = 1024 * 1024;
    public int slabChunkSizeMax = slabPageSize / 2;
    /** {@code -o slab_sizes}: explicit chunk sizes, or null to grow by {@link #factor}. */
    public int[] slabSizes;
    /** The unparsed {@code slab_sizes} string or growth factor, as {@code stats settings} shows it. */
    public String slabConfig;
    /** {@code -L}: allocate all memory up front. */
    public boolean preallocate = false;
    /** {@code -C}: CAS disabled when false. */
    public boolean useCas = true;
    public int hashPowerInit = 0;
    /** {@code -o no_hashexpand} turns this off: the hash index never grows past {@link #hashPowerInit}. */
    public boolean hashExpand = true;
    /** {@code -o hash_algorithm} (jenkins, murmur3, xxh3; {@code no_modern} picks jenkins). */
    public String hashAlgorithm = "murmur3";

    // LRU and background threads
    public volatile boolean lruCrawler = true;
    public volatile int lruCrawlerSleep = 100;
    public volatile int lruCrawlerTocrawl = 0;
    public boolean lruMaintainerThread = true;
    public volatile boolean lruSegmented = true;
    public volatile int hotLruPct = 20;
    public volatile int warmLruPct = 40;
    public volatile double hotMaxFactor = 0.2;
    public volatile double warmMaxFactor = 2.0;
    public volatile boolean tempLru = false;
    public volatile int temporaryTtl = 61;
    public boolean slabReassign = true;
    public volatile int slabAutomove = 1;
    public volatile double slabAutomoveRatio = 0.8;
    public int slabAutomoveWindow = 30;
    public int tailRepairTime = 0;
    public int crawlsPerSleep = 1000;

    // features and policy
    public volatile int verbose = 0;
    public boolean shutdownCommand = false;
    public boolean flushEnabled = true;
    public boolean dumpEnabled = true;
    public boolean watchEnabled = true;
    public volatile boolean detailEnabled = false;
    public char prefixDelimiter = ':';
    public boolean sasl = false;
    /**
     * With {@code -S}: the {@code user:password} file SASL checks against; null means memcached's
     * {@code MEMCACHED_SASL_PWDB} environment variable, read when the server starts.
     */
    public String saslPasswordFile;
    /** {@code -Y}: ascii authentication file, or null. */
    public String authFile;
    public boolean trackSizes = false;
    public int loggerWatcherBufSize = 256 * 1024;
    public int loggerBufSize = 64 * 1024;
    public boolean dropPrivileges = false;
    public int numNapiIds = 0;
    /** {@code -o sock_cookie_id}: SO_MARK for listening sockets on Linux; 0 = not set. */
    public int sockCookieId = 0;
    public String memoryFile;
    public boolean inlineAsciiResponse = false;

    // process
    public boolean daemonize = false;
    public String pidFile;
    public String username;
    public boolean lockMemory = false;
    public boolean largeMemoryPages = false;
    public boolean maxCoreFile = false;

    /**
     * Ketch extension for memcached's own test suite: enables the {@code debugtime} command that
     * memcached's debug builds have, so expiry can be tested without sleeping. Off by default.
     */
    public boolean debugTimeCommand = false;

    /** A copy, so a started server never sees later changes to a builder's settings. */
    public ServerSettings copy() {
        ServerSettings c = new ServerSettings();
        c.port = port;
        c.portZeroMeansNoTcp = portZeroMeansNoTcp;
        c.udpPort = udpPort;
        c.listenAddresses = new ArrayList<>(listenAddresses);
        c.socketPath = socketPath;
        c.access = access;
        c.maxConns = maxConns;
        c.maxConnsFast = maxConnsFast;
        c.backlog = backlog;
        c.numThreads = numThreads;
        c.reqsPerEvent = reqsPerEvent;
        c.bindingProtocol = bindingProtocol;
        c.idleTimeout = idleTimeout;
        c.readBufMemLimit = readBufMemLimit;
        c.maxBytes = maxBytes;
        c.evictToFree = evictToFree;
        c.factor = factor;
        c.chunkSize = chunkSize;
        c.itemSizeMax = itemSizeMax;
        c.slabPageSize = slabPageSize;
        c.slabChunkSizeMax = slabChunkSizeMax;
        c.slabSizes = slabSizes == null ? null : slabSizes.clone();
        c.slabConfig = slabConfig;
        c.preallocate = preallocate;
        c.useCas = useCas;
        c.hashPowerInit = hashPowerInit;
        c.hashExpand = hashExpand;
        c.hashAlgorithm = hashAlgorithm;
        c.lruCrawler = lruCrawler;
        c.lruCrawlerSleep = lruCrawlerSleep;
        c.lruCrawlerTocrawl = lruCrawlerTocrawl;
        c.lruMaintainerThread = lruMaintainerThread;
        c.lruSegmented = lruSegmented;
        c.hotLruPct = hotLruPct;
        c.warmLruPct = warmLruPct;
        c.hotMaxFactor = hotMaxFactor;
        c.warmMaxFactor = warmMaxFactor;
        c.tempLru = tempLru;
        c.temporaryTtl = temporaryTtl;
        c.slabReassign = slabReassign;
        c.slabAutomove = slabAutomove;
        c.slabAutomoveRatio = slabAutomoveRatio;
        c.slabAutomoveWindow = slabAutomoveWindow;
        c.tailRepairTime = tailRepairTime;
        c.crawlsPerSleep = crawlsPerSleep;
        c.verbose = verbose;
        c.shutdownCommand = shutdownCommand;
        c.flushEnabled = flushEnabled;
        c.dumpEnabled = dumpEnabled;
        c.watchEnabled = watchEnabled;
        c.detailEnabled = detailEnabled;
        c.prefixDelimiter = prefixDelimiter;
        c.sasl = sasl;
        c.saslPasswordFile = saslPasswordFile;
        c.authFile = authFile;
        c.trackSizes = trackSizes;
        c.loggerWatcherBufSize = loggerWatcherBufSize;
        c.loggerBufSize = loggerBufSize;
        c.dropPrivileges = dropPrivileges;
        c.numNapiIds = numNapiIds;
        c.sockCookieId = sockCookieId;
        c.memoryFile = memoryFile;
        c.inlineAsciiResponse = inlineAsciiResponse;
        c.daemonize = daemonize;
        c.pidFile = pidFile;
        c.username = username;
        c.lockMemory = lockMemory;
        c.largeMemoryPages = largeMemoryPages;
        c.maxCoreFile = maxCoreFile;
        c.debugTimeCommand = debugTimeCommand;
        return c;
    }
}
