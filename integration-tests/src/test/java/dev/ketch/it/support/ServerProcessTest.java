package dev.ketch.it.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

    @Test
    void aServerThatExitsEarlyFailsWithItsStatusAndStderr() {
        AssertionError failure = assertThrows(AssertionError.class, () -> ServerProcess.start("broken",
                List.of("sh", "-c", "echo 'cannot bind: Address already in use' >&2; exit 71"),
                FreePort.find(), Duration.ofSeconds(10)));
        assertTrue(failure.getMessage().contains("exited with status 71"), failure.getMessage());
        assertTrue(failure.getMessage().contains("cannot bind: Address already in use"), failure.getMessage());
    }

    @Test
    void aServerThatNeverListensIsStoppedAfterTheTimeout() {
        AssertionError failure = assertThrows(AssertionError.class, () -> ServerProcess.start("silent",
                List.of("sh", "-c", "echo starting >&2; exec sleep 60"), FreePort.find(), Duration.ofMillis(500)));
        assertTrue(failure.getMessage().contains("did not accept connections"), failure.getMessage());
        assertTrue(failure.getMessage().contains("starting"), failure.getMessage());
    }

    @Test
    void startReturnsOnceListeningAndCloseStopsTheProcess(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("Listen.java");
        Files.writeString(source, "public class Listen { public static void main(String[] a) throws Exception {"
                + " var s = new java.net.ServerSocket(Integer.parseInt(a[0]), 5,"
                + " java.net.InetAddress.getLoopbackAddress()); while (true) { s.accept(); } } }");
        ServerProcess server = ServerProcess.startOnFreePort("listener", port -> List.of(
                KetchServer.javaBinary().toString(), source.toString(), Integer.toString(port)),
                Duration.ofSeconds(30));
        try (TextConnection connection = TextConnection.open(server.port())) {
            assertTrue(server.isAlive());
            assertFalse(connection.isClosedByServer(Duration.ofMillis(50)));
        } finally {
            server.close();
        }
        assertFalse(server.isAlive());
    }
}
