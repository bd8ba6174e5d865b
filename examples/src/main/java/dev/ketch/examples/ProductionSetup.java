package dev.ketch.examples;

import dev.ketch.client.ClientHealth;
import dev.ketch.client.MemcacheClient;
import dev.ketch.client.cluster.ServerDiscovery;
import dev.ketch.micrometer.KetchMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A production client: servers from a configuration endpoint, metrics, a readiness check, a careful close. */
public final class ProductionSetup {

    private static final Logger log = LoggerFactory.getLogger(ProductionSetup.class);

    private ProductionSetup() {
    }

    /** A client whose servers are those the configuration endpoint {@code endpoint} lists. */
    static MemcacheClient<String> discovering(String endpoint) {
        // tag::discovery[]
        MemcacheClient<String> client = MemcacheClient.builder()
                .discovery(ServerDiscovery.configurationEndpoint(endpoint))   // e.g. "mycluster.abc123.cfg.use1.cache.amazonaws.com:11211"
                .build();
        // end::discovery[]
        return client;
    }

    /** A client of {@code server} whose meters go to {@code meterRegistry}. */
    static MemcacheClient<String> measured(String server, MeterRegistry meterRegistry) {
        // tag::metrics[]
        KetchMetrics metrics = KetchMetrics.builder(meterRegistry).tags("client", "sessions").build();
        MemcacheClient<String> client = MemcacheClient.builder().servers(server).listener(metrics).build();
        // end::metrics[]
        return client;
    }

    /** Logs the client's health in one line when it is not ready; returns whether it is. */
    static boolean checkReadiness(MemcacheClient<String> client) {
        // tag::health[]
        ClientHealth health = client.health();
        if (!health.isReady()) {
            log.warn("{}", health);   // one line
        }
        // end::health[]
        return health.isReady();
    }

    /** Waits up to 2 s for the operations in {@code pending}, then closes the client. */
    static void closeAfter(MemcacheClient<String> client, List<CompletableFuture<?>> pending) {
        // tag::shutdown[]
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                .orTimeout(2, TimeUnit.SECONDS)
                .exceptionally(failure -> null)
                .join();
        client.close();
        // end::shutdown[]
    }
}
