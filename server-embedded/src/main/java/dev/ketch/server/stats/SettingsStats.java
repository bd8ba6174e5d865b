package dev.ketch.server.stats;

import dev.ketch.server.config.CNumbers;
import dev.ketch.server.config.ExtstoreSettings;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.config.SslVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code stats settings}: memcached 1.6.18's keys, order and value formats for a build without TLS,
 * extstore, proxy and seccomp privilege dropping (so no {@code ssl_*}, {@code ext_*},
 * {@code proxy_*} or {@code drop_privileges} lines).
 *
 * <p>Ports are the configured ones, as memcached prints them: {@code tcpport -1} for an ephemeral
 * port, {@code tcpport} equal to the UDP port when only {@code -U} was given.
 */
public final class SettingsStats {

    /**
     * Values memcached reads from its running state rather than from its settings.
     *
     * @param verbosity current verbosity (the {@code verbosity} command changes it)
     * @param oldestLive {@code settings.oldest_live}: the relative time of the last {@code flush_all}, 0 if none
     * @param sizesTracked whether {@code stats sizes} is collecting ({@code -o track_sizes} or
     *     {@code stats sizes_enable})
     */
    public record Runtime(int verbosity, long oldestLive, boolean sizesTracked) {

        /** Runtime values of a server that has just started with {@code settings}. */
        public static Runtime atStart(ServerSettings settings) {
            return new Runtime(settings.verbose, 0, settings.trackSizes);
        }
    }

    private SettingsStats() {
    }

    /** The lines of {@code stats settings}, in order. */
    public static List<Map.Entry<String, String>> list(ServerSettings settings, Runtime runtime) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        write(settings, runtime, (name, value) -> out.add(Map.entry(name, value)));
        return out;
    }

    /** Sends each line of {@code stats settings} to {@code sink}, in order. */
    public static void write(ServerSettings s, Runtime runtime, StatsSink sink) {
        sink.stat("maxbytes", Long.toUnsignedString(s.maxBytes));
        sink.stat("maxconns", Integer.toString(s.maxConns));
        sink.stat("tcpport", Integer.toString(s.port));
        sink.stat("udpport", Integer.toString(s.udpPort));
        sink.stat("inter", s.listenAddresses.isEmpty() ? "NULL" : inter(s));
        sink.stat("verbosity", Integer.toString(runtime.verbosity()));
        sink.stat("oldest", Long.toUnsignedString(runtime.oldestLive()));
        sink.stat("evictions", s.evictToFree ? "on" : "off");
        sink.stat("domain_socket", s.socketPath == null ? "NULL" : s.socketPath);
        sink.stat("umask", Integer.toOctalString(s.access));
        sink.stat("shutdown_command", yesNo(s.shutdownCommand));
        sink.stat("growth_factor", CNumbers.fixed(s.factor, 2));
        sink.stat("chunk_size", Integer.toString(s.chunkSize));
        sink.stat("num_threads", Integer.toString(s.numThreads));
        sink.stat("num_threads_per_udp", Integer.toString(threadsPerUdpPort(s)));
        sink.stat("stat_key_prefix", String.valueOf(s.prefixDelimiter));
        sink.stat("detail_enabled", yesNo(s.detailEnabled));
        sink.stat("reqs_per_event", Integer.toString(s.reqsPerEvent));
        sink.stat("cas_enabled", yesNo(s.useCas));
        sink.stat("tcp_backlog", Integer.toString(s.backlog));
        sink.stat("binding_protocol", s.bindingProtocol.statsName());
        sink.stat("auth_enabled_sasl", yesNo(s.sasl));
        sink.stat("auth_enabled_ascii", s.authFile == null ? "no" : s.authFile);
        sink.stat("item_size_max", Integer.toString(s.itemSizeMax));
        sink.stat("maxconns_fast", yesNo(s.maxConnsFast));
        sink.stat("hashpower_init", Integer.toString(s.hashPowerInit));
        sink.stat("slab_reassign", yesNo(s.slabReassign));
        sink.stat("slab_automove", Integer.toString(s.slabAutomove));
        sink.stat("slab_automove_ratio", CNumbers.fixed(s.slabAutomoveRatio, 2));
        sink.stat("slab_automove_window", Integer.toUnsignedString(s.slabAutomoveWindow));
        sink.stat("slab_chunk_max", Integer.toString(s.slabChunkSizeMax));
        sink.stat("lru_crawler", yesNo(s.lruCrawler));
        sink.stat("lru_crawler_sleep", Integer.toString(s.lruCrawlerSleep));
        sink.stat("lru_crawler_tocrawl", Integer.toUnsignedString(s.lruCrawlerTocrawl));
        sink.stat("tail_repair_time", Integer.toString(s.tailRepairTime));
        sink.stat("flush_enabled", yesNo(s.flushEnabled));
        sink.stat("dump_enabled", yesNo(s.dumpEnabled));
        sink.stat("hash_algorithm", s.hashAlgorithm);
        sink.stat("lru_maintainer_thread", yesNo(s.lruMaintainerThread));
        sink.stat("lru_segmented", yesNo(s.lruSegmented));
        sink.stat("hot_lru_pct", Integer.toString(s.hotLruPct));
        sink.stat("warm_lru_pct", Integer.toString(s.warmLruPct));
        sink.stat("hot_max_factor", CNumbers.fixed(s.hotMaxFactor, 2));
        sink.stat("warm_max_factor", CNumbers.fixed(s.warmMaxFactor, 2));
        sink.stat("temp_lru", yesNo(s.tempLru));
        sink.stat("temporary_ttl", Integer.toUnsignedString(s.temporaryTtl));
        sink.stat("idle_timeout", Integer.toString(s.idleTimeout));
        sink.stat("watcher_logbuf_size", Integer.toUnsignedString(s.loggerWatcherBufSize));
        sink.stat("worker_logbuf_size", Integer.toUnsignedString(s.loggerBufSize));
        sink.stat("read_buf_mem_limit", Integer.toUnsignedString(s.readBufMemLimit));
        sink.stat("track_sizes", yesNo(runtime.sizesTracked()));
        sink.stat("inline_ascii_response", "no"); // a dead setting in memcached 1.6, always "no"
        extstore(s.ext, sink);
        tls(s, sink);
        // memcached formats this int with %s: glibc prints "(null)" for 0 and any other value crashes
        // memcached; Ketch prints the number instead.
        sink.stat("num_napi_ids", s.numNapiIds == 0 ? "(null)" : Integer.toString(s.numNapiIds));
        sink.stat("memory_file", s.memoryFile == null ? "(null)" : s.memoryFile);
    }

    /** As a memcached built with extstore prints them, with or without {@code ext_path}. */
    private static void extstore(ExtstoreSettings e, StatsSink sink) {
        sink.stat("ext_item_size", Integer.toUnsignedString(e.itemSize));
        sink.stat("ext_item_age", Integer.toUnsignedString(e.itemAge));
        sink.stat("ext_low_ttl", Integer.toUnsignedString(e.lowTtl));
        sink.stat("ext_recache_rate", Integer.toUnsignedString(e.recacheRate));
        sink.stat("ext_wbuf_size", Integer.toUnsignedString(e.wbufSize));
        sink.stat("ext_compact_under", Integer.toUnsignedString(e.compactUnder));
        sink.stat("ext_drop_under", Integer.toUnsignedString(e.dropUnder));
        sink.stat("ext_max_sleep", Integer.toUnsignedString(e.maxSleep));
        sink.stat("ext_max_frag", CNumbers.fixed(e.maxFrag, 2));
        sink.stat("slab_automove_freeratio", CNumbers.fixed(e.slabAutomoveFreeratio, 3));
        sink.stat("ext_drop_unread", yesNo(e.dropUnread));
    }

    /** As a memcached built with TLS prints them, whether or not {@code -Z} is on. */
    private static void tls(ServerSettings s, StatsSink sink) {
        sink.stat("ssl_enabled", yesNo(s.sslEnabled));
        sink.stat("ssl_chain_cert", s.sslChainCert == null ? "(null)" : s.sslChainCert);
        sink.stat("ssl_key", s.sslKey == null ? "(null)" : s.sslKey);
        sink.stat("ssl_verify_mode", Integer.toString(s.sslVerifyMode));
        sink.stat("ssl_keyformat", Integer.toString(s.sslKeyFormat));
        sink.stat("ssl_ciphers", s.sslCiphers == null ? "NULL" : s.sslCiphers);
        sink.stat("ssl_ca_cert", s.sslCaCert == null ? "NULL" : s.sslCaCert);
        sink.stat("ssl_wbuf_size", Integer.toUnsignedString(s.sslWbufSize));
        sink.stat("ssl_session_cache", yesNo(s.sslSessionCache));
        sink.stat("ssl_kernel_tls", yesNo(s.sslKernelTls));
        sink.stat("ssl_min_version", SslVersions.name(s.sslMinVersion));
    }

    private static String inter(ServerSettings s) {
        return String.join(",", s.listenAddresses);
    }

    /** memcached gives each UDP socket one thread when several listen addresses are given (a comma in -l). */
    private static int threadsPerUdpPort(ServerSettings s) {
        return s.listenAddresses.size() > 1 ? 1 : s.numThreads;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
