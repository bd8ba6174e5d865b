package dev.ketch.it;

import static dev.ketch.it.failover.Clients.EVENT_WAIT;
import static dev.ketch.it.failover.Clients.FAILURE_LIMIT;
import static dev.ketch.it.failover.Clients.HANG_LIMIT;
import static dev.ketch.it.failover.Clients.OPERATION_TIMEOUT;
import static dev.ketch.it.failover.Figures.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheConnectionException;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.cluster.Failover;
import dev.ketch.it.failover.Clients;
import dev.ketch.it.failover.Events;
import dev.ketch.it.failover.FaultProxy;
import dev.ketch.it.failover.Figures;
import dev.ketch.it.failover.Load;
import dev.ketch.it.failover.Load.Kind;
import dev.ketch.it.failover.Outcomes;
import dev.ketch.it.failover.Server;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that stops answering without closing anything (a hung process, a network that drops
 * packets): operations on its keys time out at their deadline or fail when it is declared dead,
 * which happens when its silence is noticed and a probe is not answered, or after the failure
 * limit of timeouts, whichever comes first; nothing more is sent to it but the probes'
 * {@code version} requests, no thread blocks, and when it answers again it rejoins and gets its
 * keys back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailoverBlackHoleIT {

    private static final int KEYS = 3000;
    /** The binary protocol's version request, all a probe sends: a 24-byte header. */
    private static final int VERSION_REQUEST_BYTES = 24;
    /**
     * Long enough to see a probe: the next comes at most 1.25 retry timeouts after the ejection, or
     * after the attempt then under way (a reconnect after the hung connection was dropped) ends.
     */
    private static final long WATCH_MILLIS = Math.max(1500,
            Clients.CONNECT_TIMEOUT.toMillis() + Clients.RETRY_TIMEOUT.toMillis() * 5 / 4 + 300);

    @Test
    void aBlackHoledServerTimesOutIsEjectedAfterTheLimitAndRejoinsWhenItAnswers() throws Exception {
        List<Server> servers = List.of(Server.start(), Server.start(), Server.start());
        Events events = new Events();
        try (FaultProxy proxy = new FaultProxy(0, servers.get(1).port())) {
            String hole = proxy.address();
            List<String> addresses = List.of(servers.get(0).address(), hole, servers.get(2).address());
            List<String> keys = Clients.keys("hole:", KEYS);
            try (MemcacheClient<String> client = Clients.builder(Clients.failover(Failover.ejectSkip()), events,
                    addresses).build()) {
                assertTrue(client.awaitConnected(EVENT_WAIT));
                Clients.preload(addresses, keys);
                Map<String, String> before = Clients.owners(client, keys);
                Set<String> holeKeys = Clients.ownedBy(before, hole);
                Set<String> liveKeys = new HashSet<>(keys);
                liveKeys.removeAll(holeKeys);

                Load load = new Load(client, keys, "hole-w:", HANG_LIMIT).start(6);
                Thread.sleep(1000);
                long silenced = System.nanoTime();
                proxy.blackHole();
                Events.Event down = events.await("down", hole, EVENT_WAIT);
                long ejected = events.await("ejected", hole, EVENT_WAIT).nanos();
                Thread.sleep(300);
                int acceptedBefore = proxy.accepted();
                long bytesBefore = proxy.bytesFromClients();
                Thread.sleep(WATCH_MILLIS);
                int probes = proxy.accepted() - acceptedBefore;
                long bytesDuringEjection = proxy.bytesFromClients() - bytesBefore;
                long restored = System.nanoTime();
                proxy.forward();
                long rejoined = events.await("rejoined", hole, EVENT_WAIT).nanos();
                Thread.sleep(700);
                Outcomes all = new Outcomes(load.stop());

                assertTrue(all.where(o -> o.failure() instanceof Load.Hung).isEmpty(), all.failed().sample());
                assertTrue(all.maxLatencyMillis() <= OPERATION_TIMEOUT.toMillis() + 1000,
                        "slowest future " + all.maxLatencyMillis() + " ms");
                assertTrue(all.maxCallMillis() < 1000, "no call blocks: slowest " + all.maxCallMillis() + " ms");
                assertInstanceOf(MemcacheTimeoutException.class, down.cause(), "declared dead for timeouts");
                long toDown = down.nanos() - silenced;
                boolean bySilence = down.cause().getMessage().contains("probe");
                assertTrue(bySilence || toDown >= (FAILURE_LIMIT - 1) * OPERATION_TIMEOUT.toNanos(),
                        "timeouts alone declare it dead only at the limit: " + millis(toDown) + " ms");

                // the other servers' keys never noticed
                assertTrue(all.on(Kind.GET, liveKeys).failed().isEmpty(), all.on(Kind.GET, liveKeys).failed().sample());
                // the silent server's keys timed out, or failed at once when it was declared dead
                Outcomes window = all.startedBetween(silenced, ejected);
                for (Load.Outcome o : window.failed().all()) {
                    assertTrue(o.failure() instanceof MemcacheTimeoutException
                            || o.failure() instanceof MemcacheConnectionException, o.failure().toString());
                }
                assertTrue(window.failed().size() > 0, "the silence was noticed: " + window);
                // once ejected: nothing fails, nothing but probes reaches it
                Outcomes afterEjection = all.startedAfter(ejected + TimeUnit.MILLISECONDS.toNanos(100));
                assertTrue(afterEjection.failed().isEmpty(), afterEjection.failed().sample());
                assertTrue(probes >= 1, "probed while dead");
                assertTrue(bytesDuringEjection <= (long) probes * VERSION_REQUEST_BYTES,
                        bytesDuringEjection + " bytes sent to the dead server by " + probes + " probes");

                // back
                assertEquals(before, Clients.owners(client, keys));
                String key = holeKeys.iterator().next();
                assertTrue(client.set(key, 0, "again").get(5, TimeUnit.SECONDS));
                try (MemcacheClient<String> direct = Clients.direct(servers.get(1).address())) {
                    assertEquals("again", direct.get(key).get(5, TimeUnit.SECONDS));
                }

                Figures.report("black hole", "declared dead " + millis(toDown) + " ms after the silence ("
                        + (bySilence ? "silence, unanswered probe" : FAILURE_LIMIT + " timeouts of "
                                + OPERATION_TIMEOUT.toMillis() + " ms") + "), ejected "
                        + millis(ejected - silenced) + " ms after it; failed meanwhile " + window.failed().size()
                        + " of " + window.size() + " " + window.failureTypes() + "; failed after ejection "
                        + afterEjection.failed().size() + " of " + afterEjection.size() + "; " + probes
                        + " probes in " + WATCH_MILLIS + " ms sent " + bytesDuringEjection + " bytes; rejoined "
                        + millis(rejoined - restored) + " ms after it answered again; slowest future "
                        + all.maxLatencyMillis() + " ms");
            }
        } finally {
            servers.forEach(Server::close);
        }
    }
}
