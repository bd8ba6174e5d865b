package dev.ketch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.it.failover.BlackHoleFigure;
import dev.ketch.it.failover.Events;
import dev.ketch.it.failover.FaultProxy;
import dev.ketch.it.failover.Figures;
import dev.ketch.it.failover.Server;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With the client's defaults, a black-holed server among three (behind a fault proxy that accepts
 * and never answers) costs at most half of the throughput once its first 250 ms of silence are
 * over, and only its own keys see errors: it is suspected from its connection's silence, probed,
 * and ejected, instead of holding every caller for three operation timeouts.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BlackHoleThroughputIT {

    @Test
    void aBlackHoledServerKeepsHalfTheThroughputAfterItsFirst250ms() throws Exception {
        List<Server> servers = List.of(Server.start(), Server.start(), Server.start());
        Events events = new Events();
        try (FaultProxy proxy = new FaultProxy(0, servers.get(1).port())) {
            List<String> addresses = List.of(servers.get(0).address(), proxy.address(), servers.get(2).address());
            try (MemcacheClient<String> client = BlackHoleFigure.defaultClient(addresses, events)) {
                assertTrue(client.awaitConnected(BlackHoleFigure.WAIT));
                BlackHoleFigure.Result r = BlackHoleFigure.measure(client, events, addresses, proxy.address(),
                        proxy::blackHole);
                Figures.report("black-hole throughput, bundled servers behind a proxy, defaults", r.toString());
                BlackHoleFigure.assertHalfTheThroughputKept(r);
                Events.Event down = events.await("down", proxy.address(), BlackHoleFigure.WAIT);
                assertTrue(down.cause().getMessage().contains("probe"), "declared dead by the silence: " + down);
            }
        } finally {
            servers.forEach(Server::close);
        }
    }
}
