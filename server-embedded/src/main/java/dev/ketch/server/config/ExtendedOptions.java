package dev.ketch.server.config;

/**
 * {@code -o name[=value],...}: the suboptions memcached 1.6.18 knows on Linux when built with TLS
 * and extstore ({@link ExtstoreOptions}), without proxy and debug support. Anything else
 * ({@code proxy_*}, {@code relaxed_privileges}, typos) is refused as such a build refuses it: with
 * {@code Illegal suboption "<rest of the list>"} on stdout and exit status 1.
 */
final class ExtendedOptions {

    private final ParseState state;
    private final ServerSettings settings;

    private ExtendedOptions(ParseState state) {
        this.state = state;
        this.settings = state.settings;
    }

    /** Applies one {@code -o} value (a comma separated list, as split by C's {@code getsubopt}). */
    static void apply(ParseState state, String list) throws StopParsing {
        ExtendedOptions options = new ExtendedOptions(state);
        int pos = 0;
        while (pos < list.length()) {
            int comma = list.indexOf(',', pos);
            int end = comma < 0 ? list.length() : comma;
            String token = list.substring(pos, end);
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? null : token.substring(eq + 1);
            // memcached echoes everything from the offending suboption to the end of the list.
            options.apply(name, value, list.substring(pos));
            pos = comma < 0 ? list.length() : comma + 1;
        }
    }

    private void apply(String name, String value, String rest) throws StopParsing {
        switch (name) {
            case "maxconns_fast" -> settings.maxConnsFast = true;
            case "no_maxconns_fast" -> settings.maxConnsFast = false;
            case "hashpower" -> hashPower(value);
            case "no_hashexpand" -> settings.hashExpand = false;
            case "slab_reassign" -> settings.slabReassign = true;
            case "no_slab_reassign" -> settings.slabReassign = false;
            case "slab_automove" -> slabAutomove(value);
            case "no_slab_automove" -> settings.slabAutomove = 0;
            case "slab_automove_ratio" -> {
                settings.slabAutomoveRatio = CNumbers.atof(required(value, "Missing slab_automove_ratio argument"));
                if (settings.slabAutomoveRatio <= 0 || settings.slabAutomoveRatio > 1) {
                    throw fail("slab_automove_ratio must be > 0 and < 1");
                }
            }
            case "slab_automove_window" -> {
                settings.slabAutomoveWindow = CNumbers.atoi(required(value, "Missing slab_automove_window argument"));
                if (settings.slabAutomoveWindow < 3) {
                    throw fail("slab_automove_window must be > 2");
                }
            }
            case "tail_repair_time" -> {
                settings.tailRepairTime = CNumbers.atoi(required(value, "Missing numeric argument for tail_repair_time"));
                if (settings.tailRepairTime < 10) {
                    throw fail("Cannot set tail_repair_time to less than 10 seconds");
                }
            }
            case "hash_algorithm" -> hashAlgorithm(value);
            case "lru_crawler" -> settings.lruCrawler = true;
            case "no_lru_crawler" -> settings.lruCrawler = false;
            case "lru_crawler_sleep" -> {
                settings.lruCrawlerSleep = CNumbers.atoi(required(value, "Missing lru_crawler_sleep value"));
                if (settings.lruCrawlerSleep > 1_000_000 || settings.lruCrawlerSleep < 0) {
                    throw fail("LRU crawler sleep must be between 0 and 1 second");
                }
            }
            case "lru_crawler_tocrawl" -> settings.lruCrawlerTocrawl = unsigned(
                    required(value, "Missing lru_crawler_tocrawl value"),
                    "lru_crawler_tocrawl takes a numeric 32bit value");
            case "lru_maintainer" -> {
                settings.lruMaintainerThread = true;
                settings.lruSegmented = true;
            }
            case "no_lru_maintainer" -> {
                settings.lruMaintainerThread = false;
                settings.lruSegmented = false;
            }
            case "hot_lru_pct" -> {
                settings.hotLruPct = CNumbers.atoi(required(value, "Missing hot_lru_pct argument"));
                if (settings.hotLruPct < 1 || settings.hotLruPct >= 80) {
                    throw fail("hot_lru_pct must be > 1 and < 80");
                }
            }
            case "warm_lru_pct" -> {
                settings.warmLruPct = CNumbers.atoi(required(value, "Missing warm_lru_pct argument"));
                if (settings.warmLruPct < 1 || settings.warmLruPct >= 80) {
                    throw fail("warm_lru_pct must be > 1 and < 80");
                }
            }
            case "hot_max_factor" -> {
                settings.hotMaxFactor = CNumbers.atof(required(value, "Missing hot_max_factor argument"));
                if (settings.hotMaxFactor <= 0) {
                    throw fail("hot_max_factor must be > 0");
                }
            }
            case "warm_max_factor" -> {
                settings.warmMaxFactor = CNumbers.atof(required(value, "Missing warm_max_factor argument"));
                if (settings.warmMaxFactor <= 0) {
                    throw fail("warm_max_factor must be > 0");
                }
            }
            case "temporary_ttl" -> {
                String ttl = required(value, "Missing temporary_ttl argument");
                settings.tempLru = true;
                settings.temporaryTtl = CNumbers.atoi(ttl);
            }
            case "idle_timeout" -> settings.idleTimeout =
                    CNumbers.atoi(required(value, "Missing numeric argument for idle_timeout"));
            case "watcher_logbuf_size" -> settings.loggerWatcherBufSize = unsigned(
                    required(value, "Missing watcher_logbuf_size argument"),
                    "could not parse argument to watcher_logbuf_size") * 1024;
            case "worker_logbuf_size" -> {
                settings.loggerBufSize = unsigned(required(value, "Missing worker_logbuf_size argument"),
                        "could not parse argument to worker_logbuf_size") * 1024;
                // memcached 1.6.18 lacks a "break" here and falls into slab_sizes with the same value.
                state.slabSizesUnparsed = value;
            }
            case "slab_sizes" -> state.slabSizesUnparsed = required(value, "Missing slab_sizes argument");
            case "slab_chunk_max" -> {
                // memcached prints these two messages and then crashes; Ketch stops cleanly instead.
                Integer max = CNumbers.safeStrtol(required(value, "Missing slab_chunk_max argument"));
                if (max == null) {
                    throw fail("could not parse argument to slab_chunk_max");
                }
                settings.slabChunkSizeMax = max;
                state.slabChunkSizeChanged = true;
            }
            case "no_chunked_items" -> settings.slabChunkSizeMax = settings.slabPageSize;
            case "track_sizes" -> settings.trackSizes = true;
            case "inline_ascii_resp", "no_inline_ascii_resp", "modern" -> {
                // accepted, without effect, as in memcached 1.6
            }
            case "no_modern" -> noModern();
            case "drop_privileges" -> settings.dropPrivileges = true;
            case "no_drop_privileges" -> settings.dropPrivileges = false;
            case "resp_obj_mem_limit" ->
                    state.warn("DEPRECATED: resp_obj_mem_limit no longer used. See read_buf_mem_limit,");
            case "read_buf_mem_limit" -> settings.readBufMemLimit = unsigned(
                    required(value, "Missing read_buf_mem_limit argument"),
                    "could not parse argument to read_buf_mem_limit") * 1024 * 1024;
            case "sock_cookie_id" -> {
                // memcached ignores a parse failure here (the value is then 0); without a value it crashes.
                Integer id = value == null ? null : CNumbers.safeStrtoul(value);
                settings.sockCookieId = id == null ? 0 : id;
            }
            case "ssl_chain_cert" -> settings.sslChainCert = required(value, "Missing ssl_chain_cert argument");
            case "ssl_key" -> settings.sslKey = required(value, "Missing ssl_key argument");
            case "ssl_verify_mode" -> sslVerifyMode(value);
            case "ssl_keyformat" -> settings.sslKeyFormat = signed(required(value, "Missing ssl_keyformat argument"),
                    "could not parse argument to ssl_keyformat");
            case "ssl_ciphers" -> settings.sslCiphers = required(value, "Missing ssl_ciphers argument");
            case "ssl_ca_cert" -> settings.sslCaCert = required(value, "Missing ssl_ca_cert argument");
            case "ssl_wbuf_size" -> settings.sslWbufSize = unsigned(required(value, "Missing ssl_wbuf_size argument"),
                    "could not parse argument to ssl_wbuf_size") * 1024;
            case "ssl_session_cache" -> settings.sslSessionCache = true;
            case "ssl_kernel_tls" -> settings.sslKernelTls = true;
            case "ssl_min_version" -> {
                int version = signed(required(value, "Missing ssl_min_version argument"),
                        "could not parse argument to ssl_min_version");
                if (version < 0 || version > 3) {
                    throw fail("Invalid ssl_min_version. Use help to see valid options.");
                }
                settings.sslMinVersion = version;
            }
            default -> {
                if (!ExtstoreOptions.apply(settings.ext, name, value)) {
                    throw StopParsing.errorOnStdout(ExitStatus.FAILURE, "Illegal suboption \"" + rest + "\"");
                }
            }
        }
    }

    /** memcached stores OpenSSL's flags: 0 none, 1 peer, 3 peer and fail without one, 7 also once. */
    private void sslVerifyMode(String value) throws StopParsing {
        int mode = signed(required(value, "Missing ssl_verify_mode argument"), "could not parse argument to ssl_verify_mode");
        settings.sslVerifyMode = switch (mode) {
            case 0 -> 0;
            case 1 -> ServerSettings.SSL_VERIFY_PEER;
            case 2 -> ServerSettings.SSL_VERIFY_PEER | ServerSettings.SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
            case 3 -> ServerSettings.SSL_VERIFY_PEER | ServerSettings.SSL_VERIFY_FAIL_IF_NO_PEER_CERT
                    | ServerSettings.SSL_VERIFY_CLIENT_ONCE;
            default -> throw fail("Invalid ssl_verify_mode. Use help to see valid options.");
        };
    }

    private void hashPower(String value) throws StopParsing {
        settings.hashPowerInit = CNumbers.atoi(required(value, "Missing numeric argument for hashpower"));
        if (settings.hashPowerInit < 12) {
            throw fail("Initial hashtable multiplier of " + settings.hashPowerInit + " is too low");
        }
        if (settings.hashPowerInit > 32) {
            throw fail("Initial hashtable multiplier of " + settings.hashPowerInit + " is too high\n"
                    + "Choose a value based on \"STAT hash_power_level\" from a running instance");
        }
    }

    private void slabAutomove(String value) throws StopParsing {
        if (value == null) {
            settings.slabAutomove = 1;
            return;
        }
        settings.slabAutomove = CNumbers.atoi(value);
        if (settings.slabAutomove < 0 || settings.slabAutomove > 2) {
            throw fail("slab_automove must be between 0 and 2");
        }
    }

    private void hashAlgorithm(String value) throws StopParsing {
        String algorithm = required(value, "Missing hash_algorithm argument");
        switch (algorithm) {
            case "jenkins", "murmur3", "xxh3" -> settings.hashAlgorithm = algorithm;
            default -> throw fail("Unknown hash_algorithm option (jenkins, murmur3, xxh3)");
        }
    }

    /** The 1.4.x defaults: chunked items off, flat LRU, no background threads, jenkins hash. */
    private void noModern() {
        if (!state.slabChunkSizeChanged) {
            settings.slabChunkSizeMax = settings.slabPageSize;
        }
        settings.slabReassign = false;
        settings.slabAutomove = 0;
        settings.maxConnsFast = false;
        settings.lruSegmented = false;
        settings.hashAlgorithm = "jenkins";
        settings.lruCrawler = false;
        settings.lruMaintainerThread = false;
    }

    private static String required(String value, String missing) throws StopParsing {
        if (value == null) {
            throw fail(missing);
        }
        return value;
    }

    /** memcached's {@code safe_strtoul} into a 32-bit unsigned field (kept in an int's bits). */
    private static int unsigned(String value, String unparsable) throws StopParsing {
        Integer parsed = CNumbers.safeStrtoul(value);
        if (parsed == null) {
            throw fail(unparsable);
        }
        return parsed;
    }

    /** memcached's {@code safe_strtol}. */
    private static int signed(String value, String unparsable) throws StopParsing {
        Integer parsed = CNumbers.safeStrtol(value);
        if (parsed == null) {
            throw fail(unparsable);
        }
        return parsed;
    }

    private static StopParsing fail(String message) {
        return StopParsing.error(ExitStatus.FAILURE, message);
    }
}
