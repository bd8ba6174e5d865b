package dev.ketch.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.Version;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class UsageTest {

    /** What memcached's test suite greps -h for to decide which tests to run. */
    private static final List<String> SUITE_PROBES =
            List.of("unix-socket", "sasl", "ext_path", "enable-ssl", "proxy_config", "no_drop_privileges");

    private static String help(Features features) {
        return Usage.help(new ServerSettings(), features);
    }

    @Test
    void thisBuildsHelpNamesNoFeatureItCannotServe() {
        String text = help(Features.CURRENT).toLowerCase(Locale.ROOT);
        for (String probe : SUITE_PROBES) {
            boolean served = probe.equals("unix-socket") || probe.equals("sasl") || probe.equals("enable-ssl")
                    || probe.equals("ext_path");
            assertEquals(served, text.contains(probe), () -> "-h and the feature " + probe);
        }
    }

    @Test
    void thisBuildAdvertisesSaslSoMemcachedsSuiteRunsItsSaslTests() {
        assertTrue(help(Features.CURRENT).contains("\n-S, --enable-sasl"));
        assertTrue(help(Features.CURRENT).contains("ascii, binary or auto"));
    }

    @Test
    void unixSocketAndSaslLinesFollowTheFeatureSwitches() {
        String none = help(new Features(false, false, false, false, false));
        String all = help(Features.ALL);
        assertFalse(none.contains("--unix-mask"));
        assertFalse(none.contains("--udp-port"));
        assertTrue(all.contains("\n-s, --unix-socket=<file>"));
        assertTrue(all.contains("\n-a, --unix-mask=<mask>"));
        assertTrue(all.contains("\n-S, --enable-sasl"));
        assertTrue(all.contains("\n-U, --udp-port=<num>"));
        assertTrue(help(new Features(true, false, false, false, false)).toLowerCase(Locale.ROOT).contains("unix-socket"));
        assertFalse(help(new Features(true, false, false, false, false)).toLowerCase(Locale.ROOT).contains("sasl"));
        assertTrue(help(new Features(false, false, true, false, false)).toLowerCase(Locale.ROOT).contains("sasl"));
        assertFalse(help(new Features(false, false, true, false, false)).toLowerCase(Locale.ROOT).contains("unix-socket"));
        assertTrue(all.contains("\n-Z, --enable-ssl"), "memcached's suite runs its ssl_*.t files when it sees enable-ssl");
        for (String probe : List.of("proxy_config", "no_drop_privileges")) {
            assertFalse(all.toLowerCase(Locale.ROOT).contains(probe), probe);
        }
        assertTrue(all.contains("   - ext_path"), "memcached's suite runs its extstore files when it sees ext_path");
    }

    @Test
    void startsWithKetchsBannerAndEndsWithANewline() {
        String text = help(Features.CURRENT);
        assertTrue(text.startsWith("ketch-server " + Version.ketch() + " (memcached 1.6.18 compatible)\n"));
        assertTrue(text.endsWith("\n"));
        assertFalse(text.startsWith("memcached"), "the suite's version probe must not mistake us for 1.1");
    }

    @Test
    void coversTheOptionsKetchServes() {
        String text = help(Features.CURRENT);
        for (String option : List.of("-p, --port", "-A, --enable-shutdown", "-l, --listen", "-u, --user",
                "-m, --memory-limit", "-M, --disable-evictions", "-c, --conn-limit", "-v, --verbose", "-vv", "-vvv",
                "-h, --help", "-i, --license", "-V, --version", "-P, --pidfile", "-f, --slab-growth-factor",
                "-n, --slab-min-size", "-L, --enable-largepages", "-D <char>", "-t, --threads",
                "-R, --max-reqs-per-event", "-C, --disable-cas", "-b, --listen-backlog", "-B, --protocol",
                "-I, --max-item-size", "-F, --disable-flush-all", "-X, --disable-dumping", "-W, --disable-watch",
                "-o, --extended", "--enable-debugtime", "--enable-cluster-config")) {
            assertTrue(text.contains("\n" + option), () -> "missing " + option);
        }
        for (String option : List.of("-U, --udp-port", "-s, --unix-socket", "-a, --unix-mask", "-Y, --auth-file")) {
            assertTrue(text.contains("\n" + option), () -> "missing " + option);
        }
        assertFalse(help(new Features(true, true, false, false, false)).contains("\n-Y, --auth-file"));
        for (String sub : List.of("maxconns_fast", "hashpower", "no_hashexpand", "tail_repair_time", "hash_algorithm",
                "no_lru_crawler", "lru_crawler_sleep", "lru_crawler_tocrawl", "read_buf_mem_limit", "no_lru_maintainer",
                "hot_lru_pct", "warm_lru_pct", "hot_max_factor", "warm_max_factor", "temporary_ttl", "idle_timeout",
                "slab_sizes", "slab_chunk_max", "watcher_logbuf_size", "worker_logbuf_size", "track_sizes", "modern",
                "no_modern")) {
            assertTrue(text.contains("\n   - " + sub + ":"), () -> "missing -o " + sub);
        }
    }

    @Test
    void showsDefaultsFromTheGivenSettings() {
        ServerSettings s = new ServerSettings();
        s.port = 22122;
        s.maxBytes = 128L * 1024 * 1024;
        s.factor = 1.1;
        s.prefixDelimiter = '#';
        String text = Usage.help(s, Features.CURRENT);
        assertTrue(text.contains("TCP port to listen on, 0 for none (default: 22122)"));
        assertTrue(text.contains("(default: 128)"));
        assertTrue(text.contains("(default: 1.10)"));
        assertTrue(text.contains("(default: \"#\")"));
        assertTrue(text.contains("(default: 1m, min: 1k, max: 1024m)"));
        assertTrue(text.contains("(default: auto-negotiate)"));
    }

    @Test
    void descriptionsLineUpAtColumn27() {
        int checked = 0;
        for (String line : help(Features.ALL).split("\n")) {
            int nameStart = line.startsWith("   - ") ? 5 : line.startsWith("-") ? 0 : -1;
            int nameEnd = nameStart < 0 ? -1 : line.indexOf("  ", nameStart);
            if (nameEnd > 0 && nameEnd < 25) {
                int descriptionStart = line.length() - line.substring(nameEnd).stripLeading().length();
                assertEquals(26, descriptionStart, line);
                checked++;
            }
        }
        assertTrue(checked > 40, "checked " + checked + " lines");
    }

    @Test
    void noLineOfMemcachedsHelpIsCopied() {
        // spot checks of memcached's wording, which the project must not reuse
        String text = help(Features.ALL);
        assertFalse(text.contains("verbose (print errors/warnings while in event loop)"));
        assertFalse(text.contains("TCP port to listen on (default"));
        assertFalse(text.contains("enables options which will be default in future"));
    }

    @Test
    void licenseNamesKetchsLicense() {
        String text = Usage.license();
        assertTrue(text.startsWith(Usage.banner() + "\n\n"));
        assertTrue(text.contains("Apache License, Version 2.0"));
    }
}
