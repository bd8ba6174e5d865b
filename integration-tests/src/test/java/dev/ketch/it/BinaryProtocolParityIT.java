package dev.ketch.it;

import dev.ketch.it.parity.BinaryExchange;
import dev.ketch.it.parity.BinaryExchangeRunner;
import dev.ketch.it.parity.BinaryProtocolTable;
import dev.ketch.it.parity.ParityAssertions;
import dev.ketch.it.parity.Transcript;
import dev.ketch.it.support.ParityServers;
import java.time.Duration;
import java.util.List;
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
 * Runs every row of the {@link BinaryProtocolTable} against a real memcached and the Ketch server
 * (both started as processes with {@code -m 64}) and requires the same reply packets, field by
 * field, and the same "closed by the server or still usable" outcome. Each row runs on both
 * servers at once, on fresh connections, after both were flushed.
 */
class BinaryProtocolParityIT {

    private static final Duration REPLY_TIMEOUT =
            Duration.ofMillis(Long.getLong("ketch.it.replyTimeoutMillis", 3000));
    private static final BinaryExchangeRunner RUNNER = new BinaryExchangeRunner(REPLY_TIMEOUT);

    private static ParityServers servers;

    @BeforeAll
    static void startServers() {
        servers = ParityServers.startIfMemcachedInstalled(REPLY_TIMEOUT, "-m", "64");
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    static Stream<Arguments> table() {
        List<BinaryExchange> rows = BinaryProtocolTable.rows();
        return IntStream.range(0, rows.size())
                .mapToObj(i -> Arguments.of(rows.get(i), BinaryProtocolTable.keyPrefix(i)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void ketchAnswersLikeMemcached(BinaryExchange exchange, String keyPrefix) throws Exception {
        ParityServers.Results<Transcript> results = ParityServers.require(servers)
                .runOnBoth(port -> RUNNER.run(exchange, port, keyPrefix));
        ParityAssertions.assertKetchLikeMemcached(exchange.name(), results);
    }
}
