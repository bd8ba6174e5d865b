package dev.ketch.server.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ketch.server.config.CommandLine;
import dev.ketch.server.config.ServerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsStatsTest {

    /** Debian's memcached 1.6.18 with no options (built with extstore, as Ketch). */
    private static final String DEFAULTS = """
            maxbytes 67108864
            maxconns 1024
            tcpport 11211
            udpport 0
            inter NULL
            verbosity 0
            oldest 0
            evictions on
            domain_socket NULL
            umask 700
            shutdown_command no
            growth_factor 1.25
            chunk_size 48
            num_threads 4
            num_threads_per_udp 4
            stat_key_prefix :
            detail_enabled no
            reqs_per_event 20
            cas_enabled yes
            tcp_backlog 1024
            binding_protocol auto-negotiate
            auth_enabled_sasl no
            auth_enabled_ascii no
            item_size_max 1048576
            maxconns_fast yes
            hashpower_init 0
            slab_reassign yes
            slab_automove 1
            slab_automove_ratio 0.80
            slab_automove_window 30
            slab_chunk_max 524288
            lru_crawler yes
            lru_crawler_sleep 100
            lru_crawler_tocrawl 0
            tail_repair_time 0
            flush_enabled yes
            dump_enabled yes
            hash_algorithm murmur3
            lru_maintainer_thread yes
            lru_segmented yes
            hot_lru_pct 20
            warm_lru_pct 40
            hot_max_factor 0.20
            warm_max_factor 2.00
            temp_lru no
            temporary_ttl 61
            idle_timeout 0
            watcher_logbuf_size 262144
            worker_logbuf_size 65536
            read_buf_mem_limit 0
            track_sizes no
            inline_ascii_response no
            ext_item_size 512
            ext_item_age 4294967295
            ext_low_ttl 0
            ext_recache_rate 2000
            ext_wbuf_size 4194304
            ext_compact_under 0
            ext_drop_under 0
            ext_max_sleep 1000000
            ext_max_frag 0.80
            slab_automove_freeratio 0.010
            ext_drop_unread no
            ssl_enabled no
            ssl_chain_cert (null)
            ssl_key (null)
            ssl_verify_mode 0
            ssl_keyformat 1
            ssl_ciphers NULL
            ssl_ca_cert NULL
            ssl_wbuf_size 16384
            ssl_session_cache no
            ssl_kernel_tls no
            ssl_min_version tlsv1.2
            num_napi_ids (null)
            memory_file (null)
            """;

    static ServerSettings parse(String... args) {
        return assertInstanceOf(CommandLine.Start.class, CommandLine.parse(args)).settings();
    }

    private static String lines(ServerSettings s, SettingsStats.Runtime runtime) {
        StringBuilder b = new StringBuilder();
        SettingsStats.write(s, runtime, (name, value) -> b.append(name).append(' ').append(value).append('\n'));
        return b.toString();
    }

    private static Map<String, String> map(ServerSettings s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : SettingsStats.list(s, SettingsStats.Runtime.atStart(s))) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    @Test
    void defaultsMatchMemcachedLineForLine() {
        ServerSettings s = new ServerSettings();
        assertEquals(DEFAULTS, lines(s, SettingsStats.Runtime.atStart(s)));
    }

    @Test
    void listAndSinkAgree() {
        ServerSettings s = parse("-o", "no_modern", "-vv");
        List<String> fromSink = new ArrayList<>();
        SettingsStats.write(s, SettingsStats.Runtime.atStart(s), (n, v) -> fromSink.add(n + " " + v));
        List<String> fromList = new ArrayList<>();
        SettingsStats.list(s, SettingsStats.Runtime.atStart(s)).forEach(e -> fromList.add(e.getKey() + " " + e.getValue()));
        assertEquals(fromSink, fromList);
        assertEquals(76, fromList.size());
    }

    @Test
    void noModernAsMemcachedReportsIt() {
        Map<String, String> m = map(parse("-o", "no_modern"));
        assertEquals("no", m.get("maxconns_fast"));
        assertEquals("no", m.get("slab_reassign"));
        assertEquals("0", m.get("slab_automove"));
        assertEquals("1048576", m.get("slab_chunk_max"));
        assertEquals("no", m.get("lru_crawler"));
        assertEquals("jenkins", m.get("hash_algorithm"));
        assertEquals("no", m.get("lru_maintainer_thread"));
        assertEquals("no", m.get("lru_segmented"));
    }

    @Test
    void flagsAsTheTestSuiteReadsThem() {
        assertEquals("no", map(parse("-C")).get("cas_enabled"));
        assertEquals("8675", map(parse("-b", "8675")).get("tcp_backlog"));
        assertEquals("ascii", map(parse("-B", "ascii")).get("binding_protocol"));
        assertEquals("binary", map(parse("-B", "binary")).get("binding_protocol"));
        assertEquals("1024", map(parse("-I", "1024", "-o", "slab_chunk_max=1024")).get("item_size_max"));
        assertEquals("33554432", map(parse("-m", "256", "-I", "32m")).get("item_size_max"));
    }

    @Test
    void valueFormats() {
        Map<String, String> m = map(parse("-a", "0644", "-f", "1.1", "-D", "#", "-m", "4098", "-M", "-A", "-l",
                "127.0.0.1,127.0.0.2", "-s", "/tmp/sock", "-Y", "/etc/auth", "-U", "0",
                "-o", "temporary_ttl=-5,slab_automove_ratio=0.125,hot_max_factor=0.333,lru_crawler_tocrawl=4294967295",
                "-N", "1", "-e", "/dev/shm/x", "-p", "-1"));
        assertEquals("644", m.get("umask"));
        assertEquals("1.10", m.get("growth_factor"));
        assertEquals("#", m.get("stat_key_prefix"));
        assertEquals("yes", m.get("detail_enabled"));
        assertEquals("4297064448", m.get("maxbytes"));
        assertEquals("off", m.get("evictions"));
        assertEquals("yes", m.get("shutdown_command"));
        assertEquals("127.0.0.1,127.0.0.2", m.get("inter"));
        assertEquals("1", m.get("num_threads_per_udp"));
        assertEquals("/tmp/sock", m.get("domain_socket"));
        assertEquals("/etc/auth", m.get("auth_enabled_ascii"));
        assertEquals("no", m.get("auth_enabled_sasl"));
        assertEquals("ascii", m.get("binding_protocol"));
        assertEquals("yes", map(parse("-S")).get("auth_enabled_sasl"));
        assertEquals("binary", map(parse("-S")).get("binding_protocol"));
        assertEquals("4294967291", m.get("temporary_ttl"));
        assertEquals("yes", m.get("temp_lru"));
        assertEquals("0.12", m.get("slab_automove_ratio"));
        assertEquals("0.33", m.get("hot_max_factor"));
        assertEquals("4294967295", m.get("lru_crawler_tocrawl"));
        assertEquals("1", m.get("num_napi_ids"));
        assertEquals("/dev/shm/x", m.get("memory_file"));
        assertEquals("-1", m.get("tcpport"));
    }

    @Test
    void tcpPortFollowsAnUdpPortGivenAlone() {
        Map<String, String> m = map(parse("-U", "11222"));
        assertEquals("11222", m.get("tcpport"));
        assertEquals("11222", m.get("udpport"));
    }

    @Test
    void runtimeValuesComeFromTheCaller() {
        ServerSettings s = parse("-v");
        Map<String, String> m = new LinkedHashMap<>();
        SettingsStats.write(s, new SettingsStats.Runtime(3, 4_000_000_000L, true), m::put);
        assertEquals("3", m.get("verbosity"));
        assertEquals("4000000000", m.get("oldest"));
        assertEquals("yes", m.get("track_sizes"));
        assertEquals("1", map(s).get("verbosity"));
    }
}
