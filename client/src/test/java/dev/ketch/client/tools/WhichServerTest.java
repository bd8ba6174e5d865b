package dev.ketch.client.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ketch.client.ServerAddress;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.HashAlgorithm;
import dev.ketch.client.routing.ServerSelector;
import dev.ketch.client.routing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line tool: its output against libmemcached's vectors, its errors, as a process. */
class WhichServerTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = WhichServer.run(args, new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every key file of the shared vectors, through the tool: each line as libmemcached's row. */
    @TestFactory
    Stream<DynamicTest> printsWhatLibmemcachedChose() {
        return Vectors.files().stream().map(Vectors::read)
                .filter(t -> t.columns().equals(List.of("key", "hash", "server", "index")))
                .flatMap(table -> ejectModes(table).stream().map(eject -> dynamicTest(table.name() + " " + eject, () -> {
                    List<String> args = new ArrayList<>(List.of("--servers", table.comment("server_specs"),
                            "--distribution", table.distribution().name(), "--hash", table.hash().name()));
                    for (ServerAddress dead : table.ejected()) {
                        args.addAll(List.of("--dead", dead.toString()));
                    }
                    if (!eject.isEmpty()) {
                        args.addAll(List.of("--eject", eject));
                    }
                    ByteArrayOutputStream stdin = new ByteArrayOutputStream();
                    StringBuilder expected = new StringBuilder();
                    int keys = 0;
                    for (String[] row : table.rows()) {
                        byte[] key = Vectors.unescape(row[0]);
                        if (indexOf(key, (byte) '\n') < 0) { // such a key cannot be one line
                            stdin.writeBytes(key);
                            stdin.write('\n');
                            expected.append(row[1]).append('\t').append(row[3]).append('\t').append(row[2]).append('\n');
                            keys++;
                        }
                    }
                    assertTrue(keys > table.rows().size() * 9 / 10, "most keys fit on a line");
                    Run run = run(stdin.toByteArray(), args.toArray(new String[0]));
                    assertEquals("", run.err);
                    assertEquals(0, run.status);
                    assertEquals(expected.toString(), run.out);
                })));
    }

    private static List<String> ejectModes(Vectors.Table table) {
        return table.ejected().isEmpty() ? List.of("") : List.of("", "skip", "rebuild");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Keys are the raw bytes up to '\n': a '\r', spaces, high bytes and an unterminated last line are key bytes. */
    @Test
    void keysAreRawBytesUpToNewline() {
        byte[][] keys = {bytes("plain"), bytes(" spaced key\r"), {(byte) 0xc3, (byte) 0xa9, (byte) 0xff, 0x01}, {},
                bytes("last, without newline")};
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        for (int i = 0; i < keys.length; i++) {
            stdin.writeBytes(keys[i]);
            if (i < keys.length - 1) {
                stdin.write('\n');
            }
        }
        String servers = "cache1.example.com cache2.example.com:11212:2 [::1]:11213";
        ServerSelector selector = Distribution.LIBMEMCACHED_KETAMA.selector(
                Stream.of(servers.split(" ")).map(ServerAddress::parse).toList(), HashAlgorithm.FNV1A_32);
        StringBuilder expected = new StringBuilder();
        for (byte[] key : keys) {
            int index = selector.indexFor(key);
            expected.append(Integer.toUnsignedString(selector.hash(key))).append('\t').append(index).append('\t')
                    .append(selector.servers().get(index)).append('\n');
        }
        Run run = run(stdin.toByteArray(), "--servers", servers, "--distribution", "LIBMEMCACHED_KETAMA", "--hash",
                "FNV1A_32");
        assertEquals(0, run.status, run.err);
        assertEquals(expected.toString(), run.out);
        assertEquals(keys.length, run.out.lines().count());
    }

    @Test
    void oneServerStillPrintsTheHash() {
        Run run = run(bytes("a\nb\n"), "--servers", "10.0.0.1:11300", "--distribution=MODULA", "--hash=MD5");
        assertEquals(Integer.toUnsignedString(HashAlgorithm.MD5.hash(bytes("a"))) + "\t0\t10.0.0.1:11300\n"
                + Integer.toUnsignedString(HashAlgorithm.MD5.hash(bytes("b"))) + "\t0\t10.0.0.1:11300\n", run.out);
    }

    /** Weighted rings differ between skipping and rebuilding: live servers' keys move only when rebuilt. */
    @Test
    void ejectRebuildRecountsAWeightedRing() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            keys.append("key").append(i).append('\n');
        }
        String[] common = {"--servers", "a:11211:1 b:11211:2 c:11211:3 d:11211:4", "--distribution",
                "LIBMEMCACHED_KETAMA_WEIGHTED", "--dead", "b"};
        List<String> alive = run(bytes(keys.toString()), "--servers", common[1], "--distribution", common[3]).out.lines().toList();
        List<String> skip = run(bytes(keys.toString()), concat(common, "--eject", "skip")).out.lines().toList();
        List<String> rebuild = run(bytes(keys.toString()), concat(common, "--eject", "rebuild")).out.lines().toList();
        int movedBySkip = 0;
        int movedByRebuild = 0;
        for (int i = 0; i < alive.size(); i++) {
            if (!alive.get(i).endsWith("\tb:11211")) {
                movedBySkip += alive.get(i).equals(skip.get(i)) ? 0 : 1;
                movedByRebuild += alive.get(i).equals(rebuild.get(i)) ? 0 : 1;
            }
            assertTrue(!skip.get(i).endsWith("\tb:11211") && !rebuild.get(i).endsWith("\tb:11211"));
        }
        assertEquals(0, movedBySkip);
        assertTrue(movedByRebuild > 0, "rebuilding recounts the live servers' points");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--distribution LIBMEMCACHED_KETAMA",
        "--servers a:11211",
        "--servers a:11211 --distribution KETAMA",
        "--servers a:11211 --distribution LIBMEMCACHED_KETAMA --hash SHA1",
        "--servers a:x --distribution LIBMEMCACHED_KETAMA",
        "--servers [::1 --distribution LIBMEMCACHED_KETAMA",
        "--servers a:11211:1:2 --distribution LIBMEMCACHED_KETAMA",
        "--servers a:11211 --distribution LIBMEMCACHED_KETAMA --dead b:11211",
        "--servers a:11211 --distribution LIBMEMCACHED_KETAMA --dead a",
        "--servers a:11211 --distribution LIBMEMCACHED_KETAMA --eject never",
        "--servers a:11211 --distribution LIBMEMCACHED_KETAMA --verbose",
        "--servers a:11211 --distribution LIBMEMCACHED_KETAMA --hash",
        "--servers a:11211 --servers b:11211 --distribution LIBMEMCACHED_KETAMA",
    })
    void aBadCommandLineIsOneLineOnStderrAndStatus2(String commandLine) {
        Run run = run(bytes("key\n"), commandLine.split(" "));
        assertEquals(2, run.status);
        assertEquals("", run.out);
        assertEquals(1, run.err.lines().count(), run.err);
        assertTrue(run.err.startsWith("WhichServer: "), run.err);
    }

    /** The real thing: a JVM running main, stdin piped, exit status from System.exit. */
    @Test
    void asAProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<String> command = List.of(java, "-cp", classpath, WhichServer.class.getName(), "--servers",
                "127.0.0.1:11211 127.0.0.1:11212", "--distribution", "LIBMEMCACHED_KETAMA");
        Process ok = new ProcessBuilder(command).start();
        ok.getOutputStream().write(bytes("a\nb\n"));
        ok.getOutputStream().close();
        String out = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ok.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, ok.exitValue(), new String(ok.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(run(bytes("a\nb\n"), command.subList(4, command.size()).toArray(new String[0])).out, out);

        List<String> bad = new ArrayList<>(command.subList(0, 4));
        bad.addAll(List.of("--servers", "127.0.0.1:11211", "--distribution", "NOPE"));
        Process failing = new ProcessBuilder(bad).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String err = new String(failing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(failing.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, failing.exitValue());
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("NOPE"), err);
        assertEquals("", new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
