package dev.ketch.it;

import static dev.ketch.it.failover.Clients.EVENT_WAIT;
import static dev.ketch.it.failover.Clients.HANG_LIMIT;
import static dev.ketch.it.failover.Clients.OPERATION_TIMEOUT;
import static dev.ketch.it.failover.Figures.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
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
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server that is down when the client starts: the client starts anyway and serves from the rest. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailoverStartupIT {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Nothing listens on one server's port: the first operations on its keys wait for the first
     * connection attempt, which is refused, and then go to the next server. No caller sees an
     * error.
     */
    @Test
    void aRefusedServerAtStartUpIsEjectedBeforeAnyCallerNotices() throws Exception {
        List<Server> servers = List.of(Server.start(), Server.start());
        Events events = new Events();
        String missing = "127.0.0.1:" + freePort();
        List<String> addresses = List.of(servers.get(0).address(), missing, servers.get(1).address());
        List<String> keys = Clients.keys("start:", 2000);
        try {
            long built = System.nanoTime();
            try (MemcacheClient<String> client = Clients.builder(Clients.failover(Failover.ejectSkip()), events,
                    addresses).build()) {
                Load load = new Load(client, keys, "start-w:", HANG_LIMIT).start(4);
                long ejected = events.await("ejected", missing, EVENT_WAIT).nanos();
                Thread.sleep(1000);
                Outcomes all = new Outcomes(load.stop());
                assertTrue(all.failed().isEmpty(), all.failed().sample());
                assertTrue(all.maxLatencyMillis() <= OPERATION_TIMEOUT.toMillis() + 1000, all.maxLatencyMillis() + " ms");
                for (String key : keys) {
                    assertTrue(!missing.equals(String.valueOf(client.serverFor(key))), key);
                }
                Figures.report("down at start-up (refused)", "ejected " + millis(ejected - built)
                        + " ms after the client was built; failed " + all.failed().size() + " of " + all.size()
                        + "; slowest future " + all.maxLatencyMillis() + " ms");
            }
        } finally {
            servers.forEach(Server::close);
        }
    }

    /**
     * One server accepts connections but never answers: the client is usable at once for the other
     * servers' keys; that server's keys time out until it is declared dead, then go elsewhere.
     */
    @Test
    void aSilentServerAtStartUpCostsItsKeysTimeoutsUntilTheLimit() throws Exception {
        List<Server> servers = List.of(Server.start(), Server.start(), Server.start());
        Events events = new Events();
        try (FaultProxy proxy = new FaultProxy(0, servers.get(1).port())) {
            proxy.blackHole();
            String silent = proxy.address();
            List<String> addresses = List.of(servers.get(0).address(), silent, servers.get(2).address());
            List<String> keys = Clients.keys("start2:", 2000);
            long built = System.nanoTime();
            try (MemcacheClient<String> client = Clients.builder(Clients.failover(Failover.ejectSkip()), events,
                    addresses).build()) {
                Set<String> silentKeys = Clients.ownedBy(Clients.owners(client, keys), silent);
                Set<String> liveKeys = new HashSet<>(keys);
                liveKeys.removeAll(silentKeys);
                Load load = new Load(client, keys, "start2-w:", HANG_LIMIT).start(4);
                Events.Event down = events.await("down", silent, EVENT_WAIT);
                long ejected = events.await("ejected", silent, EVENT_WAIT).nanos();
                Thread.sleep(1000);
                Outcomes all = new Outcomes(load.stop());
                assertInstanceOf(MemcacheTimeoutException.class, down.cause());
                assertTrue(all.where(o -> o.failure() instanceof Load.Hung).isEmpty(), all.failed().sample());
                assertTrue(all.on(Kind.GET, liveKeys).failed().isEmpty(), all.on(Kind.GET, liveKeys).failed().sample());
                Outcomes before = all.startedBefore(ejected);
                Outcomes after = all.startedAfter(ejected + TimeUnit.MILLISECONDS.toNanos(100));
                assertTrue(after.failed().isEmpty(), after.failed().sample());
                assertEquals(0, all.on(Kind.GET, liveKeys).where(o -> o.value() != null).size(),
                        "nothing was stored: every read is a miss, and none fails");
                Figures.report("down at start-up (silent)", "declared dead " + millis(down.nanos() - built)
                        + " ms after the client was built; failed before " + before.failed().size() + " of "
                        + before.size() + " " + before.failureTypes() + ", after " + after.failed().size() + " of "
                        + after.size());
            }
        } finally {
            servers.forEach(Server::close);
        }
    }
}
