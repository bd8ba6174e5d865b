package dev.ketch.client;

import dev.ketch.client.cluster.NodeLocator;
import dev.ketch.client.cluster.RoutingNodeLocator;
import dev.ketch.client.node.ConnectionConfig;
import dev.ketch.client.node.Credentials;
import dev.ketch.client.node.Node;
import dev.ketch.client.node.Transports;
import dev.ketch.client.protocol.ProtocolCodec;
import dev.ketch.client.protocol.binary.BinaryCodec;
import dev.ketch.client.protocol.text.TextCodec;
import dev.ketch.client.routing.HashAlgorithm;
import dev.ketch.client.routing.ServerSelector;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every view of one client shares (the client and its {@code withTranscoder} views): the
 * protocol, the servers and their connections, the threads, and whether it is closed.
 */
final class ClientCore {

    final ProtocolCodec codec;
    final NodeLocator locator;
    final int maxItemSize;
    private final EventLoopGroup ownedGroup;
    private volatile boolean closed;

    private ClientCore(ProtocolCodec codec, NodeLocator locator, int maxItemSize, EventLoopGroup ownedGroup) {
        this.codec = codec;
        this.locator = locator;
        this.maxItemSize = maxItemSize;
        this.ownedGroup = ownedGroup;
    }

    static ClientCore start(MemcacheClientBuilder<?> b) {
        HashAlgorithm hash = b.hash != null ? b.hash : b.distribution.defaultHash();
        ServerSelector selector = b.distribution.selector(b.servers, hash);
        ProtocolCodec codec = b.protocol == Protocol.TEXT ? TextCodec.INSTANCE : BinaryCodec.INSTANCE;
        EventLoopGroup owned = b.eventLoopGroup == null ? Transports.newGroup(b.ioThreads) : null;
        EventLoopGroup group = owned != null ? owned : b.eventLoopGroup;
        ConnectionConfig config = new ConnectionConfig(codec, group, Transports.channelClass(group),
                (int) Math.min(Integer.MAX_VALUE, b.connectTimeout.toMillis()), b.operationTimeout.toNanos(),
                b.completionExecutor, b.username == null ? null : new Credentials(b.username, b.password),
                b.reconnectInitialDelay.toNanos(), b.reconnectMaxDelay.toNanos(), b.listener);
        List<Node> nodes = new ArrayList<>();
        for (ServerAddress server : b.servers) {
            InetSocketAddress address = InetSocketAddress.createUnresolved(server.connectHost(), server.port());
            nodes.add(new Node(server.toString(), address, b.connectionsPerNode, b.maxOutstanding, config));
        }
        return new ClientCore(codec, new RoutingNodeLocator(selector, nodes), b.maxItemSize, owned);
    }

    boolean isClosed() {
        return closed;
    }

    List<Node> nodes() {
        return locator.nodes();
    }

    boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Node node : nodes()) {
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
        for (Node node : nodes()) {
            node.close();
        }
        if (ownedGroup != null) {
            // a quiet period of 0: the connections' close tasks are already queued and still run
            io.netty.util.concurrent.Future<?> terminated = ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            if (!calledFromOwnThread()) {
                terminated.syncUninterruptibly();
            }
        }
    }
}
