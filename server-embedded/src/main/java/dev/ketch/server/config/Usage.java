package dev.ketch.server.config;

import dev.ketch.server.Version;
import java.util.Locale;

/**
 * The {@code -h} and {@code -i} texts. Laid out like memcached's help (option, long name, then a
 * description at column 27; {@code -o} suboptions indented below), worded for Ketch, and listing
 * only what Ketch serves: memcached's test suite greps this text for {@code unix-socket},
 * {@code sasl}, {@code ext_path}, {@code enable-ssl}, {@code proxy_config} and
 * {@code no_drop_privileges} to pick the tests to run, so a feature appears here only once it works.
 * Defaults are shown from the settings read so far, as memcached does ({@code -p 1 -h} shows 1).
 */
public final class Usage {

    private static final int MB = 1024 * 1024;
    private static final int KB = 1024;

    private Usage() {
    }

    /** First line of {@code -h} and {@code -i}. */
    public static String banner() {
        return "ketch-server " + Version.ketch() + " (memcached " + Version.MEMCACHED_VERSION + " compatible)";
    }

    /** The {@code -h} text for a build with {@code features}, showing defaults from {@code current}. */
    public static String help(ServerSettings current, Features features) {
        Text t = new Text();
        t.line(banner());
        t.option("-p, --port=<num>", "TCP port to listen on, 0 for none (default: %d)", current.port);
        if (features.udp()) {
            t.option("-U, --udp-port=<num>", "UDP port to listen on (default: %d, off)", current.udpPort);
        }
        if (features.unixSocket()) {
            t.option("-s, --unix-socket=<file>", "listen on this UNIX domain socket instead of TCP/UDP");
            t.option("-a, --unix-mask=<mask>", "octal permissions of that socket (default: %o)", current.access);
        }
        t.option("-A, --enable-shutdown", "accept the ascii \"shutdown\" command");
        t.option("-l, --listen=<addr>", "interface(s) to listen on, comma separated; an entry may");
        t.more("carry its own port (<ip>:<port>, [<ipv6>]:<port>) (default: all);");
        t.more("with TLS on, a notls: prefix (-l notls:<ip>:<port>) makes that");
        t.more("listener plain TCP");
        t.option("-u, --user=<user>", "accepted for compatibility; Ketch cannot change its");
        t.more("identity, so as root the only user it accepts is root");
        t.option("-m, --memory-limit=<num>", "memory for items, in megabytes (default: %d)", current.maxBytes / MB);
        t.option("-M, --disable-evictions", "answer an out of memory error instead of evicting items");
        t.option("-c, --conn-limit=<num>", "most connections served at once (default: %d)", current.maxConns);
        t.option("-v, --verbose", "log errors and warnings while serving");
        t.option("-vv", "also log client commands and responses");
        t.option("-vvv", "also log internal state changes");
        t.option("-h, --help", "show this text and exit");
        t.option("-i, --license", "show the license and exit");
        t.option("-V, --version", "show the version and exit");
        t.option("-P, --pidfile=<file>", "write the process id to <file>");
        t.option("-f, --slab-growth-factor=<num>", "ratio between neighbouring slab chunk sizes (default: %s)",
                CNumbers.fixed(current.factor, 2));
        t.option("-n, --slab-min-size=<bytes>", "room for key, value and flags in the smallest chunk (default: %d)",
                current.chunkSize);
        t.option("-L, --enable-largepages", "take all item memory at start-up instead of on demand");
        t.option("-D <char>", "separator between a key's prefix and the rest, for per-prefix");
        t.more("stats; giving it also turns those stats on, otherwise \"stats");
        t.more("detail on\" does (default: \"%c\")", current.prefixDelimiter);
        t.option("-t, --threads=<num>", "worker threads (default: %d)", current.numThreads);
        t.option("-R, --max-reqs-per-event", "requests served on one connection before the others get");
        t.more("their turn (default: %d)", current.reqsPerEvent);
        t.option("-C, --disable-cas", "keep no CAS values");
        t.option("-b, --listen-backlog=<num>", "length of the queue of pending connections (default: %d)",
                current.backlog);
        t.option("-B, --protocol=<name>", "ascii, binary or auto (default: %s)", current.bindingProtocol.statsName());
        t.option("-I, --max-item-size=<num>", "largest item, in bytes or with a k or m suffix");
        t.more("(default: %dm, min: %dk, max: %dm)", current.itemSizeMax / MB,
                ServerSettings.ITEM_SIZE_MAX_LOWER_LIMIT / KB, ServerSettings.ITEM_SIZE_MAX_UPPER_LIMIT / MB);
        if (features.sasl()) {
            t.option("-S, --enable-sasl", "require SASL authentication (binary protocol only)");
        }
        t.option("-F, --disable-flush-all", "refuse the flush_all command");
        t.option("-X, --disable-dumping", "refuse stats cachedump and lru_crawler metadump");
        t.option("-W, --disable-watch", "refuse the watch command (live logs)");
        if (features.asciiAuth()) {
            t.option("-Y, --auth-file=<file>", "(EXPERIMENTAL) ascii protocol authentication against");
            t.more("<file>, one user:password per line");
        }
        t.option("-Z, --enable-ssl", "serve TLS on every TCP listener but notls: ones (see ssl_*)");
        t.option("--enable-debugtime", "(Ketch, for tests) accept the \"debugtime\" command that");
        t.more("moves the server clock, as memcached's debug builds do");
        t.option("--enable-cluster-config", "(Ketch) serve \"config get cluster\" and \"config set cluster\"");
        t.more("as an ElastiCache configuration endpoint, for auto-discovery");
        extended(t, current);
        return t.toString();
    }

    private static void extended(Text t, ServerSettings current) {
        t.option("-o, --extended", "comma separated extended options; most have a 'no_' form");
        t.sub("maxconns_fast", "close new connections at once when over the limit (default: %s)",
                current.maxConnsFast ? "enabled" : "disabled");
        t.sub("hashpower", "initial size of the hash table as a power of two; it grows");
        t.more("by itself, so set it from a running server's \"STAT");
        t.more("hash_power_level\" (default: %d)", current.hashPowerInit);
        t.sub("no_hashexpand", "never grow the hash table (dangerous)");
        t.sub("tail_repair_time", "seconds after which an LRU tail item still in use is");
        t.more("reclaimed anyway; off by default and risky");
        t.sub("hash_algorithm", "jenkins, murmur3 or xxh3; reported by stats settings, while");
        t.more("Ketch's index always uses murmur3 (default: %s)", current.hashAlgorithm);
        t.sub("no_lru_crawler", "no background LRU crawler");
        t.sub("lru_crawler_sleep", "microseconds the crawler pauses between items (default: %d)",
                current.lruCrawlerSleep);
        t.sub("lru_crawler_tocrawl", "items crawled per slab class and run, 0 = all (default: %s)",
                Integer.toUnsignedString(current.lruCrawlerTocrawl));
        t.sub("read_buf_mem_limit", "megabytes of connection buffers in total, 0 = no limit;");
        t.more("only matters with many thousands of connections (default: %s)",
                Integer.toUnsignedString(current.readBufMemLimit / MB));
        t.sub("no_lru_maintainer", "flat LRU per slab class, no maintainer thread");
        t.sub("hot_lru_pct", "share of a slab class's memory for the HOT LRU (default: %d)", current.hotLruPct);
        t.sub("warm_lru_pct", "share of a slab class's memory for the WARM LRU (default: %d)", current.warmLruPct);
        t.sub("hot_max_factor", "items idle longer than COLD age times this leave HOT (default: %s)",
                CNumbers.fixed(current.hotMaxFactor, 2));
        t.sub("warm_max_factor", "items idle longer than COLD age times this leave WARM (default: %s)",
                CNumbers.fixed(current.warmMaxFactor, 2));
        t.sub("temporary_ttl", "items with a shorter TTL go to a TEMP LRU and are never");
        t.more("evicted; needs the LRU maintainer (default: %d)", current.temporaryTtl);
        t.sub("idle_timeout", "seconds before an idle connection is closed, 0 = never (default: %d)",
                current.idleTimeout);
        t.sub("slab_sizes", "explicit chunk sizes in bytes, dash separated (e.g. 96-128-256)");
        t.sub("slab_chunk_max", "(EXPERIMENTAL) largest slab chunk, in bytes; bigger items are");
        t.more("chained (default: %d)", current.slabChunkSizeMax);
        t.sub("no_chunked_items", "slab chunks as large as a page");
        t.sub("slab_reassign", "let slab pages move between classes (default: %s)",
                current.slabReassign ? "enabled" : "disabled");
        t.sub("slab_automove", "0 = never move pages by itself, 1 = slowly, 2 = eagerly (default: %d)",
                current.slabAutomove);
        t.sub("watcher_logbuf_size", "kilobytes buffered per watch connection (default: %s)",
                Integer.toUnsignedString(current.loggerWatcherBufSize / KB));
        t.sub("worker_logbuf_size", "kilobytes of log buffer per worker thread (default: %s)",
                Integer.toUnsignedString(current.loggerBufSize / KB));
        t.sub("track_sizes", "collect the item size histogram of \"stats sizes\"");
        t.sub("ssl_chain_cert", "the server's certificate, then its chain, in one PEM file");
        t.sub("ssl_key", "the server's private key, if not part of the ssl_chain_cert");
        t.sub("ssl_keyformat", "format of that key: 1 PEM, 2 DER (default: %d)", current.sslKeyFormat);
        t.sub("ssl_verify_mode", "client certificates: 0 not asked for, 1 verified when");
        t.more("given, 2 required, 3 required once (default: 0)");
        t.sub("ssl_ciphers", "TLS 1.2 cipher suites, OpenSSL names separated by ':'");
        t.sub("ssl_ca_cert", "PEM file of the CAs client certificates must come from");
        t.sub("ssl_wbuf_size", "kilobytes of data encrypted per TLS write (default: %s)",
                Integer.toUnsignedString(current.sslWbufSize / KB));
        t.sub("ssl_session_cache", "let clients resume TLS sessions");
        t.sub("ssl_kernel_tls", "accepted and reported; a JVM does TLS itself");
        t.sub("ssl_min_version", "lowest TLS version: 0 tlsv1.0, 1 tlsv1.1, 2 tlsv1.2, 3 tlsv1.3");
        t.more("(default: %s; this JVM may disable the oldest)", SslVersions.name(current.sslMinVersion));
        t.sub("modern", "today's defaults (currently changes nothing)");
        t.sub("no_modern", "memcached 1.4's defaults: flat LRU, no crawler, no page moves,");
        t.more("no chunked items, jenkins hash");
        ExtstoreSettings ext = current.ext;
        t.line("");
        t.line("   - External storage (ext_*): values past the memory limit go to files");
        t.sub("ext_path", "file to write values to, and its size (repeat for more files)");
        t.more("ie: ext_path=/mnt/d1/extstore:1G");
        t.sub("ext_page_size", "size in megabytes of storage pages (default: %d)", ext.pageSize / MB);
        t.sub("ext_wbuf_size", "size in megabytes of page write buffers (default: %d)", ext.wbufSize / MB);
        t.sub("ext_threads", "accepted; reads run on the connection's thread (default: %d)", ext.ioThreads);
        t.sub("ext_item_size", "store items larger than this (bytes, default %s)", Integer.toUnsignedString(ext.itemSize));
        t.sub("ext_item_age", "store items idle at least this long (seconds, default: no age limit)");
        t.sub("ext_low_ttl", "consider TTLs lower than this specially (default: %s)", Integer.toUnsignedString(ext.lowTtl));
        t.sub("ext_drop_unread", "don't re-write unread values during compaction (default: %s)",
                ext.dropUnread ? "enabled" : "disabled");
        t.sub("ext_recache_rate", "recache an item every N accesses (default: %s)", Integer.toUnsignedString(ext.recacheRate));
        t.sub("ext_compact_under", "compact when fewer than this many free pages");
        t.more("(default: 1/4th of the assigned storage)");
        t.sub("ext_drop_under", "drop COLD items when fewer than this many free pages");
        t.more("(default: 1/4th of the assigned storage)");
        t.sub("ext_max_frag", "max page fragmentation to tolerate (default: %s)", CNumbers.fixed(ext.maxFrag, 2));
        t.sub("ext_max_sleep", "max sleep time of background threads in us (default: %s)",
                Integer.toUnsignedString(ext.maxSleep));
        t.sub("slab_automove_freeratio", "accepted and reported (default: %s)", CNumbers.fixed(ext.slabAutomoveFreeratio, 3));
    }

    /** The {@code -i} text. */
    public static String license() {
        return banner() + "\n\n"
                + "Ketch is distributed under the Apache License, Version 2.0:\n"
                + "https://www.apache.org/licenses/LICENSE-2.0\n"
                + "It is an independent reimplementation of memcached's behaviour and contains no code\n"
                + "from memcached or libevent.\n";
    }

    /** Help text builder: descriptions start at column 27, or after one space when the name is longer. */
    private static final class Text {
        private static final int DESCRIPTION_COLUMN = 26;
        private static final String SUB_INDENT = "   - ";
        private final StringBuilder out = new StringBuilder();

        void line(String text) {
            out.append(text).append('\n');
        }

        void option(String names, String description, Object... args) {
            StringBuilder b = new StringBuilder(names);
            pad(b, DESCRIPTION_COLUMN);
            line(b.append(String.format(Locale.ROOT, description, args)).toString());
        }

        void sub(String name, String description, Object... args) {
            StringBuilder b = new StringBuilder(SUB_INDENT).append(name).append(':');
            pad(b, DESCRIPTION_COLUMN);
            line(b.append(String.format(Locale.ROOT, description, args)).toString());
        }

        void more(String description, Object... args) {
            line(" ".repeat(DESCRIPTION_COLUMN) + String.format(Locale.ROOT, description, args));
        }

        private static void pad(StringBuilder b, int column) {
            if (b.length() >= column) {
                b.append(' ');
            }
            while (b.length() < column) {
                b.append(' ');
            }
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
