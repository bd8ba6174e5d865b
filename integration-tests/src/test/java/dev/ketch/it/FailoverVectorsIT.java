package dev.ketch.it;

import static dev.ketch.it.failover.Clients.EVENT_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.cluster.Failover;
import dev.ketch.client.transcode.ByteArrayTranscoder;
import dev.ketch.it.failover.Clients;
import dev.ketch.it.failover.Events;
import dev.ketch.it.failover.Figures;
import dev.ketch.it.failover.Server;
import dev.ketch.it.failover.VectorFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libmemcached really ejecting a server ({@code failover-ketama-s5-localhost-ports-dead-11312.tsv}:
 * five servers on 127.0.0.1:11311 to 11315, 11312 dead, REMOVE_FAILED_SERVERS) reproduced by a
 * Ketch client that detects the death itself: after 11312 is killed, every one of the 2,546 keys
 * is routed, by both ejecting policies, to the server libmemcached chose, and is stored there; after
 * it comes back every key routes as in {@code ketama-s5-localhost-ports.tsv} again. The ring hashes
 * the servers' host:port text, so the servers must listen on those very ports; the test is skipped
 * when one of them is taken.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailoverVectorsIT {

    private static final int FIRST_PORT = 11311;
    private static final int BATCH = 100;

    @Test
    void bothEjectingPoliciesSendTheDeadServersKeysWhereLibmemcachedDoes() throws Exception {
        VectorFile normal = VectorFile.read("ketama-s5-localhost-ports.tsv");
        VectorFile failover = VectorFile.read("failover-ketama-s5-localhost-ports-dead-11312.tsv");
        List<Server> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                try {
                    servers.add(Server.startOn(FIRST_PORT + i));
                } catch (RuntimeException taken) {
                    Assumptions.abort("port " + (FIRST_PORT + i) + " is taken (" + taken.getMessage()
                            + "): the vectors need 127.0.0.1:11311 to 11315");
                }
            }
            List<String> addresses = servers.stream().map(Server::address).toList();
            Server victim = servers.get(1);
            Events skipEvents = new Events();
            Events rebuildEvents = new Events();
            try (MemcacheClient<byte[]> skip = Clients.builder(Clients.failover(Failover.ejectSkip()), skipEvents,
                    addresses).transcoder(ByteArrayTranscoder.INSTANCE).build();
                    MemcacheClient<byte[]> rebuild = Clients.builder(Clients.failover(Failover.ejectRebuild()),
                            rebuildEvents, addresses).transcoder(ByteArrayTranscoder.INSTANCE).build()) {
                assertTrue(skip.awaitConnected(EVENT_WAIT) && rebuild.awaitConnected(EVENT_WAIT));
                assertRoutes(normal, skip, "before, skip");
                assertRoutes(normal, rebuild, "before, rebuild");

                victim.kill();
                skipEvents.await("ejected", victim.address(), EVENT_WAIT);
                rebuildEvents.await("ejected", victim.address(), EVENT_WAIT);
                assertRoutes(failover, skip, "11312 ejected, skip");
                assertRoutes(failover, rebuild, "11312 ejected, rebuild");

                List<CompletableFuture<Boolean>> stores = new ArrayList<>();
                for (VectorFile.Row row : failover.rows()) {
                    stores.add(skip.set(row.key(), 0, row.key()));
                    if (stores.size() == BATCH) { // within the 200 ms timeout on a busy machine
                        for (CompletableFuture<Boolean> f : stores) {
                            assertTrue(f.get(10, TimeUnit.SECONDS));
                        }
                        stores.clear();
                    }
                }
                for (CompletableFuture<Boolean> f : stores) {
                    assertTrue(f.get(10, TimeUnit.SECONDS));
                }
                int checked = 0;
                for (Server server : servers) {
                    if (server == victim) {
                        continue;
                    }
                    try (MemcacheClient<byte[]> direct = MemcacheClient.builder().servers(server.address())
                            .transcoder(ByteArrayTranscoder.INSTANCE).build()) {
                        for (VectorFile.Row row : failover.rows()) {
                            boolean held = direct.get(row.key()).get(10, TimeUnit.SECONDS) != null;
                            assertEquals(row.server().equals(server.address()), held, "key " + row.escaped() + " on "
                                    + server.address() + ", libmemcached: " + row.server());
                            checked += held ? 1 : 0;
                        }
                    }
                }
                assertEquals(failover.rows().size(), checked, "every key stored exactly once");

                victim.restart();
                skipEvents.await("rejoined", victim.address(), EVENT_WAIT);
                rebuildEvents.await("rejoined", victim.address(), EVENT_WAIT);
                assertRoutes(normal, skip, "11312 back, skip");
                assertRoutes(normal, rebuild, "11312 back, rebuild");
                Figures.report("vectors", failover.rows().size() + " keys routed and stored where libmemcached "
                        + "1.1.4 put them with 11312 ejected (both policies), and back as before when it returned");
            }
        } finally {
            servers.forEach(Server::close);
        }
    }

    private static void assertRoutes(VectorFile vectors, MemcacheClient<?> client, String when) {
        int wrong = 0;
        String first = null;
        for (VectorFile.Row row : vectors.rows()) {
            String ketch = String.valueOf(client.serverFor(row.key()));
            if (!ketch.equals(row.server())) {
                wrong++;
                if (first == null) {
                    first = row.escaped() + ": libmemcached " + row.server() + ", Ketch " + ketch;
                }
            }
        }
        assertEquals(0, wrong, when + ": " + wrong + " of " + vectors.rows().size() + " keys differ, e.g. " + first);
        assertTrue(vectors.rows().size() > 2000, "the whole file was read");
    }
}
