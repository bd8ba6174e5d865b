package dev.ketch.examples;

import dev.ketch.client.ClientListener;
import dev.ketch.client.MemcacheClient;
import dev.ketch.client.cluster.Failover;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.HashAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A client for a cluster: server selection, timeouts and failover set explicitly. */
public final class FailoverSettings {

    private FailoverSettings() {
    }

    /** Builds a client for {@code servers}; changes of their health are appended to {@code events}. */
    static MemcacheClient<String> build(List<String> servers, List<String> events) {
        // tag::failover[]
        MemcacheClient<String> client = MemcacheClient.builder()
                .servers(servers.toArray(String[]::new))              // "host:port[:weight]"
                .distribution(Distribution.LIBMEMCACHED_KETAMA)      // where libmemcached puts each key
                .hash(HashAlgorithm.ONE_AT_A_TIME)
                .operationTimeout(Duration.ofMillis(500))
                .failover(Failover.ejectSkip()                       // or ejectRebuild(), failFast()
                        .failureLimit(3)                             // soft failures in a row
                        .retryTimeout(Duration.ofSeconds(2), Duration.ofSeconds(10))
                        .retryReads(true))
                .listener(new ClientListener() {                     // serverDown, serverEjected, serverUp, serverRejoined
                    @Override
                    public void serverEjected(String server, Throwable cause) {
                        events.add("ejected " + server);
                    }

                    @Override
                    public void serverRejoined(String server) {
                        events.add("rejoined " + server);
                    }
                })
                .build();
        // end::failover[]
        return client;
    }

    public static void main(String[] args) {
        List<String> events = new CopyOnWriteArrayList<>();
        try (MemcacheClient<String> client = build(List.of(args), events)) {
            client.blocking().set("user:42", 60, "Ada");
            System.out.println(client.serverFor("user:42") + " " + client.blocking().get("user:42"));
        }
    }
}
