package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.Main;
import dev.ketch.server.testing.BinaryClient;
import dev.ketch.server.testing.TextClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -vv} and {@code -vvv} against Debian's memcached 1.6.18 (skipped without it): the same
 * text and binary sessions, each request answered before the next is sent, give the same lines on
 * standard error: slab classes, listeners, connections, every command and reply, binary header
 * dumps, state changes and item lookups. Only the version string differs, and at {@code -vvv} the
 * LRU crawler's and maintainer's lines, written by background threads at moments that depend on
 * thread scheduling in both servers.
 */
@Timeout(120)
class VerboseParityTest {

    private static Path memcached;

    @TempDir
    Path dir;

    @BeforeAll
    static void findMemcached() throws Exception {
        memcached = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "memcached")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(memcached != null,
                "memcached is not on the PATH: install the Debian package 'memcached' to compare with it");
        Process p = new ProcessBuilder(memcached.toString(), "-V").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        Assumptions.assumeTrue(version.equals("memcached 1.6.18"), "comparison needs memcached 1.6.18, found " + version);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts a server and waits until it says it listens (no probe connection: its close would
     * race with the session's first connection for the next descriptor number). Both are started
     * with one descriptor open beyond standard I/O, as from a shell or memcached's test suite,
     * which Ketch's connection numbers assume.
     */
    private Process start(List<String> program, String name, int port, String verbosity) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" 3</dev/null", "sh"));
        command.addAll(program);
        command.addAll(List.of(verbosity, "-p", Integer.toString(port), "-l", "127.0.0.1", "-U", "0", "-t", "2",
                "-u", "root"));
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(err.toFile()).start();
        for (int i = 0; i < 1200; i++) {
            if (Files.readString(err, StandardCharsets.ISO_8859_1).contains(" server listening (")) {
                return p;
            }
            assertTrue(p.isAlive(), name + " exited: " + Files.readString(err));
            Thread.sleep(25);
        }
        throw new AssertionError(name + " does not listen");
    }

    private static void session(int port) throws Exception {
        try (TextClient c = new TextClient(port)) {
            c.call("set a 0 0 1\r\nx\r\n");
            c.send("get a\r\n").untilEnd();
            c.send("gets a b\r\n").untilEnd();
            c.call("get " + "k".repeat(251) + "\r\n");
            c.call("delete a\r\n");
            c.call("incr n 1\r\n");
            c.call("bogus\r\n");
            c.call("mg a v\r\n");
            c.call("set b 0 0 1 noreply\r\ny\r\nversion\r\n");
            c.call("verbosity 2\r\n");
            c.send("quit\r\n").closedByServer();
        }
        try (BinaryClient b = new BinaryClient(port)) {
            b.call(BinaryClient.request(0x01).key("k").flagsAndExpiry(0, 0).value("v"));
            b.call(BinaryClient.request(0x00).key("k"));
            b.call(BinaryClient.request(0x00).key("missing"));
            b.call(BinaryClient.request(0x05).key("n").delta(1, 5, 0));
            b.call(BinaryClient.request(0x04).key("k"));
            b.call(BinaryClient.request(0x0a));
            b.send(BinaryClient.request(0x07)).closedByServer();
        }
    }

    private static void stop(Process p) throws Exception {
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private String lines(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name + ".err"), StandardCharsets.ISO_8859_1).stream()
                .filter(l -> !l.startsWith("Kicking LRU crawler") && !l.startsWith("Nothing left to crawl")
                        && !l.equals("LRU crawler thread sleeping") && !l.equals("Starting LRU maintainer background thread"))
                .map(l -> l.replaceFirst("VERSION 1\\.6\\.18.*", "VERSION 1.6.18"))
                .collect(Collectors.joining("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-vv", "-vvv"})
    void writesWhatMemcachedWrites(String verbosity) throws Exception {
        int port = freePort();
        Process real = start(List.of(memcached.toString()), "memcached", port, verbosity);
        try {
            session(port);
        } finally {
            stop(real);
        }
        List<String> ketch = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        Process ours = start(ketch, "ketch", port, verbosity);
        try {
            session(port);
        } finally {
            stop(ours);
        }
        assertEquals(lines("memcached"), lines("ketch"));
    }
}
