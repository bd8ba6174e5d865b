package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.Main;
import dev.ketch.server.testing.ChildProcesses;
import dev.ketch.server.testing.TextClient;
import dev.ketch.server.testing.UnixSocketClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real server as a process: the port file, unix sockets, {@code -Y} and its reload on SIGHUP. */
@Timeout(60)
class MainProcessTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    private Process launch(Path portFile, String... args) throws Exception {
        return launch(List.of(), portFile, args);
    }

    /** The server JVM, run through {@code prefix} (a command that execs the rest) when given. */
    private Process launch(List<String> prefix, Path portFile, String... args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        if (portFile != null) {
            pb.environment().put(PortFile.ENVIRONMENT_VARIABLE, portFile.toString());
        }
        return processes.start(pb);
    }

    private String stderr() throws Exception {
        return Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
    }

    private static void stop(Process p, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }

    private static void await(Path file) throws InterruptedException {
        for (int i = 0; i < 400 && !Files.exists(file); i++) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(file), file + " did not appear");
    }

    @Test
    void thePortFileListsTheChosenPorts() throws Exception {
        Path ports = dir.resolve("ports");
        Process p = launch(ports, "-p", "-1", "-U", "-1", "-l", "127.0.0.1", "-u", "root");
        try {
            await(ports);
            Matcher m = Pattern.compile("TCP INET: (\\d+)\nUDP INET: (\\d+)\n").matcher(Files.readString(ports));
            assertTrue(m.matches(), Files.readString(ports));
            try (TextClient c = new TextClient(Integer.parseInt(m.group(1)))) {
                assertTrue(c.call("version\r\n").startsWith("VERSION "));
                String settings = c.send("stats settings\r\n").untilEnd();
                assertTrue(settings.contains("STAT tcpport -1\r\nSTAT udpport -1\r\n"), settings);
            }
        } finally {
            stop(p, "TERM");
        }
        assertEquals("", stderr());
    }

    @Test
    void aUnixSocketServerWritesNoPortFileAndRemovesItsSocket() throws Exception {
        Path ports = dir.resolve("ports");
        Path socket = dir.resolve("mc.sock");
        Process p = launch(ports, "-s", socket.toString(), "-a", "0770", "-u", "root");
        try {
            await(socket);
            try (UnixSocketClient c = new UnixSocketClient(socket)) {
                assertTrue(c.call("version\r\n").startsWith("VERSION "));
            }
            assertFalse(Files.exists(ports));
            assertEquals("rwxrwx---", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(socket)));
        } finally {
            stop(p, "INT");
        }
        assertFalse(Files.exists(socket));
    }

    /**
     * A script's background job inherits SIGINT ignored (and {@code nohup} SIGHUP); memcached
     * installs its handlers regardless, and so must the server.
     */
    @Test
    void sigintStopsTheServerEvenWhenItInheritedSigintIgnored() throws Exception {
        Path ports = dir.resolve("ports");
        List<String> ignoringSigint = List.of("/bin/sh", "-c", "trap '' INT; exec \"$0\" \"$@\"");
        Process p = launch(ignoringSigint, ports, "-p", "-1", "-U", "0", "-l", "127.0.0.1", "-u", "root");
        await(ports);
        assertEquals("0000000000000000", sigIgn(p), "nothing the server handles stays ignored");
        stop(p, "INT");
        assertEquals("", stderr());
    }

    /** The {@code SigIgn} mask of {@code /proc/PID/status}, limited to SIGHUP, SIGINT, SIGUSR1 and SIGTERM. */
    private static String sigIgn(Process p) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith("SigIgn:")) {
                long handled = (1L << 0) | (1L << 1) | (1L << 9) | (1L << 14);
                return String.format("%016x", Long.parseUnsignedLong(line.substring(7).trim(), 16) & handled);
            }
        }
        throw new AssertionError("no SigIgn line for " + p.pid());
    }

    @Test
    void tcpPortZeroMeansNoTcpListener() throws Exception {
        Path ports = dir.resolve("ports");
        Process p = launch(ports, "-p", "0", "-u", "root");
        try {
            await(ports);
            assertEquals("", Files.readString(ports));
        } finally {
            stop(p, "TERM");
        }
    }

    @Test
    void theAuthFileIsReadAtStartAndOnSighup() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "foo:bar\n");
        Path ports = dir.resolve("ports");
        Process p = launch(ports, "-p", "-1", "-U", "0", "-l", "127.0.0.1", "-Y", users.toString(), "-u", "root");
        try {
            await(ports);
            int port = Integer.parseInt(Files.readString(ports).replaceAll("\\D", ""));
            try (TextClient c = new TextClient(port)) {
                assertEquals("STORED", c.call("set a 0 0 7\r\nfoo bar\r\n"));
            }
            Files.writeString(users, "other:pass\n");
            assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor());
            boolean reloaded = false;
            for (int i = 0; i < 100 && !reloaded; i++) {
                try (TextClient c = new TextClient(port)) {
                    reloaded = c.call("set a 0 0 10\r\nother pass\r\n").equals("STORED");
                }
                Thread.sleep(reloaded ? 0 : 50);
            }
            assertTrue(reloaded, "SIGHUP reloads the users");
            assertTrue(p.isAlive(), "SIGHUP does not stop the server");
        } finally {
            stop(p, "TERM");
        }
    }

    @Test
    void aMissingAuthFileExitsWithStatusOne() throws Exception {
        Path missing = dir.resolve("nope");
        Process p = launch(null, "-p", "-1", "-U", "0", "-l", "127.0.0.1", "-Y", missing.toString(), "-u", "root");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertEquals("Could not open authfile [" + missing + "] for reading, error No such file or directory: "
                + "No such file or directory\n", stderr());
    }
}
