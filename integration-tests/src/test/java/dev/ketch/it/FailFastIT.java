package dev.ketch.it;

import static dev.ketch.it.failover.Clients.EVENT_WAIT;
import static dev.ketch.it.failover.Clients.HANG_LIMIT;
import static dev.ketch.it.failover.Clients.HARD_FAILURE_OPERATION_TIMEOUT;
import static dev.ketch.it.failover.Figures.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheUnavailableException;
import dev.ketch.client.cluster.Failover;
import dev.ketch.it.failover.Clients;
import dev.ketch.it.failover.Events;
import dev.ketch.it.failover.Figures;
import dev.ketch.it.failover.Load;
import dev.ketch.it.failover.Load.Kind;
import dev.ketch.it.failover.Load.Outcome;
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
 * The fail-fast policy: a killed server's keys fail at once with {@link
 * MemcacheUnavailableException} while it is down, nothing moves, the other keys are served, and a
 * multi-get returns the live part. When it answers again its keys work again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailFastIT {

    @Test
    void aDeadServersKeysFailAtOnceAndTheOthersSucceed() throws Exception {
        List<Server> servers = List.of(Server.start(), Server.start(), Server.start());
        Events events = new Events();
        List<String> addresses = servers.stream().map(Server::address).toList();
        Server victim = servers.get(2);
        String dead = victim.address();
        List<String> keys = Clients.keys("ff:", 3000);
        try (MemcacheClient<String> client = Clients.hardFailureBuilder(Clients.failover(Failover.failFast()), events, addresses)
                .build()) {
            assertTrue(client.awaitConnected(EVENT_WAIT));
            Clients.preload(addresses, keys);
            Map<String, String> owners = Clients.owners(client, keys);
            Set<String> deadKeys = Clients.ownedBy(owners, dead);
            Set<String> liveKeys = new HashSet<>(keys);
            liveKeys.removeAll(deadKeys);
            Load load = new Load(client, keys, "ff-w:", HANG_LIMIT).start(6);
            Thread.sleep(700);
            long killed = System.nanoTime();
            victim.kill();
            long down = events.await("down", dead, EVENT_WAIT).nanos();
            assertEquals(owners, Clients.owners(client, keys), "nothing moves");
            Thread.sleep(1200);
            long restarted = System.nanoTime();
            victim.restart();
            long up = events.await("up", dead, EVENT_WAIT).nanos();
            Thread.sleep(500);
            Outcomes all = new Outcomes(load.stop());

            assertTrue(all.where(o -> o.failure() instanceof Load.Hung).isEmpty(), all.failed().sample());
            assertTrue(all.on(Kind.GET, liveKeys).failed().isEmpty(), all.on(Kind.GET, liveKeys).failed().sample());
            Outcomes whileDown = all.startedBetween(down + TimeUnit.MILLISECONDS.toNanos(50), restarted);
            Outcomes deadReads = whileDown.on(Kind.GET, deadKeys);
            assertTrue(deadReads.size() > 10, deadReads.toString());
            for (Outcome o : deadReads.all()) {
                assertTrue(o.failure() instanceof MemcacheUnavailableException, String.valueOf(o.failure()));
            }
            long slowestFailure = deadReads.maxLatencyMillis();
            assertTrue(slowestFailure < HARD_FAILURE_OPERATION_TIMEOUT.toMillis() / 5, "failed at once, not at the "
                    + HARD_FAILURE_OPERATION_TIMEOUT.toMillis() + " ms timeout: " + slowestFailure + " ms");
            for (Outcome multi : whileDown.of(Kind.MULTI_GET).all()) {
                if (liveKeys.stream().anyMatch(multi.keys()::contains)) {
                    assertTrue(!multi.failed(), "a multi-get with live keys succeeds: " + multi.failure());
                    @SuppressWarnings("unchecked")
                    Map<String, String> found = (Map<String, String>) multi.value();
                    for (String key : multi.keys()) {
                        assertEquals(liveKeys.contains(key), found.containsKey(key), key);
                    }
                }
            }
            Outcomes afterUp = all.startedAfter(up + TimeUnit.MILLISECONDS.toNanos(100));
            assertTrue(afterUp.failed().isEmpty(), afterUp.failed().sample());
            Figures.report("fail fast", "declared dead " + millis(down - killed) + " ms after the kill; then its keys "
                    + "failed with MemcacheUnavailableException within " + slowestFailure + " ms ("
                    + deadReads.size() + " reads); other keys failed "
                    + whileDown.on(Kind.GET, liveKeys).failed().size() + "; up " + millis(up - restarted)
                    + " ms after the restart; failed after " + afterUp.failed().size() + " of " + afterUp.size());
        } finally {
            servers.forEach(Server::close);
        }
    }
}
