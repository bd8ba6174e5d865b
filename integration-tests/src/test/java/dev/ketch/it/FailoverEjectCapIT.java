package dev.ketch.it;

import static dev.ketch.it.failover.Clients.EVENT_WAIT;
import static dev.ketch.it.failover.Clients.HANG_LIMIT;
import static dev.ketch.it.failover.Figures.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.cluster.Failover;
import dev.ketch.it.failover.Clients;
import dev.ketch.it.failover.Events;
import dev.ketch.it.failover.FaultProxy;
import dev.ketch.it.failover.Figures;
import dev.ketch.it.failover.Load;
import dev.ketch.it.failover.Outcomes;
import dev.ketch.it.failover.Server;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Four of six servers go silent at once (a network blip): with the default cap, a third of the
 * servers, only two are declared dead for timeouts and ejected; the other two stay on the ring,
 * keep their keys and are still tried (their operations fail, but no key moves). A hard failure is
 * not capped. When the blip ends everything is back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailoverEjectCapIT {

    @Test
    void theCapLimitsHowManyServersTimeoutsEjectAtOnce() throws Exception {
        List<Server> servers = new ArrayList<>();
        List<FaultProxy> proxies = new ArrayList<>();
        Events events = new Events();
        try {
            for (int i = 0; i < 6; i++) {
                servers.add(Server.start());
            }
            for (int i = 0; i < 4; i++) {
                proxies.add(new FaultProxy(0, servers.get(i).port()));
            }
            List<String> addresses = new ArrayList<>();
            proxies.forEach(p -> addresses.add(p.address()));
            addresses.add(servers.get(4).address());
            addresses.add(servers.get(5).address());
            Set<String> silent = new HashSet<>(addresses.subList(0, 4));
            String healthy = addresses.get(4);
            List<String> keys = Clients.keys("cap:", 3000);
            try (MemcacheClient<String> client = Clients.builder(Clients.failover(Failover.ejectSkip()), events,
                    addresses).build()) {
                assertTrue(client.awaitConnected(EVENT_WAIT));
                Clients.preload(addresses, keys);
                Map<String, String> before = Clients.owners(client, keys);
                Load load = new Load(client, keys, "cap-w:", HANG_LIMIT).start(6);
                Thread.sleep(500);
                long blip = System.nanoTime();
                for (FaultProxy p : proxies) {
                    p.blackHole();
                }
                long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
                while (events.downNow().size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                long twoDown = System.nanoTime();
                Set<String> out = events.downNow();
                assertEquals(2, out.size(), events.toString());
                assertTrue(silent.containsAll(out), out.toString());
                Thread.sleep(1500);
                assertEquals(out, events.downNow(), "no third server declared dead for timeouts");

                // the two kept on the ring keep their keys and are still tried; the ejected are only probed
                Map<String, String> during = Clients.owners(client, keys);
                List<Integer> accepted = new ArrayList<>();
                List<Long> bytes = new ArrayList<>();
                for (FaultProxy p : proxies) {
                    accepted.add(p.accepted());
                    bytes.add(p.bytesFromClients());
                }
                Thread.sleep(1000);
                for (int i = 0; i < 4; i++) {
                    String server = proxies.get(i).address();
                    int attempts = proxies.get(i).accepted() - accepted.get(i);
                    long sent = proxies.get(i).bytesFromClients() - bytes.get(i);
                    Set<String> itsKeys = Clients.ownedBy(before, server);
                    if (out.contains(server)) {
                        assertTrue(sent <= 24L * attempts, "ejected, only probed: " + sent + " bytes, " + attempts
                                + " probes");
                        itsKeys.forEach(k -> assertNotEquals(server, during.get(k), k));
                    } else {
                        assertTrue(attempts >= 1, "kept on the ring and still tried");
                        itsKeys.forEach(k -> assertEquals(server, during.get(k), k));
                    }
                }

                // a refused connection is not capped
                servers.get(4).kill();
                events.await("ejected", healthy, EVENT_WAIT);
                assertEquals(3, events.downNow().size());
                assertEquals(3, events.mostDownAtOnce(), events.toString());

                long restored = System.nanoTime();
                for (FaultProxy p : proxies) {
                    p.forward();
                }
                servers.get(4).restart();
                for (String server : out) {
                    events.await("rejoined", server, EVENT_WAIT);
                }
                events.await("rejoined", healthy, EVENT_WAIT);
                long allBack = System.nanoTime();
                Thread.sleep(500);
                long quiet = System.nanoTime();
                Thread.sleep(500);
                Outcomes all = new Outcomes(load.stop());
                assertTrue(events.downNow().isEmpty(), events.toString());
                assertTrue(all.where(o -> o.failure() instanceof Load.Hung).isEmpty(), all.failed().sample());
                Outcomes end = all.startedAfter(quiet);
                assertTrue(end.failed().isEmpty(), "all back: " + end.failed().sample());
                Figures.report("eject cap", "4 of 6 servers silenced, 2 declared dead "
                        + millis(twoDown - blip) + " ms later and no more (cap: a third), the other 2 kept on the ring; "
                        + "a refused server was still ejected; all back " + millis(allBack - restored)
                        + " ms after the blip ended; operations failed during the blip "
                        + all.startedBetween(blip, restored).failed().size() + " of "
                        + all.startedBetween(blip, restored).size());
            }
        } finally {
            for (FaultProxy p : proxies) {
                p.close();
            }
            servers.forEach(Server::close);
        }
    }
}
