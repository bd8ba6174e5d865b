package dev.ketch.it;

import static dev.ketch.it.failover.Clients.EVENT_WAIT;
import static dev.ketch.it.failover.Clients.HANG_LIMIT;
import static dev.ketch.it.failover.Clients.HARD_FAILURE_OPERATION_TIMEOUT;
import static dev.ketch.it.failover.Figures.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheConnectionException;
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
 * One of three servers is killed under continuous load from six threads, and later started again
 * (empty) on the same port, with the default policy (eject, skip): every future completes within
 * the operation timeout, the other servers' keys never see an error, the dead server's keys go to
 * the next server clockwise (and only they miss), the error rate is zero once it is ejected, and
 * after it answers a probe its keys go back to it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailoverKillIT {

    private static final int KEYS = 3000;
    /** Operations that completed this long after the ejection event were issued after it. */
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @Test
    void killOneOfThreeUnderLoadThenBringItBack() throws Exception {
        List<Server> servers = List.of(Server.start(), Server.start(), Server.start());
        Events events = new Events();
        List<String> addresses = servers.stream().map(Server::address).toList();
        Server victim = servers.get(1);
        String dead = victim.address();
        List<String> keys = Clients.keys("kill:", KEYS);
        try (MemcacheClient<String> client = Clients.hardFailureBuilder(Clients.failover(Failover.ejectSkip()), events, addresses)
                .build()) {
            assertTrue(client.awaitConnected(EVENT_WAIT));
            Clients.preload(addresses, keys);
            Map<String, String> before = Clients.owners(client, keys);
            Set<String> deadKeys = Clients.ownedBy(before, dead);
            Set<String> liveKeys = new HashSet<>(keys);
            liveKeys.removeAll(deadKeys);
            assertTrue(deadKeys.size() > KEYS / 10, deadKeys.size() + " keys on " + dead);

            Load load = new Load(client, keys, "kill-w:", HANG_LIMIT).start(6);
            Thread.sleep(1000);
            long killed = System.nanoTime();
            victim.kill();
            long ejected = events.await("ejected", dead, EVENT_WAIT).nanos();
            Map<String, String> during = Clients.owners(client, keys);
            Thread.sleep(1500);
            long restarted = System.nanoTime();
            victim.restart();
            long rejoined = events.await("rejoined", dead, EVENT_WAIT).nanos();
            Thread.sleep(1000);
            Outcomes all = new Outcomes(load.stop());

            // every future completed, within the timeout, and no call blocked
            assertTrue(all.where(o -> o.failure() instanceof Load.Hung).isEmpty(), all.failed().sample());
            assertTrue(all.maxLatencyMillis() <= HARD_FAILURE_OPERATION_TIMEOUT.toMillis() + 1000,
                    "slowest future " + all.maxLatencyMillis() + " ms");
            assertTrue(all.maxCallMillis() < 1000, "slowest call " + all.maxCallMillis() + " ms");

            // the live servers' keys never failed and never missed
            Outcomes liveReads = all.on(Kind.GET, liveKeys);
            assertTrue(liveReads.failed().isEmpty(), "live keys: " + liveReads.failed().sample());
            assertTrue(liveReads.where(o -> !Clients.valueOf(o.key()).equals(o.value())).isEmpty(),
                    "live keys always hit");
            for (Outcome multi : all.of(Kind.MULTI_GET).where(o -> !o.failed()).all()) {
                @SuppressWarnings("unchecked")
                Map<String, String> found = (Map<String, String>) multi.value();
                for (String key : multi.keys()) {
                    if (liveKeys.contains(key)) {
                        assertEquals(Clients.valueOf(key), found.get(key), "multi-get returns the live part");
                    }
                }
            }

            // once ejected: no error at all, and the dead server's keys miss
            Outcomes afterEjection = all.startedAfter(ejected + SETTLE_NANOS);
            assertTrue(afterEjection.failed().isEmpty(), "after the ejection: " + afterEjection.failed().sample());
            Outcomes deadReads = all.startedBetween(ejected + SETTLE_NANOS, restarted).on(Kind.GET, deadKeys);
            assertTrue(deadReads.size() > 10, deadReads.toString());
            assertTrue(deadReads.where(o -> o.value() != null).isEmpty(), "the dead server's keys miss");

            // before the ejection, only what was in flight or waiting on the dead server failed
            Outcomes window = all.startedBetween(killed - HARD_FAILURE_OPERATION_TIMEOUT.toNanos(), ejected + SETTLE_NANOS);
            for (Outcome o : window.failed().all()) {
                assertTrue(o.failure() instanceof MemcacheConnectionException, o.failure().toString());
                assertTrue(o.kind() == Kind.SET, "reads are retried on the new owner: " + o);
            }

            // where the dead server's keys went: the next live server, the others unmoved
            for (String key : keys) {
                if (deadKeys.contains(key)) {
                    assertNotEquals(dead, during.get(key), key);
                } else {
                    assertEquals(before.get(key), during.get(key), key + " moved");
                }
            }

            // back: its keys are its own again, and it is empty
            assertEquals(before, Clients.owners(client, keys), "every key routes as before the kill");
            String someDeadKey = deadKeys.iterator().next();
            assertNull(client.get(someDeadKey).get(5, TimeUnit.SECONDS), "the restarted server is empty");
            assertTrue(client.set(someDeadKey, 0, "back").get(5, TimeUnit.SECONDS));
            try (MemcacheClient<String> direct = Clients.direct(dead)) {
                assertEquals("back", direct.get(someDeadKey).get(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of("down " + dead + " (" + events.of("down", dead).get(0).cause().getClass().getSimpleName()
                    + ")", "ejected " + dead + " (" + events.of("ejected", dead).get(0).cause().getClass().getSimpleName()
                    + ")", "up " + dead, "rejoined " + dead),
                    events.all().stream().map(Object::toString).toList());

            Figures.report("kill", "ejected " + millis(ejected - killed) + " ms after the kill ("
                    + events.of("down", dead).get(0).cause().getClass().getSimpleName() + "); failed before ejection "
                    + window.failed().size() + " of " + window.size() + " " + window.failureTypes()
                    + "; failed after ejection " + afterEjection.failed().size() + " of " + afterEjection.size()
                    + "; rejoined " + millis(rejoined - restarted) + " ms after the restart; slowest future "
                    + all.maxLatencyMillis() + " ms; slowest call " + all.maxCallMillis() + " ms; " + all.size()
                    + " operations in " + millis(all.all().get(all.size() - 1).startNanos() - all.all().get(0).startNanos())
                    + " ms");
        } finally {
            servers.forEach(Server::close);
        }
    }
}
