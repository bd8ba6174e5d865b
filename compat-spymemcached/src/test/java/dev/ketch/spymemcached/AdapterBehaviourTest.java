package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.spymemcached.testing.BlackHole;
import dev.ketch.spymemcached.testing.Bundled;
import dev.ketch.spymemcached.testing.Impl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.spy.memcached.ArrayModNodeLocator;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.DefaultConnectionFactory;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.FailureMode;
import net.spy.memcached.KetamaConnectionFactory;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;
import net.spy.memcached.OperationTimeoutException;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.auth.PlainCallbackHandler;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.ArrayOperationQueueFactory;
import net.spy.memcached.protocol.ascii.AsciiOperationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the adapter promises beyond spymemcached's behaviour, and how it maps spymemcached's settings. */
class AdapterBehaviourTest {

    @TempDir
    Path dir;

    private static MemcachedClient client(ConnectionFactoryBuilder builder, InetSocketAddress... servers) throws IOException {
        return new MemcachedClient(builder.setDaemon(true).build(), List.of(servers));
    }

    @Test
    void redistributeMovesADeadServersKeysToTheOtherServer() throws Exception {
        try (Bundled a = new Bundled(); Bundled b = new Bundled()) {
            MemcachedClient client = client(new ConnectionFactoryBuilder().setFailureMode(FailureMode.Redistribute)
                    .setOpTimeout(1000), a.address(), b.address());
            try {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    keys.add("key" + i);
                    assertTrue(client.set("key" + i, 0, "v1").get());
                }
                a.close();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                for (String key : keys) {
                    boolean stored = false;
                    while (!stored && System.nanoTime() < deadline) {
                        try {
                            stored = client.set(key, 0, "v2").get();
                        } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
                            Thread.sleep(50); // in flight when the server died, or not yet ejected
                        }
                    }
                    assertTrue(stored, key + " stored again after its server died");
                }
                Map<String, Object> all = client.getBulk(keys);
                assertEquals(keys.size(), all.size(), "every key is served by the server still up");
                all.values().forEach(v -> assertEquals("v2", v));
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void listenersRunOnTheListenerExecutorNeverOnAnIoThread() throws Exception {
        ExecutorService own = Executors.newSingleThreadExecutor(r -> new Thread(r, "own-listener-thread"));
        try (Bundled server = new Bundled()) {
            MemcachedClient client = client(new ConnectionFactoryBuilder().setListenerExecutorService(own), server.address());
            AtomicReference<String> thread = new AtomicReference<>();
            CountDownLatch called = new CountDownLatch(2);
            OperationFuture<Boolean> set = client.set("k", 0, "v");
            set.addListener(f -> {
                thread.set(Thread.currentThread().getName());
                called.countDown();
            });
            set.get();
            set.addListener(f -> called.countDown()); // added after completion: runs at once
            assertTrue(called.await(5, TimeUnit.SECONDS));
            assertEquals("own-listener-thread", thread.get());
            client.shutdown();
            assertFalse(own.isShutdown(), "an executor the application gave is not the client's to shut down");
        } finally {
            own.shutdownNow();
        }
    }

    @Test
    void theDefaultListenerExecutorIsShutDownWithTheClient() throws Exception {
        try (Bundled server = new Bundled()) {
            MemcachedClient client = client(new ConnectionFactoryBuilder(), server.address());
            AtomicReference<String> thread = new AtomicReference<>();
            CountDownLatch called = new CountDownLatch(1);
            client.set("k", 0, "v").addListener(f -> {
                thread.set(Thread.currentThread().getName());
                called.countDown();
            });
            assertTrue(called.await(5, TimeUnit.SECONDS));
            assertTrue(thread.get().startsWith("FutureNotifyListener"), thread.get());
            client.shutdown();
            assertTrue(client.getExecutorService().isShutdown());
        }
    }

    @Test
    void aFullServerQueueFailsTheCallAtOnce() throws Exception {
        // up for the client (it answers the connection's version), then silent: operations queue up
        try (BlackHole hole = BlackHole.afterHandshake()) {
            MemcachedClient client = client(new ConnectionFactoryBuilder().setOpTimeout(5000)
                    .setOpQueueFactory(new ArrayOperationQueueFactory(2)), hole.address());
            try {
                client.set("a", 0, "v");
                client.set("b", 0, "v");
                long start = System.nanoTime();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.set("c", 0, "v"));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "at once");
                assertTrue(e.getMessage().contains("Queue full"), e.getMessage());
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void withoutDaemonTheClientKeepsTheJvmAliveUntilShutDown() throws Exception {
        try (Bundled server = new Bundled()) {
            MemcachedClient client = new MemcachedClient(new DefaultConnectionFactory(), List.of(server.address()));
            assertTrue(keepAliveThreads() > 0, "a non-daemon thread");
            client.shutdown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (keepAliveThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, keepAliveThreads());
            MemcachedClient daemon = client(new ConnectionFactoryBuilder(), server.address());
            assertEquals(0, keepAliveThreads());
            daemon.shutdown();
        }
    }

    private static long keepAliveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("Memcached IO over") && !t.isDaemon() && t.isAlive()).count();
    }

    @Test
    void observersHearOfConnectionsMadeAndLost() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ConnectionObserver observer = new ConnectionObserver() {
            @Override
            public void connectionEstablished(SocketAddress sa, int reconnectCount) {
                events.add("established " + reconnectCount);
            }

            @Override
            public void connectionLost(SocketAddress sa) {
                events.add("lost");
            }
        };
        Bundled server = new Bundled();
        MemcachedClient client = client(new ConnectionFactoryBuilder().setInitialObservers(List.of(observer)), server.address());
        try {
            assertTrue(client.set("k", 0, "v").get());
            assertEquals(List.of("established 0"), events);
            assertEquals(List.of(server.address()), new ArrayList<>(client.getAvailableServers()));
            List<String> late = new CopyOnWriteArrayList<>();
            client.addObserver(new ConnectionObserver() {
                @Override
                public void connectionEstablished(SocketAddress sa, int reconnectCount) {
                    late.add(sa + " " + reconnectCount);
                }

                @Override
                public void connectionLost(SocketAddress sa) {
                }
            });
            assertEquals(List.of(server.address() + " -1"), late);
            server.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!events.contains("lost") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("established 0", "lost"), events);
            assertEquals(List.of(server.address()), new ArrayList<>(client.getUnavailableServers()));
        } finally {
            client.shutdown();
            server.close();
        }
    }

    private MemcachedServer saslServer() throws IOException {
        ServerSettings settings = new ServerSettings();
        settings.sasl = true;
        settings.saslPasswordFile = Files.writeString(dir.resolve("passwords"), "alice:secret\n").toString();
        settings.bindingProtocol = ServerSettings.Protocol.BINARY;
        return MemcachedServer.builder().listenAddress("127.0.0.1").port(0).settings(settings).start();
    }

    @Test
    void saslPlainAuthentication() throws Exception {
        try (MemcachedServer server = saslServer()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            MemcachedClient client = client(new ConnectionFactoryBuilder().setProtocol(ConnectionFactoryBuilder.Protocol.BINARY)
                    .setAuthDescriptor(AuthDescriptor.typical("alice", "secret")), address);
            MemcachedClient wrong = client(new ConnectionFactoryBuilder().setProtocol(ConnectionFactoryBuilder.Protocol.BINARY)
                    .setOpTimeout(1000).setAuthDescriptor(new AuthDescriptor(new String[] {"PLAIN"},
                            new PlainCallbackHandler("alice", "wrong"))), address);
            try {
                assertTrue(client.set("k", 0, "v").get());
                assertEquals("v", client.get("k"));
                assertEquals(Impl.SPYMEMCACHED.call("Clients", "listSaslMechanisms", true, List.of(address)),
                        client.listSaslMechanisms());
                assertTrue(client.listSaslMechanisms().contains("PLAIN"));
assertThrows(OperationTimeoutException.class, () -> wrong.get("k"),
                        "refused credentials: the server stays unavailable, as a server that is down");
                assertEquals(List.of(address), new ArrayList<>(wrong.getUnavailableServers()));
            } finally {
                client.shutdown();
                wrong.shutdown();
            }
        }
    }

    @Test
    void settingsKetchCannotHonourFailAtConstruction() {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 11211);
        assertThrows(NullPointerException.class, () -> new MemcachedClient(null, List.of(server)));
        assertThrows(NullPointerException.class, () -> new MemcachedClient(new DefaultConnectionFactory(), null));
        assertThrows(IllegalArgumentException.class, () -> new MemcachedClient(new DefaultConnectionFactory(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> client(new ConnectionFactoryBuilder().setOpTimeout(0), server));
        assertThrows(IllegalStateException.class,
                () -> client(new ConnectionFactoryBuilder().setLocatorType(ConnectionFactoryBuilder.Locator.VBUCKET), server),
                "spymemcached's builder has no VBUCKET locator either");
        UnsupportedOperationException customLocator = assertThrows(UnsupportedOperationException.class,
                () -> new MemcachedClient(new DefaultConnectionFactory() {
                    @Override
                    public NodeLocator createLocator(List<MemcachedNode> nodes) {
                        NodeLocator arrayMod = new ArrayModNodeLocator(nodes, DefaultHashAlgorithm.NATIVE_HASH);
                        return new NodeLocator() { // an application's own locator, however it places keys
                            @Override
                            public MemcachedNode getPrimary(String k) {
                                return arrayMod.getPrimary(k);
                            }

                            @Override
                            public java.util.Iterator<MemcachedNode> getSequence(String k) {
                                return arrayMod.getSequence(k);
                            }

                            @Override
                            public java.util.Collection<MemcachedNode> getAll() {
                                return arrayMod.getAll();
                            }

                            @Override
                            public NodeLocator getReadonlyCopy() {
                                return arrayMod.getReadonlyCopy();
                            }

                            @Override
                            public void updateLocator(List<MemcachedNode> nodes) {
                                arrayMod.updateLocator(nodes);
                            }
                        };
                    }
                }, List.of(server)));
        assertTrue(customLocator.getMessage().contains("createLocator"), customLocator.getMessage());
        assertThrows(UnsupportedOperationException.class,
                () -> client(new ConnectionFactoryBuilder().setHashAlg(k -> 1L), server));
        assertThrows(UnsupportedOperationException.class, () -> new MemcachedClient(new KetamaConnectionFactory(1, 1, 1,
                DefaultHashAlgorithm.KETAMA_HASH, KetamaNodeKeyFormatter.Format.LIBMEMCACHED, Map.of()), List.of(server)));
        assertThrows(UnsupportedOperationException.class, () -> client(new ConnectionFactoryBuilder().setAuthDescriptor(
                new AuthDescriptor(new String[] {"CRAM-MD5"}, new PlainCallbackHandler("a", "b"))), server));
        assertThrows(NullPointerException.class, () -> new MemcachedClient(new KetamaConnectionFactory(1, 1, 1,
                DefaultHashAlgorithm.KETAMA_HASH, KetamaNodeKeyFormatter.Format.SPYMEMCACHED,
                Map.of(new InetSocketAddress("127.0.0.1", 1), 1)), List.of(server)), "a server without a weight");
    }

    @Test
    void aCopiedFactoryKeepsTheSettingsSpymemcachedCopies() {
        ConnectionFactory original = new ConnectionFactoryBuilder().setProtocol(ConnectionFactoryBuilder.Protocol.BINARY)
                .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT).setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
                .setOpTimeout(123).setFailureMode(FailureMode.Cancel).setDaemon(true).setMaxReconnectDelay(7)
                .setOpQueueFactory(new ArrayOperationQueueFactory(99)).setTimeoutExceptionThreshold(10).build();
        ConnectionFactory copy = new ConnectionFactoryBuilder(original).build();
        assertEquals(99, original.createOperationQueue().remainingCapacity());
        assertEquals(FailureMode.Cancel, copy.getFailureMode());
        assertEquals(123, copy.getOperationTimeout());
        assertEquals(7, copy.getMaxReconnectDelay());
        assertTrue(copy.isDaemon());
        assertEquals(DefaultHashAlgorithm.KETAMA_HASH, copy.getHashAlg());
        // as in spymemcached: the protocol, locator and queues are not copied, and the threshold loses 2 again
        assertInstanceOf(AsciiOperationFactory.class, copy.getOperationFactory());
        assertInstanceOf(ArrayModNodeLocator.class, copy.createLocator(List.of()));
        assertEquals(DefaultConnectionFactory.DEFAULT_OP_QUEUE_LEN, copy.createOperationQueue().remainingCapacity());
        assertEquals(8, original.getTimeoutExceptionThreshold());
        assertEquals(6, copy.getTimeoutExceptionThreshold());
    }
}
