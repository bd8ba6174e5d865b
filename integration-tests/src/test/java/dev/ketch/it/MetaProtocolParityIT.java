package dev.ketch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.it.parity.Exchange;
import dev.ketch.it.parity.ExchangeRunner;
import dev.ketch.it.parity.MetaProtocolTable;
import dev.ketch.it.parity.Transcript;
import dev.ketch.it.support.KetchServer;
import dev.ketch.it.support.RealMemcached;
import dev.ketch.it.support.ServerProcess;
import dev.ketch.it.support.Skip;
import dev.ketch.it.support.TextConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every row of the {@link MetaProtocolTable} against a real memcached and the Ketch server,
 * exactly as {@link TextProtocolParityIT} runs the text-protocol table: both started as processes
 * with {@code -m 64}, identical replies byte for byte, each row on both servers at once after both
 * were flushed.
 */
class MetaProtocolParityIT {

    private static final Duration REPLY_TIMEOUT =
            Duration.ofMillis(Long.getLong("ketch.it.replyTimeoutMillis", 3000));
    private static final ExchangeRunner RUNNER = new ExchangeRunner(REPLY_TIMEOUT);

    private static ServerProcess memcached;
    private static ServerProcess ketch;
    private static ExecutorService bothAtOnce;

    /**
     * Starts both servers, unless memcached is missing: then every row is skipped (an assumption
     * failing here would hide the rows from the test reports instead of listing them as skipped).
     */
    @BeforeAll
    static void startServers() {
        if (!RealMemcached.isInstalled()) {
            return;
        }
        memcached = RealMemcached.start("-m", "64");
        ketch = KetchServer.start("-m", "64");
        bothAtOnce = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopServers() {
        if (bothAtOnce != null) {
            bothAtOnce.shutdownNow();
        }
        if (memcached != null) {
            memcached.close();
        }
        if (ketch != null) {
            ketch.close();
            KetchServer.assertNoLeakReports(ketch);
        }
    }

    static Stream<Arguments> table() {
        List<Exchange> rows = MetaProtocolTable.rows();
        return IntStream.range(0, rows.size())
                .mapToObj(i -> Arguments.of(rows.get(i), MetaProtocolTable.keyPrefix(i)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void ketchRepliesLikeMemcached(Exchange exchange, String keyPrefix) throws Exception {
        Skip.unless(memcached != null, RealMemcached.NOT_FOUND);
        flush(memcached);
        flush(ketch);
        Future<Transcript> reference = bothAtOnce.submit(() -> RUNNER.run(exchange, memcached.port(), keyPrefix));
        Future<Transcript> underTest = bothAtOnce.submit(() -> RUNNER.run(exchange, ketch.port(), keyPrefix));
        Transcript expected = reference.get();
        Transcript actual = underTest.get();
        if (Boolean.getBoolean("ketch.it.printTranscripts")) {
            System.out.println("### " + exchange.name() + "\n" + expected + "\n");
        }

        assertTrue(expected.expectationFailures().isEmpty(), () -> "table row '" + exchange.name()
                + "' documents replies that real memcached did not give (fix the row):\n"
                + String.join("\n", expected.expectationFailures()) + "\nmemcached transcript:\n" + expected);
        assertEquals(expected.text(), actual.text(), () -> KetchServer.label() + " differs from memcached in '"
                + exchange.name() + "' (expected = memcached, actual = " + KetchServer.label() + ")");
    }

    private static void flush(ServerProcess server) throws Exception {
        try (TextConnection connection = TextConnection.open(server.port(), REPLY_TIMEOUT)) {
            connection.send("flush_all\r\n");
            String reply = connection.readLine();
            assertEquals("OK", reply, "flush_all before the row on " + server);
        } catch (IOException e) {
            throw new AssertionError("cannot flush " + server + " before the row (alive: " + server.isAlive()
                    + ")\n" + server.stderr(), e);
        }
    }
}
