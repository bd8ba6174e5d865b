package dev.ketch.server.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.Version;
import dev.ketch.server.config.ServerSettings.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The effect of each option on the settings, and the derived settings memcached computes. */
class CommandLineTest {

    static ServerSettings settings(String... args) {
        CommandLine.Result r = CommandLine.parse(args);
        return assertInstanceOf(CommandLine.Start.class, r, () -> "expected a start, got " + r).settings();
    }

    static CommandLine.Exit exit(String... args) {
        CommandLine.Result r = CommandLine.parse(args);
        return assertInstanceOf(CommandLine.Exit.class, r, () -> "expected an exit, got " + r);
    }

    @Test
    void noOptionsGiveMemcachedsDefaults() {
        CommandLine.Start start = assertInstanceOf(CommandLine.Start.class, CommandLine.parse(new String[0]));
        ServerSettings s = start.settings();
        assertEquals("", start.stderr());
        assertEquals(11211, s.port);
        assertEquals(0, s.udpPort);
        assertTrue(s.listenAddresses.isEmpty());
        assertEquals(64L * 1024 * 1024, s.maxBytes);
        assertEquals(1024, s.maxConns);
        assertEquals(4, s.numThreads);
        assertEquals(1024 * 1024, s.itemSizeMax);
        assertEquals(512 * 1024, s.slabChunkSizeMax);
        assertEquals(Protocol.AUTO, s.bindingProtocol);
        assertEquals("1.25", s.slabConfig);
        assertNull(s.slabSizes);
        assertTrue(s.lruCrawler);
        assertTrue(s.lruMaintainerThread);
        assertTrue(s.lruSegmented);
        assertEquals("murmur3", s.hashAlgorithm);
        assertFalse(s.debugTimeCommand);
    }

    @Test
    void networkOptions() {
        ServerSettings s = settings("-p", "12345", "-U", "0", "-b", "8675", "-c", "27", "-t", "2", "-R", "500");
        assertEquals(12345, s.port);
        assertEquals(0, s.udpPort);
        assertEquals(8675, s.backlog);
        assertEquals(27, s.maxConns);
        assertEquals(2, s.numThreads);
        assertEquals(500, s.reqsPerEvent);
        assertEquals(-1, settings("-p", "-1").port);
        assertEquals(0, settings("-p", "0").port);
        assertEquals(-5, settings("-R", "-5").reqsPerEvent); // only 0 is refused
    }

    @Test
    void udpPortAloneAlsoMovesTheTcpPort() {
        ServerSettings s = settings("-U", "11222");
        assertEquals(11222, s.udpPort);
        assertEquals(11222, s.port);
        assertEquals(11232, settings("-p", "11232", "-U", "11233").port);
        assertEquals(11211, settings("-U", "0").port);
    }

    @Test
    void unixSocketOptions() {
        ServerSettings s = settings("-s", "/tmp/mc.sock", "-a", "777");
        assertEquals("/tmp/mc.sock", s.socketPath);
        assertEquals(0777, s.access);
        assertEquals(0, settings("-a", "abc").access);
    }

    @Test
    void listenAddressesAccumulateAndSkipWhatTheListAlreadyContains() {
        assertEquals(List.of("127.0.0.1"), settings("-l", "127.0.0.1").listenAddresses);
        assertEquals(List.of("127.0.0.1", "::1"), settings("-l", "127.0.0.1,::1").listenAddresses);
        assertEquals(List.of("127.0.0.1", "127.0.0.2"),
                settings("-l", "127.0.0.1", "-l", "127.0.0.2", "-l", "127.0.0.1").listenAddresses);
        // memcached's check is a substring search over the whole list
        assertEquals(List.of("127.0.0.10"), settings("-l", "127.0.0.10", "-l", "127.0.0.1").listenAddresses);
        assertEquals(List.of("127.0.0.1;127.0.0.2"), settings("-l", "127.0.0.1;127.0.0.2").listenAddresses);
    }

    @Test
    void memoryOptions() {
        assertEquals(128L * 1024 * 1024, settings("-m", "128").maxBytes);
        assertEquals(64L * 1024 * 1024, settings("-m", "64k").maxBytes); // no suffixes: atoi stops at 'k'
        assertEquals(4098L * 1024 * 1024, settings("-m", "4098").maxBytes); // beyond 32 bits
        assertEquals(Long.MAX_VALUE, settings("-m", "-1").maxBytes);
        assertFalse(settings("-M").evictToFree);
        assertEquals(1.1, settings("-f", "1.1").factor);
        assertEquals("1.1", settings("-f", "1.1").slabConfig);
        assertEquals(10, settings("-n", "10").chunkSize);
        assertEquals(-5, settings("-n", "-5").chunkSize);
        ServerSettings l = settings("-L");
        assertTrue(l.largeMemoryPages);
        assertTrue(l.preallocate);
        assertFalse(settings("-C").useCas);
        assertTrue(settings("-k").lockMemory);
    }

    @Test
    void itemSizeSuffixes() {
        assertEquals(2097152, settings("-I", "2097152").itemSizeMax);
        assertEquals(524288, settings("-I", "512k", "-o", "slab_chunk_max=16384").itemSizeMax);
        assertEquals(524288, settings("-I", "512K", "-o", "slab_chunk_max=16384").itemSizeMax);
        assertEquals(33554432, settings("-m", "256", "-I", "32m").itemSizeMax);
        assertEquals(2 * 1024 * 1024, settings("-I", "2M").itemSizeMax);
        assertEquals(1024 * 1024, settings("-I", "1.5m").itemSizeMax); // atoi("1.5") == 1
        assertEquals(1024, settings("-I", "1024", "-o", "slab_chunk_max=1024").itemSizeMax);
    }

    @Test
    void largeItemsAlwaysUseHalfAPageAsChunkLimit() {
        assertEquals(512 * 1024, settings("-I", "2m").slabChunkSizeMax);
        assertEquals(512 * 1024, settings("-I", "2m", "-o", "no_modern").slabChunkSizeMax);
        assertEquals(512 * 1024, settings("-I", "2m", "-o", "no_chunked_items").slabChunkSizeMax);
        assertEquals(1024 * 1024, settings("-o", "no_chunked_items").slabChunkSizeMax);
        assertEquals(16384, settings("-I", "2m", "-o", "slab_chunk_max=16384").slabChunkSizeMax);
    }

    @Test
    void protocolSelection() {
        assertEquals(Protocol.ASCII, settings("-B", "ascii").bindingProtocol);
        assertEquals(Protocol.BINARY, settings("-B", "binary").bindingProtocol);
        assertEquals(Protocol.AUTO, settings("-B", "binary", "-B", "auto").bindingProtocol);
    }

    @Test
    void saslImpliesBinaryAndAnAuthFileImpliesAscii() {
        ServerSettings sasl = settings("-S");
        assertTrue(sasl.sasl);
        assertEquals(Protocol.BINARY, sasl.bindingProtocol);
        assertEquals(Protocol.BINARY, settings("-S", "-B", "binary").bindingProtocol);
        assertEquals(Protocol.BINARY, settings("-B", "ascii", "-S", "-B", "binary").bindingProtocol);
        ServerSettings auth = settings("-Y", "/etc/authfile");
        assertEquals("/etc/authfile", auth.authFile);
        assertEquals(Protocol.ASCII, auth.bindingProtocol);
        assertEquals(Protocol.ASCII, settings("-Y", "f", "-B", "ascii").bindingProtocol);
    }

    @Test
    void switchesAndPolicies() {
        ServerSettings s = settings("-A", "-F", "-X", "-W", "-d", "-r", "-u", "root", "-P", "/tmp/pid", "-e",
                "/dev/shm/mem", "-N", "2", "--enable-debugtime");
        assertTrue(s.shutdownCommand);
        assertFalse(s.flushEnabled);
        assertFalse(s.dumpEnabled);
        assertFalse(s.watchEnabled);
        assertTrue(s.daemonize);
        assertTrue(s.maxCoreFile);
        assertEquals("root", s.username);
        assertEquals("/tmp/pid", s.pidFile);
        assertEquals("/dev/shm/mem", s.memoryFile);
        assertEquals(2, s.numNapiIds);
        assertTrue(s.debugTimeCommand);
        assertFalse(s.clusterConfigCommand, "the configuration endpoint is off unless asked for");
        assertTrue(settings("--enable-cluster-config").clusterConfigCommand);
    }

    @Test
    void verbosityCounts() {
        assertEquals(1, settings("-v").verbose);
        assertEquals(2, settings("-vv").verbose);
        assertEquals(3, settings("-vvv").verbose);
        assertEquals(3, settings("-v", "-vv").verbose);
        assertEquals(2, settings("--verbose=5", "--verbose").verbose); // the value is ignored
    }

    @Test
    void prefixDelimiterTurnsDetailStatsOn() {
        ServerSettings s = settings("-D", "#x");
        assertEquals('#', s.prefixDelimiter);
        assertTrue(s.detailEnabled);
    }

    @Test
    void longOptionNamesReachTheSameSettings() {
        ServerSettings s = settings("--port=1234", "--memory-limit=100", "--conn-limit", "50", "--threads=3",
                "--protocol=ascii", "--max-item-size=2m", "--disable-cas", "--listen=127.0.0.1",
                "--extended=no_modern", "--user=root", "--enable-shutdown", "--listen-backlog=9");
        assertEquals(1234, s.port);
        assertEquals(100L * 1024 * 1024, s.maxBytes);
        assertEquals(50, s.maxConns);
        assertEquals(3, s.numThreads);
        assertEquals(Protocol.ASCII, s.bindingProtocol);
        assertEquals(2 * 1024 * 1024, s.itemSizeMax);
        assertFalse(s.useCas);
        assertEquals(List.of("127.0.0.1"), s.listenAddresses);
        assertFalse(s.lruSegmented);
        assertEquals("root", s.username);
        assertTrue(s.shutdownCommand);
        assertEquals(9, s.backlog);
    }

    @Test
    void warningsThatDoNotStopTheStart() {
        CommandLine.Start start = assertInstanceOf(CommandLine.Start.class,
                CommandLine.parse(new String[] {"-t", "65", "-o", "resp_obj_mem_limit=5"}));
        assertEquals(65, start.settings().numThreads);
        assertEquals("WARNING: Setting a high number of workerthreads is not recommended.\n"
                + " Set this value to the number of cores in your machine or less.\n"
                + "DEPRECATED: resp_obj_mem_limit no longer used. See read_buf_mem_limit,\n", start.stderr());
    }

    @Test
    void warningsPrecedeAnErrorThatFollows() {
        CommandLine.Exit e = exit("-t", "65", "-c", "0");
        assertEquals("WARNING: Setting a high number of workerthreads is not recommended.\n"
                + " Set this value to the number of cores in your machine or less.\n"
                + "Maximum connections must be greater than 0\n", e.stderr());
    }

    @Test
    void helpVersionAndLicenseExitZeroOnStdout() {
        CommandLine.Exit h = exit("-h");
        assertEquals(0, h.status());
        assertTrue(h.stdout().startsWith(Usage.banner() + "\n"));
        assertEquals("", h.stderr());
        CommandLine.Exit v = exit("-V");
        assertEquals(0, v.status());
        assertEquals("memcached " + Version.full() + "\n", v.stdout());
        assertEquals(v, exit("--version"));
        assertEquals(0, exit("-i").status());
        assertTrue(exit("--license").stdout().contains("Apache License, Version 2.0"));
    }

    @Test
    void helpShowsTheValuesGivenBeforeIt() {
        assertTrue(exit("-p", "23330", "-h").stdout().contains("(default: 23330)"));
        assertTrue(exit("-h", "-p", "23330").stdout().contains("(default: 11211)"));
    }

    @Test
    void theFirstOfHelpAndAnErrorWins() {
        assertEquals(0, exit("-h", "-c", "0").status());
        assertEquals(1, exit("-c", "0", "-h").status());
        assertEquals(0, exit("-V", "-h").status());
        assertTrue(exit("-V", "-h").stdout().startsWith("memcached "));
    }
}
