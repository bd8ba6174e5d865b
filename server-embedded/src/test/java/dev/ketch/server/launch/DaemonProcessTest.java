package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.Main;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -d} as memcached does it: the command returns with status 0 at once, and the daemon, a
 * process of its own in a session of its own, with its standard streams on {@code /dev/null} and
 * {@code /} as its directory, writes the {@code -P} pid file, serves, and removes the pid file when
 * it stops.
 */
@Timeout(120)
class DaemonProcessTest {

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void detachesServesAndCleansUp() throws Exception {
        Path pidFile = dir.resolve("ketch.pid");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "-d", "-P", pidFile.toString(), "-p", Integer.toString(port), "-l", "127.0.0.1", "-U", "0", "-u", "root"));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the command returns while the daemon runs");
        assertEquals(0, launcher.exitValue(), new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        long pid = awaitPid(pidFile);
        Optional<ProcessHandle> daemon = ProcessHandle.of(pid);
        try {
            assertTrue(daemon.isPresent() && daemon.get().isAlive());
            assertNotEquals(launcher.pid(), pid);
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(pid), fields[3], "the daemon leads a session of its own (setsid)");
            assertEquals(Path.of("/"), Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
            assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "1")));
            try (TextClient c = awaitServer(port)) {
                // a daemon JVM just started on a loaded machine may take more than 5 s to answer
                String stats = c.readTimeout(60_000).send("stats\r\n").untilEnd();
                assertTrue(stats.contains("STAT pid " + pid + "\r\n"), stats);
            }
        } finally {
            daemon.ifPresent(ProcessHandle::destroy); // SIGTERM: a normal stop
            if (daemon.isPresent()) {
                daemon.get().onExit().get(60, TimeUnit.SECONDS);
            }
        }
        assertFalse(Files.exists(pidFile), "a daemon removes its pid file when it stops");
    }

    private static long awaitPid(Path pidFile) throws Exception {
        for (int i = 0; i < 2400; i++) {
            if (Files.exists(pidFile)) {
                return Long.parseLong(Files.readString(pidFile).trim());
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no pid file");
    }

    private static TextClient awaitServer(int port) throws Exception {
        for (int i = 0; i < 2400; i++) {
            try {
                return new TextClient(port);
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new AssertionError("the daemon does not listen");
    }
}
