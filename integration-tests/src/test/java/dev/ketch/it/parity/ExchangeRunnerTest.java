package dev.ketch.it.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.it.support.ScriptedTextServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ExchangeRunnerTest {

    private static final ExchangeRunner RUNNER = new ExchangeRunner(Duration.ofMillis(300));

    @Test
    void casUniquesBecomeLabelsAndAreSentBackVerbatim() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Exchange row = Exchange.named("cas").send("gets {k}a\r\n").values()
                .send("cas {k}a 0 0 1 {cas}\r\n").line("STORED")
                .send("gets {k}a {k}a\r\n").values();
        try (ScriptedTextServer server = new ScriptedTextServer(line -> {
            received.add(line);
            if (line.startsWith("gets")) {
                return "VALUE r000_a 0 1 9876543210\r\nx\r\nEND\r\n";
            }
            return line.startsWith("version") ? "VERSION 1.6.18\r\n" : "STORED\r\n";
        })) {
            Transcript transcript = RUNNER.run(row, server.port(), "r000_");
            assertTrue(received.contains("cas r000_a 0 0 1 9876543210"), received.toString());
            assertTrue(transcript.text().contains("< VALUE r000_a 0 1 <cas1>\\r\\nx\\r\\nEND\\r\\n"), transcript.text());
            assertTrue(transcript.expectationFailures().isEmpty(), transcript.expectationFailures().toString());
            assertTrue(transcript.text().endsWith("= connection still usable (probe 'version' answered)"));
        }
    }

    @Test
    void aDifferentReplyMakesADifferentTranscriptAndFailsTheExpectation() throws Exception {
        Exchange row = Exchange.named("set").send("set {k}a 0 0 1\r\nx\r\n").line("STORED");
        try (ScriptedTextServer good = new ScriptedTextServer(line -> line.startsWith("set") ? "STORED\r\n"
                     : line.startsWith("version") ? "VERSION 1.6.18\r\n" : "");
             ScriptedTextServer bad = new ScriptedTextServer(line -> line.startsWith("set") ? "NOT_STORED\r\n"
                     : line.startsWith("version") ? "VERSION 1.6.18\r\n" : "")) {
            Transcript expected = RUNNER.run(row, good.port(), "r001_");
            Transcript actual = RUNNER.run(row, bad.port(), "r001_");
            assertNotEquals(expected.text(), actual.text());
            assertEquals(1, actual.expectationFailures().size());
        }
    }

    @Test
    void aServerThatStopsAnsweringCannotHangTheRow() throws Exception {
        Exchange row = Exchange.named("silent").send("get {k}a\r\n").values().send("get {k}b\r\n").values();
        try (ScriptedTextServer silent = new ScriptedTextServer(line -> "")) {
            Transcript transcript = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> RUNNER.run(row, silent.port(), "r002_"));
            assertTrue(transcript.text().contains("<skipped: an earlier step timed out>"), transcript.text());
            assertTrue(transcript.text().endsWith("= connection state unknown: a step timed out"));
        }
    }

    @Test
    void aCloseByTheServerIsTheOutcome() throws Exception {
        Exchange row = Exchange.named("quit").send("quit\r\n").awaitClose();
        try (ScriptedTextServer server = new ScriptedTextServer(line -> null)) {
            String transcript = RUNNER.run(row, server.port(), "r003_").text();
            assertTrue(transcript.endsWith("< <connection closed>\n= connection closed by server"), transcript);
        }
    }

    @Test
    void aDocumentedReplyThatNeverCameFailsTheRowsDocumentation() throws Exception {
        Exchange row = Exchange.named("closed early").send("quit\r\n").awaitClose()
                .send("get {k}a\r\n").values("END\r\n");
        try (ScriptedTextServer server = new ScriptedTextServer(line -> null)) {
            Transcript transcript = RUNNER.run(row, server.port(), "r004_");
            assertEquals(1, transcript.expectationFailures().size(), transcript.text());
        }
    }
}
