package dev.ketch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.it.failover.Events;
import dev.ketch.it.failover.FaultProxy;
import dev.ketch.it.failover.Figures;
import dev.ketch.it.failover.Server;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 1 MB value on a link throttled to 1 MB/s takes about a second each way: going up, the server
 * says nothing until it has it all (the connection looks silent and the server may be suspected,
 * but it answers the probe on a fresh connection); coming down, bytes keep flowing. With the
 * client's silence detection at its defaults, neither ejects the server, and the value arrives
 * whole. The operation timeout is long, as it must be for such a link.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThrottledLargeValueIT {

    @Test
    void aLargeValueOnASlowLinkIsNotTakenForSilence() throws Exception {
        List<Server> servers = List.of(Server.start(), Server.start());
        Events events = new Events();
        try (FaultProxy proxy = new FaultProxy(0, servers.get(1).port())) {
            List<String> addresses = List.of(servers.get(0).address(), proxy.address());
            try (MemcacheClient<String> client = MemcacheClient.builder().servers(addresses.toArray(new String[0]))
                    .listener(events).operationTimeout(Duration.ofSeconds(20)).build()) {
                assertTrue(client.awaitConnected(Duration.ofSeconds(30)));
                String key = keyOn(client, proxy.address());
                proxy.throttle(1_000_000);
                char[] chars = new char[1_000_000];
                Arrays.fill(chars, 'x');
                String value = new String(chars);
                long start = System.nanoTime();
                assertTrue(client.set(key, 0, value).get(60, TimeUnit.SECONDS));
                long stored = System.nanoTime();
                assertEquals(value, client.get(key).get(60, TimeUnit.SECONDS));
                long read = System.nanoTime();
                Figures.report("1 MB value through 1 MB/s, defaults", "set took " + Figures.millis(stored - start)
                        + " ms, get " + Figures.millis(read - stored) + " ms; suspected "
                        + events.of("suspected", proxy.address()).size() + " times, declared dead "
                        + events.of("down", proxy.address()).size() + " times");
                assertTrue(Figures.millis(stored - start) >= 500, "the link was slow: " + (stored - start));
                assertTrue(events.of("down", proxy.address()).isEmpty(), "not ejected: " + events);
            }
        } finally {
            servers.forEach(Server::close);
        }
    }

    private static String keyOn(MemcacheClient<String> client, String server) {
        for (int i = 0; ; i++) {
            if (String.valueOf(client.serverFor("big" + i)).equals(server)) {
                return "big" + i;
            }
        }
    }
}
