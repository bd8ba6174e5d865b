package dev.ketch.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.testing.TextClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code -e} files are memcached's: what Debian's memcached 1.6.18 saves, Ketch serves after a
 * restart, and what Ketch saves, memcached serves (skipped without memcached 1.6.18 on the PATH).
 * Values, flags and CAS uniques cross in both directions, chunked values included.
 */
class RestartFileParityTest {

    private static final int[] SIZES = {2, 100, 5000, 70_000, 600_000, 800_000};
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

    private String file() {
        return dir.resolve("mem").toString();
    }

    private Process startMemcached(int port) throws Exception {
        Process p = new ProcessBuilder(memcached.toString(), "-p", Integer.toString(port), "-l", "127.0.0.1", "-U", "0",
                "-m", "64", "-I", "2m", "-e", file(), "-u", "root")
                .redirectOutput(dir.resolve("memcached.out").toFile())
                .redirectError(dir.resolve("memcached.err").toFile()).start();
        for (int i = 0; i < 1200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                assertTrue(p.isAlive(), "memcached exited: " + Files.readString(dir.resolve("memcached.err")));
                Thread.sleep(25);
            }
        }
        throw new AssertionError("memcached does not listen");
    }

    private MemcachedServer startKetch() {
        ServerSettings s = new ServerSettings();
        s.port = 0;
        s.udpPort = 0;
        s.listenAddresses.add("127.0.0.1");
        s.maxBytes = 64L << 20;
        s.itemSizeMax = 2 << 20;
        s.memoryFile = file();
        return MemcachedServer.start(s);
    }

    /** Stores the items; returns each key's {@code gets} line. */
    private static Map<String, String> fill(int port) throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        try (TextClient c = new TextClient(port)) {
            for (int i = 0; i < SIZES.length; i++) {
                String value = String.valueOf((char) ('A' + i)).repeat(SIZES[i]);
                assertEquals("STORED", c.call("set k" + i + " " + (i * 1000) + " 0 " + SIZES[i] + "\r\n" + value + "\r\n"));
            }
            assertEquals("DELETED", c.call("delete k1\r\n"));
            for (int i = 0; i < SIZES.length; i++) {
                lines.put("k" + i, c.send("gets k" + i + "\r\n").untilEnd());
            }
        }
        return lines;
    }

    private static Map<String, String> read(int port) throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        try (TextClient c = new TextClient(port)) {
            for (int i = 0; i < SIZES.length; i++) {
                lines.put("k" + i, c.send("gets k" + i + "\r\n").untilEnd());
            }
        }
        return lines;
    }

    /** The server was stopped for a second: memcached refuses a restart in the second it stopped. */
    private void stoppedForASecond() throws IOException {
        Path meta = Path.of(file() + ".meta");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(meta, StandardCharsets.ISO_8859_1)) {
            out.add(line.startsWith("Kstop_time ") ? "Kstop_time " + (System.currentTimeMillis() / 1000 - 1) : line);
        }
        Files.write(meta, out, StandardCharsets.ISO_8859_1);
    }

    private static void signal(Process p, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("memcached did not stop on SIG" + signal);
        }
    }

    @Test
    void ketchServesWhatMemcachedSaved() throws Exception {
        int port = freePort();
        Process real = startMemcached(port);
        Map<String, String> saved;
        try {
            saved = fill(port);
        } finally {
            signal(real, "USR1");
        }
        assertTrue(Files.exists(Path.of(file() + ".meta")), "memcached saved its metadata");
        stoppedForASecond();
        try (MemcachedServer ketch = startKetch()) {
            assertEquals(saved, read(ketch.port()));
            assertEquals("END\r\n", saved.get("k1"));
            assertTrue(saved.get("k5").startsWith("VALUE k5 5000 800000 "), saved.get("k5").substring(0, 40));
        }
    }

    @Test
    void memcachedServesWhatKetchSaved() throws Exception {
        Map<String, String> saved;
        try (MemcachedServer ketch = startKetch()) {
            saved = fill(ketch.port());
            ketch.closeGracefully();
        }
        stoppedForASecond();
        int port = freePort();
        Process real = startMemcached(port);
        try {
            assertEquals(saved, read(port));
            assertTrue(saved.get("k4").startsWith("VALUE k4 4000 600000 "), saved.get("k4").substring(0, 40));
        } finally {
            signal(real, "TERM");
        }
    }
}
