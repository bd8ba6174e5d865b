package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.testing.ChildProcesses;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a process: signals, exit statuses, pid file (Linux: signals are sent with kill). */
@Timeout(60)
class LauncherProcessTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    private Process launch(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FakeServerMain.class.getName()));
        command.addAll(List.of(args));
        return processes.start(new ProcessBuilder(command));
    }

    private static String firstLine(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return r.readLine();
    }

    private static void signal(Process p, String name) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor());
    }

    private static String rest(Process p) throws Exception {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String stderr(Process p) throws Exception {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void sigtermStopsCleanlyWithStatusZeroAfterWritingThePidFile() throws Exception {
        Path pidFile = dir.resolve("ketch.pid");
        Process p = launch(List.of(), "-p", "12345", "-P", pidFile.toString());
        assertEquals("started 12345", firstLine(p));
        awaitFile(pidFile);
        assertEquals(p.pid() + "\n", Files.readString(pidFile));
        signal(p, "TERM");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("closed\n", rest(p));
        assertEquals("", stderr(p));
    }

    @Test
    void sigintWithVerbosityExitsNormallyAndSaysSo() throws Exception {
        Process p = launch(List.of(), "-v");
        assertEquals("started 11211", firstLine(p));
        signal(p, "INT");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("Exiting normally\n", stderr(p));
    }

    @Test
    void sigusr1StopsGracefullyAndSighupDoesNotStop() throws Exception {
        Process p = launch(List.of());
        assertEquals("started 11211", firstLine(p));
        signal(p, "HUP");
        assertFalse(p.waitFor(1, TimeUnit.SECONDS), "SIGHUP must not stop the server");
        signal(p, "USR1");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("closed\n", rest(p));
        assertEquals("Gracefully stopping\n", stderr(p));
    }

    @Test
    void aFailedStartIsEXOSErrWithTheServersMessage() throws Exception {
        Process p = launch(List.of("-Dfake.fail=true"), "-p", "22122");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(71, p.exitValue());
        assertEquals("failed to listen on TCP port 22122: Address already in use\n", stderr(p));
    }

    @Test
    void refusalsExitBeforeStarting() throws Exception {
        Process p = launch(List.of(), "-B", "http");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(64, p.exitValue());
        assertEquals("", rest(p));
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(file); i++) {
            Thread.sleep(25);
        }
    }
}
