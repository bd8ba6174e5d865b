package dev.ketch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.it.support.FreePort;
import dev.ketch.it.support.KetchServer;
import dev.ketch.it.support.TextConnection;
import dev.ketch.server.testing.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained server jar, copied alone into an empty directory, as a user downloads it:
 * it answers {@code -V} and {@code -h} without starting Netty, serves, and stops on SIGINT even
 * when started the way a script starts a background job (SIGINT ignored).
 */
@Timeout(120)
class ServerJarIT {

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    @TempDir
    Path alone;

    private Path copyJarAlone() throws IOException {
        Path jar = alone.resolve("ketch-server.jar");
        Files.copy(KetchServer.requireJar(), jar, StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }

    private Process run(List<String> prefix, Path jar, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(KetchServer.javaBinary().toString());
        command.add("-verbose:class");
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return processes.start(new ProcessBuilder(command).directory(alone.toFile())
                .redirectOutput(alone.resolve("stdout").toFile()).redirectError(alone.resolve("stderr").toFile()));
    }

    private String stdout() throws IOException {
        return Files.readString(alone.resolve("stdout"), StandardCharsets.UTF_8);
    }

    private static TextConnection awaitOpen(Process server, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return TextConnection.open(port);
            } catch (IOException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the server did not listen on " + port, notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void versionAndHelpAnswerWithoutStartingNetty() throws Exception {
        Path jar = copyJarAlone();
        Process version = run(List.of(), jar, "-V");
        assertTrue(version.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, version.exitValue());
        String out = stdout();
        assertTrue(out.lines().anyMatch(l -> l.startsWith("memcached 1.6.18")), out);
        assertFalse(out.contains("io.netty"), "-V loads no Netty class");

        Process help = run(List.of(), jar, "-h");
        assertTrue(help.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        out = stdout();
        assertTrue(out.contains("-p, --port=<num>"), out);
        assertFalse(out.contains("io.netty"), "-h loads no Netty class");
    }

    @Test
    void runsAloneAndStopsOnSigintEvenWhenStartedWithSigintIgnored() throws Exception {
        Path jar = copyJarAlone();
        int port = FreePort.find();
        Process server = run(List.of("/bin/sh", "-c", "trap '' INT; exec \"$0\" \"$@\""), jar,
                "-p", Integer.toString(port), "-U", "0", "-l", "127.0.0.1", "-u", "root");
        try (TextConnection c = awaitOpen(server, port)) {
            c.send("set k 0 0 1\r\nv\r\n");
            assertEquals("STORED", c.readLine());
        }
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor());
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "SIGINT stopped the server");
        assertEquals(0, server.exitValue());
        assertFalse(Files.readString(alone.resolve("stderr")).contains("Exception"),
                Files.readString(alone.resolve("stderr")));
    }
}
