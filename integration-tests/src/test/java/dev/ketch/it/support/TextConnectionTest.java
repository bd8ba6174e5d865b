package dev.ketch.it.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextConnectionTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void readLineGivesUpAfterTheReplyTimeoutWithWhatArrived() throws Exception {
        try (ScriptedTextServer server = new ScriptedTextServer(line -> "STO");
             TextConnection connection = TextConnection.open(server.port(), SHORT)) {
            connection.send("set\r\n");
            ReplyTimeoutException timeout = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(ReplyTimeoutException.class, connection::readLine));
            assertEquals("STO", new String(timeout.partial(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void readUntilEndReadsDataBlocksByLengthEvenWhenTheyContainEnd() throws Exception {
        String reply = "VALUE k 0 7\r\nEND\r\nx\r\nEND\r\n";
        try (ScriptedTextServer server = new ScriptedTextServer(line -> reply);
             TextConnection connection = TextConnection.open(server.port(), SHORT)) {
            connection.send("get k\r\n");
            assertArrayEquals(reply.getBytes(StandardCharsets.ISO_8859_1), connection.readUntilEnd());
        }
    }

    @Test
    void readUntilEndStopsAtAnErrorLine() throws Exception {
        try (ScriptedTextServer server = new ScriptedTextServer(line -> "CLIENT_ERROR bad command line format\r\n");
             TextConnection connection = TextConnection.open(server.port(), SHORT)) {
            connection.send("get k\r\n");
            assertEquals("CLIENT_ERROR bad command line format\r\n",
                    new String(connection.readUntilEnd(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void readAvailableReturnsWhatArrivedOnceTheServerFallsQuiet() throws Exception {
        try (ScriptedTextServer server = new ScriptedTextServer(line -> "ERROR\r\n");
             TextConnection connection = TextConnection.open(server.port(), Duration.ofSeconds(5))) {
            connection.send("\u0080\n");
            byte[] received = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> connection.readAvailable(Duration.ofMillis(100)));
            assertEquals("ERROR\r\n", new String(received, StandardCharsets.ISO_8859_1));
            assertEquals(0, connection.readAvailable(Duration.ofMillis(50)).length);
        }
    }

    @Test
    void aCloseByTheServerIsReportedWithThePartialReply() throws Exception {
        try (ScriptedTextServer server = new ScriptedTextServer(line -> line.equals("quit") ? null : "OK\r\n");
             TextConnection connection = TextConnection.open(server.port(), SHORT)) {
            connection.send("hello\r\n");
            assertEquals("OK", connection.readLine());
            assertFalse(connection.isClosedByServer(Duration.ofMillis(100)));
            connection.send("quit\r\n");
            assertThrows(ConnectionClosedException.class, connection::readLine);
            assertTrue(connection.isClosedByServer(Duration.ofMillis(100)));
        }
    }

    @Test
    void aWriteToAServerThatNeverReadsIsAbortedInsteadOfHanging() throws Exception {
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TextConnection connection = TextConnection.open(deaf.getLocalPort(), SHORT, SHORT);
             Socket accepted = deaf.accept()) {
            byte[] tooMuchToBuffer = new byte[64 << 20];
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(ReplyTimeoutException.class, () -> connection.send(tooMuchToBuffer)));
            assertTrue(accepted.isConnected());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
