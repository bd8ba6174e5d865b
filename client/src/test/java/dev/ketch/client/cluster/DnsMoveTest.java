package dev.ketch.client.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.ClientListener;
import dev.ketch.client.HostResolver;
import dev.ketch.client.MemcacheClient;
import dev.ketch.client.ServerAddress;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.ServerSelector;
import dev.ketch.client.testing.Await;
import dev.ketch.server.MemcachedServer;
import dev.ketch.server.testing.LeakDetectionExtension;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node replaced behind its name: the name resolves (through a resolver the test controls) to a
 * new address, where a new, empty bundled server listens on the same port. The client must move
 * the connection there and move no key: ketama hashes the name.
 */
@ExtendWith(LeakDetectionExtension.class)
class DnsMoveTest {

    private static final int KEYS = 3000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, InetAddress> dns = new ConcurrentHashMap<>();
    private final HostResolver resolver = host -> {
        InetAddress address = dns.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(address);
    };
    private final List<MemcachedServer> servers = new ArrayList<>();
    private MemcachedServer replacement;
    private List<ServerAddress> names;

    @BeforeEach
    void start() throws UnknownHostException {
        names = new ArrayList<>();
        for (String name : List.of("cache-a", "cache-b", "cache-c")) {
            MemcachedServer server = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start();
            servers.add(server);
            names.add(new ServerAddress(name, server.port()));
            dns.put(name, InetAddress.getByName("127.0.0.1"));
        }
        replacement = MemcachedServer.builder().listenAddress("127.0.0.2").port(servers.get(2).port()).start();
    }

    @AfterEach
    void stop() {
        servers.forEach(MemcachedServer::close);
        replacement.close();
    }

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.UTF_8);
    }

    private int keysOfC(MemcacheClient<String> client, ServerSelector ketama) {
        int n = 0;
        for (int i = 0; i < KEYS; i++) {
            ServerAddress owner = client.serverFor(key(i));
            assertEquals(ketama.serverFor(key(i)), owner, "no key moves");
            n += owner.equals(names.get(2)) ? 1 : 0;
        }
        return n;
    }

    private static void setAll(MemcacheClient<String> client) {
        for (int i = 0; i < KEYS; i++) {
            client.set(key(i), 0, "v" + i).join();
        }
    }

    private static int misses(MemcacheClient<String> client) {
        int misses = 0;
        for (int i = 0; i < KEYS; i++) {
            String value = client.get(key(i)).join();
            if (value == null) {
                misses++;
            } else {
                assertEquals("v" + i, value);
            }
        }
        return misses;
    }

    @Test
    void theRefreshFollowsANewAddressWithoutMovingAKey() throws Exception {
        List<String> moves = new CopyOnWriteArrayList<>();
        ClientListener listener = new ClientListener() {
            @Override
            public void addressChanged(String server, InetAddress from, InetAddress to) {
                moves.add(server + " " + from.getHostAddress() + " -> " + to.getHostAddress());
            }
        };
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(names).hostResolver(resolver)
                .dnsRefreshInterval(Duration.ofMillis(20)).operationTimeout(TIMEOUT).listener(listener).build()) {
            ServerSelector ketama = ServerSelector.of(names, Distribution.LIBMEMCACHED_KETAMA,
                    Distribution.LIBMEMCACHED_KETAMA.defaultHash());
            setAll(client);
            int onC = keysOfC(client, ketama);
            assertTrue(onC > 0);
            Await.until("resolved once", () -> "127.0.0.1".equals(client.health().server(names.get(2).toString())
                    .address()), client::health);

            dns.put("cache-c", InetAddress.getByName("127.0.0.2"));
            Await.until("moved", () -> "127.0.0.2".equals(client.health().server(names.get(2).toString()).address()),
                    client::health);
            assertEquals(List.of(names.get(2) + " 127.0.0.1 -> 127.0.0.2"), moves);
            assertEquals(onC, keysOfC(client, ketama), "the ring is the one ketama computes for the same names");
            assertEquals(onC, misses(client), "cache-c's keys are read from the new, empty server; the others hit");
            setAll(client);
            assertEquals(onC, replacement.cache().storage().currItems(), "cache-c's keys are written there");
            assertEquals(onC, servers.get(2).cache().storage().currItems(), "the old server got nothing more");
        }
    }

    @Test
    void aReconnectResolvesTheNameAgain() throws Exception {
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(names).hostResolver(resolver)
                .dnsRefreshInterval(Duration.ZERO).operationTimeout(TIMEOUT).build()) {
            ServerSelector ketama = ServerSelector.of(names, Distribution.LIBMEMCACHED_KETAMA,
                    Distribution.LIBMEMCACHED_KETAMA.defaultHash());
            setAll(client);
            int onC = keysOfC(client, ketama);
            dns.put("cache-c", InetAddress.getByName("127.0.0.2"));
            servers.get(2).close(); // the old node goes away: the connection is lost and made again
            int probe = 0;
            while (!client.serverFor(key(probe)).equals(names.get(2))) {
                probe++;
            }
            int p = probe;
            Await.until("reconnected to the new address", () -> {
                try {
                    client.set(key(p), 0, "v" + p).join();
                } catch (RuntimeException notYet) {
                    return false;
                }
                return replacement.cache().storage().currItems() > 0;
            }, client::health);
            assertEquals(onC, keysOfC(client, ketama));
            assertEquals(onC - 1, misses(client), "cache-c's keys but the probe are misses on the new server");
        }
    }
}
