package dev.ketch.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ketch.server.stats.SettingsStats;
import dev.ketch.server.testing.ChildProcesses;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the real memcached (Debian's 1.6.18, if on the PATH) next to Ketch's parser: same exit status
 * and messages for refused command lines, same {@code stats settings} for accepted ones (both with
 * extstore: the {@code ext_*} and {@code slab_automove_freeratio} lines are compared too).
 */
class MemcachedParityTest {

    @RegisterExtension
    static final ChildProcesses PROCESSES = new ChildProcesses();

    private static Path memcached;

    @BeforeAll
    static void findMemcached() throws IOException, InterruptedException {
        memcached = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "memcached"))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(memcached != null,
                "memcached is not on the PATH: install the Debian package 'memcached' to compare with it");
        Process p = new ProcessBuilder(memcached.toString(), "-V").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        Assumptions.assumeTrue(version.equals("memcached 1.6.18"), "comparison needs memcached 1.6.18, found " + version);
    }

    /** Command lines both refuse while reading options, where Ketch prints exactly what memcached prints. */
    static Stream<String> sameRefusal() {
        return Stream.of("-c 0", "-c -1", "-t 0", "-R 0", "-f 1", "-f abc", "-n 0", "-N 0", "-N 5", "-B http",
                "-I 1000", "-I 256m", "-I 1024", "-I 2048m -m 8192", "-I 1025m -m 4096", "-m 1", "-D ''",
                "-S -B auto", "-S -B ascii", "-S -B binary -B ascii", "-S -U 5", "-Y f -B binary", "-p 70000",
                "-x", "-vx", "-p", "--foo=bar", "--p=1", "--v", "--port", "--help=3", "--napi_ids=1",
                "-o slab_chunk_max=3000", "-o hot_lru_pct=50,warm_lru_pct=40", "-o temporary_ttl=5,no_lru_maintainer",
                "-o hashpower", "-o hashpower=5", "-o hashpower=33", "-o slab_automove=3",
                "-o slab_automove_ratio=1.5", "-o slab_automove_window=2", "-o tail_repair_time=5",
                "-o hash_algorithm=foo", "-o lru_crawler_sleep=-1", "-o lru_crawler_tocrawl=-1", "-o hot_lru_pct=80",
                "-o hot_max_factor=0", "-o temporary_ttl", "-o idle_timeout", "-o watcher_logbuf_size=x",
                "-o worker_logbuf_size=8", "-o read_buf_mem_limit=x", "-o slab_sizes=100-105",
                "-o slab_sizes=200-100", "-o slab_sizes=10-100", "-o slab_sizes=", "-o slab_sizes=100-x",
                "-c 0 -h", "-x -h");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameRefusal")
    void refusesLikeMemcached(String commandLine) throws Exception {
        String[] args = ShellWords.split(commandLine);
        Run real = run(args);
        // getopt's diagnostics start with argv[0], here the full path
        CommandLine.Exit ours = assertInstanceOf(CommandLine.Exit.class, CommandLine.parse(memcached.toString(), args));
        assertEquals(real.status, ours.status(), "exit status");
        assertEquals(real.stderr, ours.stderr(), "stderr");
        assertEquals(real.stdout, ours.stdout(), "stdout");
    }

    /**
     * Unknown suboptions: Debian's build hands them to extstore, which prints only the suboption, on
     * stderr; a build without extstore (what Ketch emulates) prints the rest of the list on stdout.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-o foo", "-o no_modern,,", "-o proxy_config=x", "-o relaxed_privileges"})
    void refusesUnknownSuboptionsWithTheSameStatus(String commandLine) throws Exception {
        String[] args = ShellWords.split(commandLine);
        Run real = run(args);
        CommandLine.Exit ours = assertInstanceOf(CommandLine.Exit.class, CommandLine.parse(args));
        assertEquals(real.status, ours.status());
        assertTrue(real.stderr.startsWith("Illegal suboption \""), real.stderr);
        assertTrue(ours.stdout().startsWith("Illegal suboption \""), ours.stdout());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "-o no_modern",
        "-C -b 8675 -B ascii -f 1.1 -n 10 -I 2m -m 128 -D # -a 777 -A -F -X -W -R 5 -c 100 -t 2 -M -vv",
        "-o hot_lru_pct=10,warm_lru_pct=50,temporary_ttl=30,idle_timeout=5,watcher_logbuf_size=8,"
                + "worker_logbuf_size=100,slab_automove_ratio=0.125,hashpower=16,tail_repair_time=20,"
                + "lru_crawler_sleep=50,lru_crawler_tocrawl=10,read_buf_mem_limit=2,track_sizes,no_hashexpand,"
                + "hash_algorithm=xxh3",
        "-I 1024 -o slab_chunk_max=1024,no_lru_crawler,no_lru_maintainer",
        "-l 127.0.0.2 -l 127.0.0",
        "-m 3 -o modern,slab_automove_window=3,no_maxconns_fast,slab_automove=2",
        "-o no_modern,slab_chunk_max=4096,lru_crawler -I 2m -m 32",
        "-B ascii -t 65 -vvv",
        "-o ext_item_size=1024,ext_item_age=30,ext_low_ttl=60,ext_recache_rate=10,ext_max_frag=0.5,"
                + "ext_drop_unread,ext_compact_under=3,ext_drop_under=2,ext_max_sleep=5000,ext_wbuf_size=2,"
                + "slab_automove_freeratio=0.25"})
    void statsSettingsLikeMemcached(String flags) throws Exception {
        List<String> args;
        List<String> real;
        // the probed port may be taken again before memcached binds it: then it exits, and another is tried
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            args = new ArrayList<>(List.of("-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0"));
            args.addAll(Arrays.asList(ShellWords.split(flags)));
            real = realStatsSettings(args, port, attempt == 3);
            if (real != null) {
                break;
            }
        }
        ServerSettings ours = assertInstanceOf(CommandLine.Start.class,
                CommandLine.parse(args.toArray(new String[0]))).settings();
        List<String> mine = new ArrayList<>();
        SettingsStats.write(ours, SettingsStats.Runtime.atStart(ours), (n, v) -> mine.add(n + " " + v));
        assertEquals(String.join("\n", real), String.join("\n", mine));
    }

    private record Run(int status, String stdout, String stderr) {
    }

    private static Run run(String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of(memcached.toString()));
        command.addAll(Arrays.asList(args));
        Process p = PROCESSES.start(new ProcessBuilder(command));
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            fail("memcached " + String.join(" ", args) + " did not exit");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** memcached's {@code stats settings} with {@code args}; null if it exited early and {@code lastTry} is false. */
    private static List<String> realStatsSettings(List<String> args, int port, boolean lastTry) throws Exception {
        List<String> command = new ArrayList<>(List.of(memcached.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        command.addAll(args);
        Process p = PROCESSES.start(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(10_000);
                    return statsSettings(s);
                } catch (IOException e) {
                    if (!p.isAlive() && !lastTry) {
                        return null;
                    }
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        throw new AssertionError("memcached " + String.join(" ", args) + " did not start", e);
                    }
                    Thread.sleep(50);
                }
            }
        } finally {
            ChildProcesses.stop(p);
        }
    }

    private static List<String> statsSettings(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write("stats settings\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.equals("END"); line = in.readLine()) {
            lines.add(line.substring("STAT ".length()));
        }
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
