package dev.ketch.it;

import static dev.ketch.it.failover.Clients.EVENT_WAIT;
import static dev.ketch.it.failover.Clients.HANG_LIMIT;
import static dev.ketch.it.failover.Clients.MAX_RETRY_TIMEOUT;
import static dev.ketch.it.failover.Clients.RECONNECT_MAX;
import static dev.ketch.it.failover.Clients.RETRY_TIMEOUT;
import static dev.ketch.it.failover.Figures.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.cluster.Failover;
import dev.ketch.it.failover.Clients;
import dev.ketch.it.failover.Events;
import dev.ketch.it.failover.FaultProxy;
import dev.ketch.it.failover.Figures;
import dev.ketch.it.failover.Load;
import dev.ketch.it.failover.Load.Kind;
import dev.ketch.it.failover.Outcomes;
import dev.ketch.it.failover.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Servers that come and go: the rate of connection attempts, counted at the proxy, is held down by
 * the backoffs whatever the server does, and the other servers' keys are never disturbed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailoverFlappingIT {

    private static final Duration WATCH = Duration.ofSeconds(4);

    private static List<Long> gapsMillis(List<Long> acceptNanos) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < acceptNanos.size(); i++) {
            gaps.add(millis(acceptNanos.get(i) - acceptNanos.get(i - 1)));
        }
        return gaps;
    }

    private static List<Long> since(List<Long> times, long from) {
        return times.stream().filter(t -> t - from >= 0).toList();
    }

    /**
     * A server that accepts connections and closes them at once, before answering (it crashes
     * right after start, over and over): it is declared dead on the first such connection and then
     * probed after delays that double from the retry timeout up to its maximum, never sooner.
     */
    @Test
    void aServerThatDropsEveryConnectionIsProbedEverLessOften() throws Exception {
        List<Server> servers = List.of(Server.start(), Server.start(), Server.start());
        Events events = new Events();
        try (FaultProxy proxy = new FaultProxy(0, servers.get(1).port())) {
            String flapping = proxy.address();
            List<String> addresses = List.of(servers.get(0).address(), flapping, servers.get(2).address());
            List<String> keys = Clients.keys("flap:", 2000);
            try (MemcacheClient<String> client = Clients.hardFailureBuilder(Clients.failover(Failover.ejectSkip()), events,
                    addresses).build()) {
                assertTrue(client.awaitConnected(EVENT_WAIT));
                Clients.preload(addresses, keys);
                Set<String> liveKeys = new HashSet<>(keys);
                liveKeys.removeAll(Clients.ownedBy(Clients.owners(client, keys), flapping));
                Load load = new Load(client, keys, "flap-w:", HANG_LIMIT).start(4);
                Thread.sleep(600); // longer than the longest reconnect delay: the connection counts as stable
                long start = System.nanoTime();
                proxy.cutOnAccept();
                events.await("ejected", flapping, EVENT_WAIT);
                Thread.sleep(WATCH.toMillis());
                List<Long> attempts = since(proxy.acceptTimes(), start);
                long watched = System.nanoTime() - start;
                Outcomes all = new Outcomes(load.stop());

                // at once after losing a stable connection, then probes no sooner than the backoff allows
                List<Long> gaps = gapsMillis(attempts);
                long bound = RETRY_TIMEOUT.toMillis();
                for (int i = 1; i < gaps.size(); i++) {
                    assertTrue(gaps.get(i) >= bound - 5, "probe " + i + " came " + gaps.get(i) + " ms after the last, "
                            + "before the " + bound + " ms backoff: " + gaps);
                    bound = Math.min(bound * 2, MAX_RETRY_TIMEOUT.toMillis());
                }
                // 0 ms, then >= 300, 600, 1000, 1000, ... ms apart: at most 6 attempts in 4 s and a bit
                int most = 2 + (int) ((millis(watched) - RETRY_TIMEOUT.toMillis() * 3) / MAX_RETRY_TIMEOUT.toMillis()) + 2;
                assertTrue(attempts.size() <= most, attempts.size() + " attempts in " + millis(watched) + " ms: " + gaps);
                assertEquals(1, events.of("down", flapping).size(), "declared dead once, never up since");
                assertTrue(all.on(Kind.GET, liveKeys).failed().isEmpty(), all.on(Kind.GET, liveKeys).failed().sample());
                assertTrue(all.startedAfter(start + TimeUnit.MILLISECONDS.toNanos(200)).failed().isEmpty(),
                        all.failed().sample());
                Figures.report("flapping (dropped on accept)", attempts.size() + " connection attempts in "
                        + millis(watched) + " ms, gaps " + gaps + " ms; declared dead once; failed after 200 ms: "
                        + all.startedAfter(start + TimeUnit.MILLISECONDS.toNanos(200)).failed().size());
            }
        } finally {
            servers.forEach(Server::close);
        }
    }

    /**
     * A server that answers and then drops every connection 50 ms after accepting it: each attempt
     * succeeds, so the server is never declared dead, but each connection is lost before it was up
     * long enough to count as stable, so the reconnect delay doubles up to its maximum.
     */
    @Test
    void aServerThatDropsEveryConnectionSoonAfterIsReconnectedEverLessOften() throws Exception {
        List<Server> servers = List.of(Server.start(), Server.start());
        Events events = new Events();
        try (FaultProxy proxy = new FaultProxy(0, servers.get(1).port())) {
            String flapping = proxy.address();
            List<String> addresses = List.of(servers.get(0).address(), flapping);
            List<String> keys = Clients.keys("flap2:", 1000);
            try (MemcacheClient<String> client = Clients.hardFailureBuilder(Clients.failover(Failover.ejectSkip()), events,
                    addresses).build()) {
                assertTrue(client.awaitConnected(EVENT_WAIT));
                Clients.preload(addresses, keys);
                Map<String, String> owners = Clients.owners(client, keys);
                Set<String> liveKeys = new HashSet<>(keys);
                liveKeys.removeAll(Clients.ownedBy(owners, flapping));
                Load load = new Load(client, keys, "flap2-w:", HANG_LIMIT).start(4);
                long start = System.nanoTime();
                proxy.cutEachAfter(Duration.ofMillis(50));
                proxy.cutAll();
                Thread.sleep(WATCH.toMillis());
                List<Long> attempts = since(proxy.acceptTimes(), start);
                long watched = System.nanoTime() - start;
                Outcomes all = new Outcomes(load.stop());

                List<Long> gaps = gapsMillis(attempts);
                // reconnect delays 10-20, 20-40, ... up to 250-500 ms, each after 50 ms of life: from the
                // sixth attempt on they are at least 50 + 250 ms apart (a spinning client: 50 ms)
                for (int i = 6; i < gaps.size(); i++) {
                    assertTrue(gaps.get(i) >= RECONNECT_MAX.toMillis() / 2, "attempt " + (i + 1) + " after "
                            + gaps.get(i) + " ms: " + gaps);
                }
                int most = 7 + (int) (millis(watched) / (50 + RECONNECT_MAX.toMillis() / 2)) + 1;
                assertTrue(attempts.size() <= most, attempts.size() + " attempts in " + millis(watched) + " ms: " + gaps);
                assertTrue(attempts.size() >= 5, "it did reconnect: " + gaps);
                assertTrue(all.on(Kind.GET, liveKeys).failed().isEmpty(), all.on(Kind.GET, liveKeys).failed().sample());
                Figures.report("flapping (dropped 50 ms after accept)", attempts.size() + " connection attempts in "
                        + millis(watched) + " ms, gaps " + gaps + " ms; declared dead "
                        + events.of("down", flapping).size() + " times; operations failed "
                        + all.failed().size() + " of " + all.size() + " " + all.failureTypes());
            }
        } finally {
            servers.forEach(Server::close);
        }
    }
}
