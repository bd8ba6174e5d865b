package dev.ketch.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command line memcached refuses: exit status and exact messages. */
class RefusalsTest {

    private static Arguments refused(String commandLine, int status, String stderr) {
        return Arguments.of(commandLine, status, "", stderr);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("-c 0", 1, "Maximum connections must be greater than 0\n"),
                refused("-c -1", 1, "Maximum connections must be greater than 0\n"),
                refused("-t 0", 1, "Number of threads must be greater than 0\n"),
                refused("-t -3", 1, "Number of threads must be greater than 0\n"),
                refused("-R 0", 1, "Number of requests per event must be greater than 0\n"),
                refused("-f 1", 1, "Factor must be greater than 1\n"),
                refused("-f abc", 1, "Factor must be greater than 1\n"),
                refused("-f nan", 1, "Factor must be greater than 1\n"),
                refused("-n 0", 1, "Chunk size must be greater than 0\n"),
                refused("-N 0", 1, "Maximum number of NAPI IDs must be greater than 0\n"),
                refused("-N 5", 64, "Number of napi_ids(5) cannot be greater than number of threads(4)\n"),
                refused("-B http", 64, "Invalid value for binding protocol: http\n"
                        + " -- should be one of auto, binary, or ascii\n"),
                refused("-Z -p 0", 64, "ERROR: You cannot enable SSL without a TCP port.\n"),
                refused("--enable-ssl -p 0", 64, "ERROR: You cannot enable SSL without a TCP port.\n"),
                refused("-o ssl_verify_mode=4", 1, "Invalid ssl_verify_mode. Use help to see valid options.\n"),
                refused("-o ssl_verify_mode=x", 1, "could not parse argument to ssl_verify_mode\n"),
                refused("-o ssl_min_version=4", 1, "Invalid ssl_min_version. Use help to see valid options.\n"),
                refused("-o ssl_wbuf_size=-1", 1, "could not parse argument to ssl_wbuf_size\n"),
                refused("-o ssl_chain_cert", 1, "Missing ssl_chain_cert argument\n"),
                refused("-o ssl_key", 1, "Missing ssl_key argument\n"),
                refused("-o ssl_ca_cert", 1, "Missing ssl_ca_cert argument\n"),
                refused("-I 1000", 64, "Item max size cannot be less than 1024 bytes.\n"),
                refused("-I abc", 64, "Item max size cannot be less than 1024 bytes.\n"),
                refused("-I 2048m -m 8192", 64, "Item max size cannot be less than 1024 bytes.\n"),
                refused("-I 1g -m 4096", 64, "Item max size cannot be less than 1024 bytes.\n"),
                refused("-I 256m", 64, "Cannot set item size limit higher than 1/2 of memory max.\n"),
                refused("-m 1", 64, "Cannot set item size limit higher than 1/2 of memory max.\n"),
                refused("-m 0", 64, "Cannot set item size limit higher than 1/2 of memory max.\n"),
                refused("-I 1025m -m 4096", 64, "Cannot set item size limit higher than a gigabyte.\n"),
                refused("-I 1024", 64, "slab_chunk_max (bytes: 524288) cannot be larger than -I (item_size_max 1024)\n"),
                refused("-o slab_chunk_max=3000", 64,
                        "-I (item_size_max: 1048576) must be evenly divisible by slab_chunk_max (bytes: 3000)\n"),
                refused("-I 3m -o slab_chunk_max=3145728 -m 64", 64,
                        "slab_chunk_max (bytes: 3145728) must divide evenly into 1048576 (slab_page_size)\n"),
                refused("-o slab_chunk_max=0", 64, "slab_chunk_max (bytes: 0) must be greater than 0\n"),
                refused("-o slab_chunk_max", 1, "Missing slab_chunk_max argument\n"),
                refused("-o slab_chunk_max=abc", 1, "could not parse argument to slab_chunk_max\n"),
                refused("-o hot_lru_pct=50,warm_lru_pct=40", 64,
                        "hot_lru_pct + warm_lru_pct cannot be more than 80% combined\n"),
                refused("-o temporary_ttl=5,no_lru_maintainer", 64, "temporary_ttl requires lru_maintainer to be enabled\n"),
                refused("-o temporary_ttl=5,no_modern", 64, "temporary_ttl requires lru_maintainer to be enabled\n"),
                refused("-S -B auto", 64, "ERROR: You cannot allow the ASCII protocol while using SASL.\n"),
                refused("-S -B ascii", 64, "ERROR: You cannot allow the ASCII protocol while using SASL.\n"),
                refused("-S -B binary -B ascii", 64, "ERROR: You cannot allow the ASCII protocol while using SASL.\n"),
                refused("-S -U 5", 64, "ERROR: Cannot enable UDP while using binary SASL authentication.\n"),
                refused("-Y f -B binary", 64,
                        "ERROR: You cannot allow the BINARY protocol while using ascii authentication tokens.\n"),
                refused("-Y f -U 5", 64, "Cannot use UDP with ascii authentication enabled (-U 0 to disable)\n"),
                refused("-p 70000", 64, "ERROR: Invalid port number 70000.\n"),
                refused("-U 65536", 64, "ERROR: Invalid port number 65536.\n"),
                refused("-D ''", 1, "No delimiter specified\n"),
                refused("-x", 1, "memcached: invalid option -- 'x'\nIllegal argument \"?\"\n"),
                refused("-p", 1, "memcached: option requires an argument -- 'p'\nIllegal argument \"?\"\n"),
                refused("--foo", 1, "memcached: unrecognized option '--foo'\nIllegal argument \"?\"\n"),
                refused("-o hashpower", 1, "Missing numeric argument for hashpower\n"),
                refused("-o hashpower=5", 1, "Initial hashtable multiplier of 5 is too low\n"),
                refused("-o hashpower=33", 1, "Initial hashtable multiplier of 33 is too high\n"
                        + "Choose a value based on \"STAT hash_power_level\" from a running instance\n"),
                refused("-o slab_automove=3", 1, "slab_automove must be between 0 and 2\n"),
                refused("-o slab_automove_ratio=1.5", 1, "slab_automove_ratio must be > 0 and < 1\n"),
                refused("-o slab_automove_ratio", 1, "Missing slab_automove_ratio argument\n"),
                refused("-o slab_automove_window=2", 1, "slab_automove_window must be > 2\n"),
                refused("-o tail_repair_time=5", 1, "Cannot set tail_repair_time to less than 10 seconds\n"),
                refused("-o hash_algorithm=foo", 1, "Unknown hash_algorithm option (jenkins, murmur3, xxh3)\n"),
                refused("-o hash_algorithm", 1, "Missing hash_algorithm argument\n"),
                refused("-o lru_crawler_sleep=-1", 1, "LRU crawler sleep must be between 0 and 1 second\n"),
                refused("-o lru_crawler_tocrawl=-1", 1, "lru_crawler_tocrawl takes a numeric 32bit value\n"),
                refused("-o lru_crawler_tocrawl", 1, "Missing lru_crawler_tocrawl value\n"),
                refused("-o hot_lru_pct=80", 1, "hot_lru_pct must be > 1 and < 80\n"),
                refused("-o warm_lru_pct=0", 1, "warm_lru_pct must be > 1 and < 80\n"),
                refused("-o hot_max_factor=0", 1, "hot_max_factor must be > 0\n"),
                refused("-o warm_max_factor=-1", 1, "warm_max_factor must be > 0\n"),
                refused("-o temporary_ttl", 1, "Missing temporary_ttl argument\n"),
                refused("-o idle_timeout", 1, "Missing numeric argument for idle_timeout\n"),
                refused("-o watcher_logbuf_size=x", 1, "could not parse argument to watcher_logbuf_size\n"),
                refused("-o worker_logbuf_size=x", 1, "could not parse argument to worker_logbuf_size\n"),
                refused("-o worker_logbuf_size=8", 64, "slab size 8 is out of valid range\n"),
                refused("-o read_buf_mem_limit=-1", 1, "could not parse argument to read_buf_mem_limit\n"),
                refused("-o slab_sizes=100-105", 64, "slab size 105 must be at least 8 bytes larger than previous class\n"),
                refused("-o slab_sizes=200-100", 64,
                        "slab size 100 cannot be lower than or equal to a previous class size\n"),
                refused("-o slab_sizes=10-100", 64, "slab size 10 is out of valid range\n"),
                refused("-o slab_sizes=100-600000", 64, "slab size 600000 is out of valid range\n"),
                refused("-o slab_sizes=100-x", 64, "slab size 0 is out of valid range\n"),
                refused("-o slab_sizes=", 64, ""),
                // A memcached built without proxy or debug support prints these on stdout.
                Arguments.of("-o foo", 1, "Illegal suboption \"foo\"\n", ""),
                Arguments.of("-o no_modern,foo,bar=1", 1, "Illegal suboption \"foo,bar=1\"\n", ""),
                Arguments.of("-o ,,", 1, "Illegal suboption \",,\"\n", ""),
                refused("-o ext_path=/tmp/x", 1,
                        "must supply size to ext_path, ie: ext_path=/f/e:64m (M|G|T|P supported)\n"
                                + "failed to parse ext_path argument\n"),
                refused("-o ext_path", 1, "missing argument to ext_path, ie: ext_path=/d/file:5G\n"),
                refused("-o ext_path=/tmp/x:64m,ext_page_size=8", 1,
                        "Must specify ext_page_size before any ext_path arguments\n"),
                refused("-o ext_max_frag=x", 1, "could not parse argument to ext_max_frag\n"),
                refused("-o ext_item_size", 1, "Missing ext_item_size argument\n"),
                refused("-o ext_path=/tmp/x:64m -I 8m -m 100", 64,
                        "-I (item_size_max: 8388608) cannot be larger than ext_wbuf_size: 4194304\n"),
                refused("-o ext_path=/tmp/x:64m -U 11", 64, "Cannot use UDP with extstore enabled (-U 0 to disable)\n"),
                Arguments.of("-o proxy_config=x", 1, "Illegal suboption \"proxy_config=x\"\n", ""),
                Arguments.of("-o relaxed_privileges", 1, "Illegal suboption \"relaxed_privileges\"\n", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedWithMemcachedsStatusAndMessage(String commandLine, int status, String stdout, String stderr) {
        CommandLine.Exit e = CommandLineTest.exit(ShellWords.split(commandLine));
        assertEquals(status, e.status(), "exit status");
        assertEquals(stdout, e.stdout(), "stdout");
        assertEquals(stderr, e.stderr(), "stderr");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyRefusalSaysWhyToTheCallerEvenWhenMemcachedPrintsNothing(String commandLine, int status, String stdout,
            String stderr) {
        CommandLine.Exit e = CommandLineTest.exit(ShellWords.split(commandLine));
        assertFalse(e.reason().isBlank(), "no reason for " + commandLine);
        assertTrue((stdout + stderr).isEmpty() || (stdout + stderr).contains(e.reason()),
                () -> "the reason '" + e.reason() + "' is not what was printed: " + stdout + stderr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedWhateverComesBefore(String commandLine, int status, String stdout, String stderr) {
        String[] args = ShellWords.split("-u root -vv -A -C -l 127.0.0.1 " + commandLine);
        assertEquals(status, CommandLineTest.exit(args).status());
    }
}
