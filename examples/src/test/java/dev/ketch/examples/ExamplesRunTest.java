package dev.ketch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.server.junit.MemcachedServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every example runs against the bundled server and does what its comments say. */
class ExamplesRunTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension();

    /**
     * Loads and links the client's classes once, so that no example's first call pays for a cold
     * JVM within its one-second timeout on a busy machine.
     */
    @BeforeAll
    static void warmUp() throws InterruptedException {
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(server()).build()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(30)));
            client.blocking().set("warm-up", 1, "x");
        }
    }

    private static String server() {
        return "127.0.0.1:" + memcached.port();
    }

    /** What {@code main} printed. */
    private static String output(ThrowingRunnable main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void clientQuickStartStoresAndReadsBack() throws Exception {
        assertEquals("hello {greeting=hello}", output(() -> ClientQuickStart.main(new String[] {server()})));
    }

    @Test
    void casUpdateAppliesTheChangeAndReportsAMissingKey() throws Exception {
        assertEquals("2", output(() -> CasExample.main(new String[] {server()})));
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(server()).build()) {
            assertEquals(false, CasExample.update(client, "no-such-key", v -> v + "!"));
        }
    }

    @Test
    void casUpdateRetriesWhenAnotherWriterGetsInBetween() {
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(server()).build()) {
            client.blocking().set("counter", 0, "10");
            int[] calls = {0};
            boolean updated = CasExample.update(client, "counter", v -> {
                if (calls[0]++ == 0) {
                    client.blocking().set("counter", 0, "20");   // a concurrent writer, between gets and cas
                }
                return Integer.toString(Integer.parseInt(v) + 1);
            });
            assertTrue(updated);
            assertEquals(2, calls[0], "the first cas found the item changed and the loop read it again");
            assertEquals("21", client.blocking().get("counter"));
        }
    }

    @Test
    void failoverSettingsBuildAWorkingClient() throws Exception {
        String printed = output(() -> FailoverSettings.main(new String[] {server()}));
        assertEquals(server() + " Ada", printed);
        List<String> events = new CopyOnWriteArrayList<>();
        try (MemcacheClient<String> client = FailoverSettings.build(List.of(server()), events)) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(10)));
        }
        assertEquals(List.of(), events, "a healthy server is never ejected");
    }

    @Test
    void embeddedServerServesAClient() throws Exception {
        assertEquals("v", output(() -> EmbeddedServer.main(new String[0])));
    }
}
