package dev.ketch.it.failover;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheClientBuilder;
import dev.ketch.client.cluster.Failover;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The failover tests' client settings (short timeouts, so that each scenario takes seconds) and
 * helpers around them.
 */
public final class Clients {

    /**
     * With {@code -Dketch.failover.defaults=true} the scenarios run with the client's own defaults
     * (1 s operation timeout, 4 s connect timeout, probes from 2 s to 10 s, reconnects from 50 ms to
     * 5 s), which is how the README's figures for the defaults were measured; otherwise with these
     * short settings, so that each scenario takes seconds.
     */
    public static final boolean DEFAULTS = Boolean.getBoolean("ketch.failover.defaults");
    public static final Duration OPERATION_TIMEOUT = DEFAULTS ? Duration.ofSeconds(1) : Duration.ofMillis(200);
    /**
     * The operation timeout of scenarios whose servers fail hard (killed, refusing, dropping every
     * connection): their detection never waits for an operation to time out, so a long timeout
     * costs them nothing, and a slow moment of a busy machine cannot time out a healthy server's
     * operation and fail the scenario.
     */
    public static final Duration HARD_FAILURE_OPERATION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration CONNECT_TIMEOUT = DEFAULTS ? Duration.ofSeconds(4) : Duration.ofMillis(200);
    public static final Duration RETRY_TIMEOUT = DEFAULTS ? Failover.DEFAULT_RETRY_TIMEOUT : Duration.ofMillis(300);
    public static final Duration MAX_RETRY_TIMEOUT = DEFAULTS ? Failover.DEFAULT_MAX_RETRY_TIMEOUT : Duration.ofSeconds(1);
    public static final Duration RECONNECT_INITIAL = DEFAULTS ? Duration.ofMillis(50) : Duration.ofMillis(20);
    public static final Duration RECONNECT_MAX = DEFAULTS ? Duration.ofSeconds(5) : Duration.ofMillis(500);
    public static final int FAILURE_LIMIT = Failover.DEFAULT_FAILURE_LIMIT;
    /** A future still pending this long after its call has hung: far beyond the operation timeout. */
    public static final Duration HANG_LIMIT = HARD_FAILURE_OPERATION_TIMEOUT.multipliedBy(5);
    /** How long a test waits for a state change that should take well under a second (a few with defaults). */
    public static final Duration EVENT_WAIT = DEFAULTS ? Duration.ofSeconds(30) : Duration.ofSeconds(10);

    private Clients() {
    }

    /** {@code policy} with the tests' failure limit and retry timeouts. */
    public static Failover failover(Failover policy) {
        return policy.failureLimit(FAILURE_LIMIT).retryTimeout(RETRY_TIMEOUT, MAX_RETRY_TIMEOUT);
    }

    /** The client of a scenario where a server falls silent: timeouts detect it, so they are short. */
    public static MemcacheClientBuilder<String> builder(Failover failover, Events events, List<String> servers) {
        return MemcacheClient.builder().servers(servers.toArray(new String[0])).failover(failover).listener(events)
                .operationTimeout(OPERATION_TIMEOUT).connectTimeout(CONNECT_TIMEOUT)
                .reconnectDelay(RECONNECT_INITIAL, RECONNECT_MAX).ioThreads(2);
    }

    /** The client of a scenario where servers fail hard, with {@link #HARD_FAILURE_OPERATION_TIMEOUT}. */
    public static MemcacheClientBuilder<String> hardFailureBuilder(Failover failover, Events events,
                                                                   List<String> servers) {
        return builder(failover, events, servers).operationTimeout(HARD_FAILURE_OPERATION_TIMEOUT);
    }

    /** A client of one server only, to look at what that server holds. */
    public static MemcacheClient<String> direct(String server) {
        return MemcacheClient.builder().servers(server).failover(Failover.failFast().withoutSilenceDetection())
                .operationTimeout(Duration.ofSeconds(5)).ioThreads(1).build();
    }

    /**
     * Stores {@code key -> "v:" + key} for every key on {@code servers} (routed as the tests' clients
     * route them), through a client of its own with a long timeout, so that a slow moment of a busy
     * machine cannot fail the set-up, or count against a server in the client under test.
     */
    public static void preload(List<String> servers, List<String> keys) throws Exception {
        try (MemcacheClient<String> loader = MemcacheClient.builder().servers(servers.toArray(new String[0]))
                .failover(Failover.ejectSkip().withoutSilenceDetection())
                .operationTimeout(Duration.ofSeconds(10)).ioThreads(1).build()) {
            List<CompletableFuture<Boolean>> stores = new ArrayList<>();
            for (String key : keys) {
                stores.add(loader.set(key, 0, valueOf(key)));
                if (stores.size() == 200) {
                    awaitStored(stores);
                }
            }
            awaitStored(stores);
        }
    }

    private static void awaitStored(List<CompletableFuture<Boolean>> stores) throws Exception {
        for (CompletableFuture<Boolean> f : stores) {
            if (!f.get(30, TimeUnit.SECONDS)) {
                throw new AssertionError("not stored");
            }
        }
        stores.clear();
    }

    public static String valueOf(String key) {
        return "v:" + key;
    }

    public static List<String> keys(String prefix, int n) {
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(prefix + i);
        }
        return keys;
    }

    /** Each key's server as {@code client} routes it now. */
    public static Map<String, String> owners(MemcacheClient<?> client, List<String> keys) {
        Map<String, String> owners = new HashMap<>();
        for (String key : keys) {
            owners.put(key, String.valueOf(client.serverFor(key)));
        }
        return owners;
    }

    /** The keys {@code owners} gives to {@code server}. */
    public static Set<String> ownedBy(Map<String, String> owners, String server) {
        Set<String> keys = new HashSet<>();
        owners.forEach((k, s) -> {
            if (s.equals(server)) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** Which of {@code keys} {@code server} holds, asked directly. */
    public static Set<String> heldBy(String server, List<String> keys) throws Exception {
        try (MemcacheClient<String> direct = direct(server)) {
            return new HashSet<>(direct.getMulti(keys).get(10, TimeUnit.SECONDS).keySet());
        }
    }
}
