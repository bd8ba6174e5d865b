package dev.ketch.client;

import dev.ketch.client.cluster.Cluster;
import dev.ketch.client.cluster.ClusterServices;
import dev.ketch.client.cluster.Failover;
import dev.ketch.client.cluster.HealthTracker;
import dev.ketch.client.cluster.HostAddresses;
import dev.ketch.client.node.ClientTls;
import dev.ketch.client.node.ConnectionConfig;
import dev.ketch.client.node.Credentials;
import dev.ketch.client.node.HealthSettings;
import dev.ketch.client.node.Node;
import dev.ketch.client.node.ResolverGroup;
import dev.ketch.client.node.Transports;
import dev.ketch.client.protocol.ProtocolCodec;
import dev.ketch.client.protocol.binary.BinaryCodec;
import dev.ketch.client.protocol.meta.MetaCodec;
import dev.ketch.client.protocol.text.TextCodec;
import dev.ketch.client.routing.HashAlgorithm;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every view of one client shares (the client and its {@code withTranscoder} views): the
 * protocol, the servers and their connections, the threads, and whether it is closed.
 */
final class ClientCore {

    final ProtocolCodec codec;
    final Cluster locator;
    final int maxItemSize;
    final ClusterServices services;
    /** Where timers of the client's own (retries of a stampede-protected load) run. */
    final EventLoopGroup group;
    private final EventLoopGroup ownedGroup;
    private volatile boolean closed;

    private ClientCore(ProtocolCodec codec, Cluster locator, int maxItemSize, ClusterServices services,
            EventLoopGroup group, EventLoopGroup ownedGroup) {
        this.codec = codec;
        this.group = group;
        this.locator = locator;
        this.maxItemSize = maxItemSize;
        this.services = services;
        this.ownedGroup = ownedGroup;
    }

    static ClientCore start(MemcacheClientBuilder<?> b) {
        HashAlgorithm hash = b.hash != null ? b.hash : b.distribution.defaultHash();
        ProtocolCodec codec = switch (b.protocol) {
            case TEXT -> TextCodec.INSTANCE;
            case META -> MetaCodec.INSTANCE;
            default -> BinaryCodec.INSTANCE;
        };
        EventLoopGroup owned = b.eventLoopGroup == null ? Transports.newGroup(b.ioThreads, b.ioSpin.toNanos(), b.multiGetSpin.toNanos()) : null;
        EventLoopGroup group = owned != null ? owned : b.eventLoopGroup;
        HealthTracker tracker = new HealthTracker(b.listener);
        HostAddresses addresses = new HostAddresses(b.hostResolver);
        ConnectionConfig config = new ConnectionConfig(codec, group, Transports.channelClass(group),
                (int) Math.min(Integer.MAX_VALUE, b.connectTimeout.toMillis()), b.operationTimeout.toNanos(),
                b.completionExecutor, b.username == null ? null : new Credentials(b.username, b.password),
                b.reconnectInitialDelay.toNanos(), b.reconnectMaxDelay.toNanos(), tracker,
                new ResolverGroup(addresses), b.listener != ClientListener.NONE,
                b.tls == null ? null : new ClientTls(b.tls));
        Failover failover = b.failover;
        HealthSettings health = new HealthSettings(failover.failureLimit(), failover.retryTimeout().toNanos(),
                failover.maxRetryTimeout().toNanos(), failover.detectsSilence()
                        ? new HealthSettings.Silence(failover.silentAfter().toNanos(), failover.silenceMultiple(),
                                failover.probeTimeout().toNanos())
                        : null);
        int connections = b.connectionsPerNode;
        int maxOutstanding = b.maxOutstanding;
        // a removed server's node stays open until what was sent to it has been answered or timed out
        long retireGrace = b.operationTimeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(100);
        Cluster cluster;
        ClusterServices services = new ClusterServices(b.discovery, b.discoveryInterval, b.discoveryTimeout,
                b.dnsRefreshInterval, addresses, tracker);
        try {
            List<ServerAddress> servers = services.initialServers(List.copyOf(b.servers));
            cluster = new Cluster(servers, b.distribution, hash, failover, tracker, retireGrace,
                    (server, events) -> new Node(server.toString(),
                            InetSocketAddress.createUnresolved(server.connectHost(), server.port()), connections,
                            maxOutstanding, config, health, events));
            services.attach(cluster);
        } catch (RuntimeException | InterruptedException e) {
            services.close();
            if (owned != null) {
                owned.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new MemcacheException("interrupted while waiting for discovery", e);
            }
            throw (RuntimeException) e;
        }
        return new ClientCore(codec, cluster, b.maxItemSize, services, group, owned);
    }

    ClientHealth health() {
        return services.health();
    }

    /** True for the meta protocol, which serves metadata and stale values natively. */
    boolean isMeta() {
        return codec == MetaCodec.INSTANCE;
    }

    boolean isClosed() {
        return closed;
    }

    List<Node> nodes() {
        return locator.nodes();
    }

    List<ServerAddress> servers() {
        return locator.servers();
    }

    void updateServers(List<ServerAddress> servers) {
        if (closed) {
            throw new MemcacheClosedException("client closed");
        }
        locator.update(servers);
    }

    boolean awaitConnected(Duration timeout) throws InterruptedException {
        if (closed) {
            throw new MemcacheClosedException("client closed: it will never connect");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Node node : nodes()) {
            if (closed) {
                throw new MemcacheClosedException("client closed: it will never connect");
            }
            if (!node.awaitConnected(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    private boolean calledFromOwnThread() {
        for (EventExecutor executor : ownedGroup) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.close();
        locator.close();
        if (ownedGroup != null) {
            // a quiet period of 0: the connections' close tasks are already queued and still run
            io.netty.util.concurrent.Future<?> terminated = ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            if (!calledFromOwnThread()) {
                terminated.syncUninterruptibly();
            }
        }
    }
}
