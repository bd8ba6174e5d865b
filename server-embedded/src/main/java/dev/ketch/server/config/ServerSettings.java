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
        /** {@code -B ascii}: the text protocol only (meta commands included). */
        ASCII("ascii"),
        /** {@code -B binary}: the binary protocol only. */
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

    /** memcached's default TCP port. */
    public static final int DEFAULT_PORT = 11211;
    /** The smallest {@code -I} memcached accepts. */
    public static final int ITEM_SIZE_MAX_LOWER_LIMIT = 1024;
    /** The largest {@code -I} memcached accepts. */
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
    /** {@code -c}: connections served at once. */
    public int maxConns = 1024;
    /**
     * {@code -o no_maxconns_fast} turns this off: past {@link #maxConns}, new connections get
     * {@code ERROR Too many open connections} and are closed, rather than waiting.
     */
    public boolean maxConnsFast = true;
    /** {@code -b}: the listen backlog. */
    public int backlog = 1024;
    /** {@code -t}: worker threads. */
    public int numThreads = 4;
    /** {@code -R}: requests served on one connection before the worker turns to others. */
    public int reqsPerEvent = 20;
    /** {@code -B}: which protocols connections may speak. */
    public Protocol bindingProtocol = Protocol.AUTO;
    /** {@code -o idle_timeout}: seconds a connection may idle before it is closed; 0 = never. */
    public int idleTimeout = 0;
    /**
     * {@code -o read_buf_mem_limit}: megabytes of read buffers all connections may hold; 0 = no
     * limit.
     */
    public int readBufMemLimit = 0;

    // memory
    /** {@code -m}: item memory in bytes; {@code cache_memlimit} changes it at run time. */
    public volatile long maxBytes = 64L * 1024 * 1024;
    /** {@code -M}: false means "return an error when memory is exhausted" instead of evicting. */
    public boolean evictToFree = true;
    /** {@code -f}: growth factor between slab classes' chunk sizes. */
    public double factor = 1.25;
    /** {@code -n}: minimum space for key + value + flags in the smallest chunk. */
    public int chunkSize = 48;
    /** {@code -I}: the largest item, in bytes. */
    public int itemSizeMax = 1024 * 1024;
    /** Size of a slab page, in bytes (memcached's 1 MiB). */
    public int slabPageSize = 1024 * 1024;
    /** {@code -o slab_chunk_max}: the largest chunk; larger items are chained over several. */
    public int slabChunkSizeMax = slabPageSize / 2;
    /** {@code -o slab_sizes}: explicit chunk sizes, or null to grow by {@link #factor}. */
    public int[] slabSizes;
    /** The unparsed {@code slab_sizes} string or growth factor, as {@code stats settings} shows it. */
    public String slabConfig;
    /** {@code -L}: allocate all memory up front. */
    public boolean preallocate = false;
    /** {@code -C}: CAS disabled when false. */
    public boolean useCas = true;
    /**
     * {@code -o hashpower}: initial size of the hash index as a power of two; 0 = memcached's
     * default.
     */
    public int hashPowerInit = 0;
    /** {@code -o no_hashexpand} turns this off: the hash index never grows past {@link #hashPowerInit}. */
    public boolean hashExpand = true;
    /** {@code -o hash_algorithm} (jenkins, murmur3, xxh3; {@code no_modern} picks jenkins). */
    public String hashAlgorithm = "murmur3";

    // LRU and background threads
    /**
     * {@code -o no_lru_crawler} turns this off: the background crawler that reclaims expired items.
     */
    public volatile boolean lruCrawler = true;
    /** {@code -o lru_crawler_sleep}: microseconds the crawler sleeps between batches. */
    public volatile int lruCrawlerSleep = 100;
    /** {@code -o lru_crawler_tocrawl}: items the crawler checks per LRU and run; 0 = all. */
    public volatile int lruCrawlerTocrawl = 0;
    /**
     * {@code -o no_lru_maintainer} turns this off: the thread that moves items between the LRU
     * segments.
     */
    public boolean lruMaintainerThread = true;
    /**
     * Whether the LRU is split into HOT, WARM and COLD segments ({@code -o no_lru_segmented} turns
     * it off).
     */
    public volatile boolean lruSegmented = true;
    /** {@code -o hot_lru_pct}: percent of a slab class's memory the HOT segment may hold. */
    public volatile int hotLruPct = 20;
    /** {@code -o warm_lru_pct}: percent of a slab class's memory the WARM segment may hold. */
    public volatile int warmLruPct = 40;
    /**
     * {@code -o hot_max_factor}: HOT items older than this factor of the COLD tail's age move on.
     */
    public volatile double hotMaxFactor = 0.2;
    /**
     * {@code -o warm_max_factor}: WARM items older than this factor of the COLD tail's age move on.
     */
    public volatile double warmMaxFactor = 2.0;
    /**
     * {@code -o temporary_ttl}: items with a TTL up to {@link #temporaryTtl} go to a separate TEMP
     * LRU.
     */
    public volatile boolean tempLru = false;
    /** Largest TTL, in seconds, that counts as temporary when {@link #tempLru} is on. */
    public volatile int temporaryTtl = 61;
    /** {@code -o slab_reassign}: whether slab pages may move between classes. */
    public boolean slabReassign = true;
    /** {@code -o slab_automove}: 0 off, 1 conservative, 2 aggressive page moving. */
    public volatile int slabAutomove = 1;
    /** {@code -o slab_automove_ratio}: free-chunk ratio that makes a class give pages back. */
    public volatile double slabAutomoveRatio = 0.8;
    /** {@code -o slab_automove_window}: how many seconds of history automove judges from. */
    public int slabAutomoveWindow = 30;
    /** {@code -o tail_repair_time}: seconds after which a stuck tail item is reclaimed; 0 = never. */
    public int tailRepairTime = 0;
    /** Items the LRU crawler checks before it sleeps. */
    public int crawlsPerSleep = 1000;

    // features and policy
    /** {@code -v}: 0 quiet, 1 errors and warnings, 2 every command and reply, 3 internal state. */
    public volatile int verbose = 0;
    /** {@code -A}: whether the {@code shutdown} command is accepted. */
    public boolean shutdownCommand = false;
    /** {@code -F} turns this off: {@code flush_all} refused. */
    public boolean flushEnabled = true;
    /**
     * {@code -X} turns this off: cachedumps ({@code stats cachedump}, {@code lru_crawler metadump})
     * refused.
     */
    public boolean dumpEnabled = true;
    /** {@code -W} turns this off: the {@code watch} command refused. */
    public boolean watchEnabled = true;
    /** {@code stats detail on}: per-prefix statistics being collected. */
    public volatile boolean detailEnabled = false;
    /** {@code -D}: the character that ends a key's prefix for {@code stats detail}. */
    public char prefixDelimiter = ':';
    /** {@code -S}: SASL authentication required on the binary protocol. */
    public boolean sasl = false;
    /**
     * With {@code -S}: the {@code user:password} file SASL checks against; null means memcached's
     * {@code MEMCACHED_SASL_PWDB} environment variable, read when the server starts.
     */
    public String saslPasswordFile;
    /** {@code -Y}: ascii authentication file, or null. */
    public String authFile;
    /** {@code -o track_sizes}: keep the histogram {@code stats sizes} prints. */
    public boolean trackSizes = false;
    /** {@code -o watcher_logbuf_size}: bytes buffered per {@code watch} connection. */
    public int loggerWatcherBufSize = 256 * 1024;
    /** {@code -o worker_logbuf_size}: bytes of log buffer per worker. */
    public int loggerBufSize = 64 * 1024;
    /** Whether memcached would drop privileges (seccomp); accepted, no effect in a JVM. */
    public boolean dropPrivileges = false;
    /** {@code -N}: NAPI ids; accepted, no effect in a JVM. */
    public int numNapiIds = 0;
    /** {@code -o sock_cookie_id}: SO_MARK for listening sockets on Linux; 0 = not set. */
    public int sockCookieId = 0;
    /** {@code -e}: memory file of a restartable cache, or null. */
    public String memoryFile;
    /** {@code -o inline_ascii_resp}: accepted for compatibility (memcached 1.6 ignores it). */
    public boolean inlineAsciiResponse = false;

    // TLS (memcached's -Z and the ssl_* suboptions)
    /** OpenSSL's {@code SSL_VERIFY_PEER}: {@code ssl_verify_mode=1}. */
    public static final int SSL_VERIFY_PEER = 1;
    /** OpenSSL's {@code SSL_VERIFY_FAIL_IF_NO_PEER_CERT}, added by {@code ssl_verify_mode=2}. */
    public static final int SSL_VERIFY_FAIL_IF_NO_PEER_CERT = 2;
    /** OpenSSL's {@code SSL_VERIFY_CLIENT_ONCE}, added by {@code ssl_verify_mode=3}. */
    public static final int SSL_VERIFY_CLIENT_ONCE = 4;
    /** OpenSSL's {@code SSL_FILETYPE_PEM}: {@code ssl_keyformat=1}. */
    public static final int SSL_FILETYPE_PEM = 1;
    /** OpenSSL's {@code SSL_FILETYPE_ASN1} (DER): {@code ssl_keyformat=2}. */
    public static final int SSL_FILETYPE_ASN1 = 2;

    /** {@code -Z}: TCP listeners speak TLS, except those of {@code -l notls:...}. */
    public boolean sslEnabled = false;
    /** {@code -o ssl_chain_cert}: the server's certificate (then its chain) in one PEM file. */
    public String sslChainCert;
    /** {@code -o ssl_key}: the server's private key file (it may be the chain file itself). */
    public String sslKey;
    /**
     * {@code -o ssl_verify_mode}, as OpenSSL's flags memcached stores and {@code stats settings}
     * prints: 0 none, 1 request a client certificate ({@link #SSL_VERIFY_PEER}), 3 require one,
     * 7 require one once.
     */
    public int sslVerifyMode = 0;
    /** {@code -o ssl_keyformat}: {@link #SSL_FILETYPE_PEM} or {@link #SSL_FILETYPE_ASN1}. */
    public int sslKeyFormat = SSL_FILETYPE_PEM;
    /** {@code -o ssl_ciphers}: OpenSSL cipher names separated by ':' (TLS 1.2 suites), or null. */
    public String sslCiphers;
    /** {@code -o ssl_ca_cert}: PEM file of the CAs client certificates are verified against, or null. */
    public String sslCaCert;
    /** {@code -o ssl_wbuf_size}: bytes of plaintext encrypted per TLS write (given in kilobytes). */
    public int sslWbufSize = 16 * 1024;
    /** {@code -o ssl_session_cache}: clients may resume TLS sessions. */
    public boolean sslSessionCache = false;
    /** {@code -o ssl_kernel_tls}: accepted and reported; a JVM cannot hand TLS to the kernel. */
    public boolean sslKernelTls = false;
    /** {@code -o ssl_min_version}: 0 TLS 1.0, 1 TLS 1.1, 2 TLS 1.2 (the default), 3 TLS 1.3. */
    public int sslMinVersion = 2;

    /** External storage ({@code -o ext_*}); off unless a path is given. */
    public ExtstoreSettings ext = new ExtstoreSettings();

    // process
    /** {@code -d}: run as a daemon. */
    public boolean daemonize = false;
    /** {@code -P}: file the process id is written to, or null. */
    public String pidFile;
    /** {@code -u}: user to run as, or null. */
    public String username;
    /** {@code -k}: lock memory; accepted, no effect in a JVM. */
    public boolean lockMemory = false;
    /** {@code -L}: large memory pages; accepted, no effect in a JVM. */
    public boolean largeMemoryPages = false;
    /** {@code -r}: maximise the core file limit; accepted, no effect in a JVM. */
    public boolean maxCoreFile = false;

    /**
     * Ketch extension for memcached's own test suite: enables the {@code debugtime} command that
     * memcached's debug builds have, so expiry can be tested without sleeping. Off by default.
     */
    public boolean debugTimeCommand = false;

    /**
     * Ketch extension ({@code --enable-cluster-config}): serves {@code config get cluster} and
     * {@code config set cluster}, so the server can play an ElastiCache-style configuration
     * endpoint for auto-discovering clients in tests and local development. Off by default, when
     * {@code config} is an unknown command, as in memcached.
     */
    public boolean clusterConfigCommand = false;

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
        c.sslEnabled = sslEnabled;
        c.sslChainCert = sslChainCert;
        c.sslKey = sslKey;
        c.sslVerifyMode = sslVerifyMode;
        c.sslKeyFormat = sslKeyFormat;
        c.sslCiphers = sslCiphers;
        c.sslCaCert = sslCaCert;
        c.sslWbufSize = sslWbufSize;
        c.sslSessionCache = sslSessionCache;
        c.sslKernelTls = sslKernelTls;
        c.sslMinVersion = sslMinVersion;
        c.ext = ext.copy();
        c.daemonize = daemonize;
        c.pidFile = pidFile;
        c.username = username;
        c.lockMemory = lockMemory;
        c.largeMemoryPages = largeMemoryPages;
        c.maxCoreFile = maxCoreFile;
        c.debugTimeCommand = debugTimeCommand;
        c.clusterConfigCommand = clusterConfigCommand;
        return c;
    }
}
