package dev.ketch.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.Protocol;
import dev.ketch.client.cluster.Failover;
import dev.ketch.client.cluster.FailoverPolicy;
import dev.ketch.server.MemcachedServer;
import dev.ketch.server.testing.LeakDetectionExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The meters and observations of {@link KetchMetrics}, read from a {@link SimpleMeterRegistry}. */
@ExtendWith(LeakDetectionExtension.class)
class KetchMetricsTest {

    /**
     * Operation and connect timeouts long enough that a slow moment of a busy machine fails no
     * test that is not about timeouts.
     */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private MemcachedServer server;
    private String name;
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        server = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start();
        name = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private double counter(String meter, String... tags) {
        return registry.get(meter).tags(tags).counter().count();
    }

    @Test
    void timersHitsMissesBytesConnectionsAndTheRing() throws Exception {
        KetchMetrics metrics = KetchMetrics.builder(registry).tags("client", "test").build();
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(name).listener(metrics)
                .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            for (int i = 0; i < 10; i++) {
                client.set("k" + i, 0, "v" + i).join();
            }
            for (int i = 5; i < 13; i++) {
                client.get("k" + i).join(); // 5 hits, 3 misses
            }
            client.getMulti(List.of("k0", "k1", "x", "y")).join(); // 2 hits, 2 misses

            Timer sets = registry.get("ketch.operation").tags("client", "test", "server", name, "command", "set",
                    "error", "none").timer();
            assertEquals(10, sets.count());
            assertEquals(3, sets.takeSnapshot().percentileValues().length, "p50, p95, p99 by default");
            assertEquals(8, registry.get("ketch.operation").tags("command", "get").timer().count());
            assertEquals(1, registry.get("ketch.operation").tags("command", "multi_get").timer().count());
            assertEquals(7, counter("ketch.gets", "server", name, "result", "hit"));
            assertEquals(5, counter("ketch.gets", "server", name, "result", "miss"));
            assertTrue(counter("ketch.bytes.sent", "server", name) > 10 * "k0".length());
            assertTrue(counter("ketch.bytes.received", "server", name) > 0);
            assertEquals(1, counter("ketch.connections.opened", "server", name));
            assertEquals(0, registry.get("ketch.requests.outstanding").tags("server", name).gauge().value());
            assertEquals(1, registry.get("ketch.ring.servers").gauge().value());
            assertEquals(0, registry.get("ketch.ring.ejected").gauge().value());
            assertNull(registry.find("ketch.errors").counter(), "no failure yet");
        }
    }

    @Test
    void aDeadServerIsEjectedAndCounted() {
        try (MemcachedServer other = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start()) {
            KetchMetrics metrics = KetchMetrics.builder(registry).build();
            try (MemcacheClient<String> client = MemcacheClient.builder().servers(name, "127.0.0.1:" + other.port())
                    .listener(metrics).failover(Failover.of(FailoverPolicy.EJECT_SKIP)
                            .retryTimeout(Duration.ofHours(1), Duration.ofHours(1)))
                                    .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
                client.noop().join();
                server.close();
                while (registry.find("ketch.server.ejections").counter() == null) {
                    try {
                        client.noop().join(); // until the loss is seen and the reconnect refused
                    } catch (CompletionException expected) {
                        // the dead server's part of noop
                    }
                }
                assertEquals(1, counter("ketch.server.down", "server", name));
                assertEquals(1, counter("ketch.server.ejections", "server", name));
                assertEquals(1, registry.get("ketch.ring.ejected").gauge().value());
                assertEquals(2, registry.get("ketch.ring.servers").gauge().value());
            }
        }
    }

    @Test
    void errorsByCause() {
        KetchMetrics metrics = KetchMetrics.builder(registry).build();
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(name).listener(metrics)
                .failover(Failover.of(FailoverPolicy.FAIL_FAST).retryTimeout(Duration.ofHours(1), Duration.ofHours(1)))
                .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            client.set("k", 0, "v").join();
            server.close();
            while (registry.find("ketch.server.down").counter() == null) {
                assertThrows(CompletionException.class, () -> client.get("k").join());
            }
            assertThrows(CompletionException.class, () -> client.get("k").join());
            assertTrue(counter("ketch.errors", "server", name, "command", "get", "cause", "unavailable") >= 1);
            assertTrue(registry.get("ketch.operation").tags("error", "MemcacheUnavailableException").timer().count() >= 1);
        }
    }

    @Test
    void timeoutsAreCountedAsSuch() throws Exception {
        KetchMetrics metrics = KetchMetrics.builder(registry).build();
        try (Silent silent = new Silent();
                MemcacheClient<String> client = MemcacheClient.builder().servers(silent.address())
                        .protocol(Protocol.TEXT).operationTimeout(Duration.ofMillis(200)).listener(metrics).build()) {
            assertTrue(client.awaitConnected(Duration.ofSeconds(10)));
            CompletionException e = assertThrows(CompletionException.class, () -> client.get("k").join());
            assertInstanceOf(MemcacheTimeoutException.class, e.getCause());
            assertEquals(1, counter("ketch.errors", "server", silent.address(), "command", "get", "cause", "timeout"));
            assertEquals(1, registry.get("ketch.operation").tags("error", "MemcacheTimeoutException").timer().count());
        }
    }

    @Test
    void aRemovedServersMetersGo() {
        try (MemcachedServer other = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start()) {
            String otherName = "127.0.0.1:" + other.port();
            KetchMetrics metrics = KetchMetrics.builder(registry).build();
            try (MemcacheClient<String> client = MemcacheClient.builder().servers(name, otherName).listener(metrics)
                    .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
                client.noop().join();
                assertEquals(2, registry.get("ketch.ring.servers").gauge().value());
                assertNotNull(registry.find("ketch.bytes.sent").tag("server", otherName).counter());
                client.updateServers(name);
                assertEquals(1, registry.get("ketch.ring.servers").gauge().value());
                assertNull(registry.find("ketch.bytes.sent").tag("server", otherName).counter());
            }
        }
    }

    @Test
    void withAnObservationRegistryEachOperationIsAnObservationChildOfTheCallers() {
        ObservationRegistry observations = ObservationRegistry.create();
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        KetchMetrics metrics = KetchMetrics.builder(registry).observationRegistry(observations).build();
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(name).listener(metrics)
                .operationTimeout(PATIENT).connectTimeout(PATIENT).build()) {
            Observation request = Observation.start("http.request", observations);
            try (Observation.Scope scope = request.openScope()) {
                client.set("k", 0, "v").join();
                client.get("k").join();
            }
            request.stop();
            List<Observation.Context> operations = stopped.stream()
                    .filter(c -> c.getName().equals(KetchMetrics.OPERATION)).toList();
            assertEquals(2, operations.size());
            Observation.Context get = operations.get(1);
            assertEquals("get", get.getContextualName());
            assertEquals("get", get.getLowCardinalityKeyValue("command").getValue());
            assertEquals(name, get.getLowCardinalityKeyValue("server").getValue());
            assertEquals("memcached", get.getHighCardinalityKeyValue("db.system").getValue());
            assertEquals(String.valueOf(server.port()), get.getHighCardinalityKeyValue("server.port").getValue());
            assertSame(request, get.getParentObservation(), "started on the caller's thread, inside its scope");
            assertEquals(1, registry.get(KetchMetrics.OPERATION).tags("command", "get", "error", "none").timer().count(),
                    "the meter handler's timer");
            assertEquals(1, counter("ketch.gets", "server", name, "result", "hit"));
        }
    }

    /** Answers the handshake's {@code version}, then never another request. */
    private static final class Silent implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread thread = new Thread(this::serve, "silent-server");
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        Silent() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        String address() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        private void serve() {
            try {
                Socket s = socket.accept();
                accepted.add(s);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("version")) {
                        out.write("VERSION 1.6.18\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
            thread.join(10_000);
        }
    }
}
