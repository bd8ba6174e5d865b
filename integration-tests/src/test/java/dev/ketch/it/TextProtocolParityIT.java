package dev.ketch.it;

import dev.ketch.it.parity.Exchange;
import dev.ketch.it.parity.ExchangeRunner;
import dev.ketch.it.parity.TextProtocolTable;
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
 * Runs every row of the {@link TextProtocolTable} against a real memcached and the Ketch server
 * (both started as processes with {@code -m 64}) and requires identical replies, byte for byte,
 * and the same "closed by the server or still usable" outcome. Each row runs on both servers at
 * once, on fresh connections, after both were flushed.
 */
class TextProtocolParityIT {

    private static final Duration REPLY_TIMEOUT =
            Duration.ofMillis(Long.getLong("ketch.it.replyTimeoutMillis", 3000));
    private static final ExchangeRunner RUNNER = new ExchangeRunner(REPLY_TIMEOUT);

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
        List<Exchange> rows = TextProtocolTable.rows();
        return IntStream.range(0, rows.size())
                .mapToObj(i -> Arguments.of(rows.get(i), TextProtocolTable.keyPrefix(i)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void ketchRepliesLikeMemcached(Exchange exchange, String keyPrefix) throws Exception {
        ParityServers.Results<Transcript> results = ParityServers.require(servers)
                .runOnBoth(port -> RUNNER.run(exchange, port, keyPrefix));
        ParityAssertions.assertKetchLikeMemcached(exchange.name(), results);
    }
}
