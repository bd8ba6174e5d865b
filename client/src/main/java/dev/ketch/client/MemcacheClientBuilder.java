package dev.ketch.client;

import dev.ketch.client.cluster.ClusterServices;
import dev.ketch.client.cluster.Failover;
import dev.ketch.client.cluster.ServerDiscovery;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.HashAlgorithm;
import dev.ketch.client.transcode.StringTranscoder;
import dev.ketch.client.transcode.Transcoder;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Configures and builds a {@link MemcacheClient}. Every setting has a default except the servers.
 *
 * <pre>{@code
 * MemcacheClient<byte[]> client = MemcacheClient.builder()
 *         .servers("10.0.0.1:11211", "10.0.0.2:11211")
 *         .distribution(Distribution.LIBMEMCACHED_KETAMA)
 *         .protocol(Protocol.BINARY)
 *         .operationTimeout(Duration.ofMillis(500))
 *         .transcoder(ByteArrayTranscoder.INSTANCE)
 *         .build();
 * }</pre>
 *
 * @param <V> the value type of the client to build
 */
public final class MemcacheClientBuilder<V> {

    /** memcached's default largest item (its {@code -I}). */
    public static final int DEFAULT_MAX_ITEM_SIZE = 1024 * 1024;
    /** How often discovery asks for the servers unless told otherwise: every 60 s, as the AWS client. */
    public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofSeconds(60);
    /** How long one discovery request may take, and {@link #build()} waits for the first: 2 s. */
    public static final Duration DEFAULT_DISCOVERY_TIMEOUT = Duration.ofSeconds(2);
    /** How long I/O threads look for replies before sleeping, unless {@link #ioSpin} says otherwise: not at all. */
    public static final Duration DEFAULT_IO_SPIN = Duration.ZERO;
    /** How long I/O threads look for the rest of a multi-get's replies before sleeping, unless {@link #multiGetSpin} says otherwise: 25 µs. */
    public static final Duration DEFAULT_MULTI_GET_SPIN = Duration.ofNanos(25_000);

    final List<ServerAddress> servers = new ArrayList<>();
    Distribution distribution = Distribution.LIBMEMCACHED_KETAMA;
    HashAlgorithm hash;
    Protocol protocol = Protocol.BINARY;
    Duration operationTimeout = Duration.ofSeconds(1);
    Duration connectTimeout = Duration.ofSeconds(4);
    int connectionsPerNode = 1;
    int maxOutstanding = 32_768;
    Transcoder<V> transcoder;
    EventLoopGroup eventLoopGroup;
    int ioThreads = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    Duration ioSpin = DEFAULT_IO_SPIN;
    Duration multiGetSpin = DEFAULT_MULTI_GET_SPIN;
    Executor completionExecutor;
    String username;
    String password;
    TlsSettings tls;
    int maxItemSize = DEFAULT_MAX_ITEM_SIZE;
    Duration reconnectInitialDelay = Duration.ofMillis(50);
    Duration reconnectMaxDelay = Duration.ofSeconds(5);
    ClientListener listener = ClientListener.NONE;
    Failover failover = Failover.ejectSkip();
    HostResolver hostResolver = HostResolver.JVM;
    Duration dnsRefreshInterval = ClusterServices.defaultDnsRefresh();
    ServerDiscovery discovery;
    Duration discoveryInterval = DEFAULT_DISCOVERY_INTERVAL;
    Duration discoveryTimeout = DEFAULT_DISCOVERY_TIMEOUT;

    private MemcacheClientBuilder(Transcoder<V> transcoder) {
        this.transcoder = transcoder;
    }

    static MemcacheClientBuilder<String> create() {
        return new MemcacheClientBuilder<>(StringTranscoder.UTF8);
    }

    /**
     * Adds servers as {@code host[:port[:weight]]} or {@code [v6]:port[:weight]} (see {@link
     * ServerAddress#parse}). Their order is part of the configuration: libmemcached breaks ties on
     * the ring by it, and other clients must list the servers in the same order.
     */
    public MemcacheClientBuilder<V> servers(String... servers) {
        for (String s : servers) {
            this.servers.add(ServerAddress.parse(s));
        }
        return this;
    }

    /** Adds servers. */
    public MemcacheClientBuilder<V> servers(ServerAddress... servers) {
        return servers(List.of(servers));
    }

    /** Adds servers. */
    public MemcacheClientBuilder<V> servers(List<ServerAddress> servers) {
        for (ServerAddress s : servers) {
            this.servers.add(Objects.requireNonNull(s, "server"));
        }
        return this;
    }

    /**
     * Adds servers of weight 1; each is known on the ring by the host string it was created with
     * ({@link ServerAddress#of(InetSocketAddress)}), never by a reverse lookup.
     */
    public MemcacheClientBuilder<V> servers(InetSocketAddress... servers) {
        for (InetSocketAddress s : servers) {
            this.servers.add(ServerAddress.of(s));
        }
        return this;
    }

    /**
     * How keys are spread over the servers; {@link Distribution#LIBMEMCACHED_KETAMA} by default.
     * The README's "Server selection" section says which one matches a given PHP, Python or C
     * client.
     */
    public MemcacheClientBuilder<V> distribution(Distribution distribution) {
        this.distribution = Objects.requireNonNull(distribution, "distribution");
        return this;
    }

    /** The key hash; the distribution's {@link Distribution#defaultHash() default} unless set. */
    public MemcacheClientBuilder<V> hash(HashAlgorithm hash) {
        this.hash = Objects.requireNonNull(hash, "hash");
        return this;
    }

    /** The wire protocol; {@link Protocol#BINARY} by default. */
    public MemcacheClientBuilder<V> protocol(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return this;
    }

    /** How long an operation may take from the call to its reply; 1 second by default. */
    public MemcacheClientBuilder<V> operationTimeout(Duration timeout) {
        this.operationTimeout = positive(timeout, "operation timeout");
        return this;
    }

    /**
     * How long establishing a connection may take: TCP connect, authentication and the first
     * {@code version} round trip; 4 seconds by default (libmemcached's).
     */
    public MemcacheClientBuilder<V> connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connect timeout");
        return this;
    }

    /** TCP connections per server, each pipelining requests; 1 by default. */
    public MemcacheClientBuilder<V> connectionsPerNode(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections per node must be at least 1");
        }
        this.connectionsPerNode = connections;
        return this;
    }

    /**
     * The most operations outstanding on one server at once (32768 by default); beyond it calls
     * fail at once with {@link MemcacheOverloadedException}.
     */
    public MemcacheClientBuilder<V> maxOutstanding(int operations) {
        if (operations < 1) {
            throw new IllegalArgumentException("max outstanding must be at least 1");
        }
        this.maxOutstanding = operations;
        return this;
    }

    /** The value type's transcoder; UTF-8 strings by default. */
    public <T> MemcacheClientBuilder<T> transcoder(Transcoder<T> transcoder) {
        MemcacheClientBuilder<T> copy = new MemcacheClientBuilder<>(Objects.requireNonNull(transcoder, "transcoder"));
        copy.servers.addAll(servers);
        copy.distribution = distribution;
        copy.hash = hash;
        copy.protocol = protocol;
        copy.operationTimeout = operationTimeout;
        copy.connectTimeout = connectTimeout;
        copy.connectionsPerNode = connectionsPerNode;
        copy.maxOutstanding = maxOutstanding;
        copy.eventLoopGroup = eventLoopGroup;
        copy.ioThreads = ioThreads;
        copy.ioSpin = ioSpin;
        copy.multiGetSpin = multiGetSpin;
        copy.completionExecutor = completionExecutor;
        copy.username = username;
        copy.password = password;
        copy.maxItemSize = maxItemSize;
        copy.reconnectInitialDelay = reconnectInitialDelay;
        copy.reconnectMaxDelay = reconnectMaxDelay;
        copy.listener = listener;
        copy.failover = failover;
        copy.hostResolver = hostResolver;
        copy.dnsRefreshInterval = dnsRefreshInterval;
        copy.discovery = discovery;
        copy.discoveryInterval = discoveryInterval;
        copy.discoveryTimeout = discoveryTimeout;
        return copy;
    }

    /**
     * Runs the connections on a shared Netty event loop group (epoll or NIO), which the client
     * does not shut down. Without one the client starts its own daemon threads.
     */
    public MemcacheClientBuilder<V> eventLoopGroup(EventLoopGroup group) {
        this.eventLoopGroup = Objects.requireNonNull(group, "group");
        return this;
    }

    /** Threads of the client's own event loop group; min(cores, 4) by default. */
    public MemcacheClientBuilder<V> ioThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("io threads must be at least 1");
        }
        this.ioThreads = threads;
        return this;
    }

    /**
     * How long an I/O thread of the client's own group keeps looking for replies without sleeping
     * after it has had work; none by default. A reply that comes within this time is read without
     * the kernel waking the thread: with 50 µs a blocking call's round trip on loopback takes about
     * 40% less time. The price is CPU: an I/O thread whose requests keep coming polls instead of
     * sleeping (up to one core per I/O thread), and on a core it shares with busy callers it costs
     * pipelined throughput (polls yield the core, but not for free). For latency-bound
     * applications with cores to spare. No effect with a shared {@link #eventLoopGroup}.
     */
    public MemcacheClientBuilder<V> ioSpin(Duration spin) {
        this.ioSpin = checkedSpin(spin, "io spin");
        return this;
    }

    /**
     * How long an I/O thread of the client's own group keeps looking for more of a multi-get's
     * replies, without sleeping, after a read left the multi-get unfinished; 25 µs by default, 0 to
     * sleep at once. memcached answers a binary or meta multi-get in parts, one after every 20 keys
     * ({@code reqs_per_event}), each following the last within microseconds; a thread asleep
     * between two parts must be woken by the server, which costs the server's thread time on every
     * part (on a saturated memcached, keys per second). Unlike {@link #ioSpin}, this spin happens
     * only while a multi-get is answering. No effect with a shared {@link #eventLoopGroup}.
     */
    public MemcacheClientBuilder<V> multiGetSpin(Duration spin) {
        this.multiGetSpin = checkedSpin(spin, "multi-get spin");
        return this;
    }

    private static Duration checkedSpin(Duration spin, String what) {
        Objects.requireNonNull(spin, "spin");
        if (spin.isNegative() || spin.compareTo(Duration.ofMillis(10)) > 0) {
            throw new IllegalArgumentException(what + " must be between 0 and 10 ms, not " + spin);
        }
        return spin;
    }

    /**
     * Completes futures on {@code executor} instead of the I/O threads, so slow callbacks cannot
     * stall I/O (at the price of one thread hand-off per operation).
     */
    public MemcacheClientBuilder<V> completionExecutor(Executor executor) {
        this.completionExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Authenticates every connection before use: SASL PLAIN in the binary protocol, memcached's
     * {@code -Y} authentication in the text protocol.
     */
    public MemcacheClientBuilder<V> credentials(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        return this;
    }

    /**
     * Connects to every server over TLS (see {@link TlsSettings}); a failed handshake fails the
     * connection attempt with a {@link MemcacheTlsException} that says why.
     */
    public MemcacheClientBuilder<V> tls(TlsSettings tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        return this;
    }

    /**
     * The servers' item size limit (their {@code -I}, 1 MiB by default): larger values fail at
     * once with {@link IllegalArgumentException} instead of a server round trip.
     */
    public MemcacheClientBuilder<V> maxItemSize(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("max item size below memcached's minimum of 1024: " + bytes);
        }
        this.maxItemSize = bytes;
        return this;
    }

    /** Delays between reconnect attempts: doubling from {@code initial} up to {@code max}. */
    public MemcacheClientBuilder<V> reconnectDelay(Duration initial, Duration max) {
        this.reconnectInitialDelay = positive(initial, "initial reconnect delay");
        this.reconnectMaxDelay = positive(max, "max reconnect delay");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max reconnect delay below the initial one");
        }
        return this;
    }

    /**
     * How dead servers are detected, what happens to their keys and how they come back: by default
     * {@link Failover#ejectSkip()} (a dead server's keys go to the next live server on the
     * unchanged ring) with a failure limit of 3, probes from 2 s to 10 s apart, and reads retried
     * on the new server. The README's "Failover" section compares the settings with libmemcached's
     * and OMcache's.
     */
    public MemcacheClientBuilder<V> failover(Failover failover) {
        this.failover = Objects.requireNonNull(failover, "failover");
        return this;
    }

    /** Receives metrics and connection events; none by default. */
    public MemcacheClientBuilder<V> listener(ClientListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * How host names become addresses; the JVM's resolution ({@link HostResolver#JVM}) by default.
     * Asked on every connection attempt and every {@link #dnsRefreshInterval DNS refresh}.
     */
    public MemcacheClientBuilder<V> hostResolver(HostResolver resolver) {
        this.hostResolver = Objects.requireNonNull(resolver, "resolver");
        return this;
    }

    /**
     * How often the servers' host names are resolved again while their connections are up; a
     * server whose name resolves to a new address gets a new connection there (the old one
     * finishes what was sent on it), and no key moves, since the ring hashes the name. By default
     * the JVM's DNS cache time ({@code networkaddress.cache.ttl}, 30 s unless set, at least 1 s);
     * never if the JVM caches forever. {@link Duration#ZERO} turns it off. Reconnections always
     * resolve the name again, whatever this says.
     */
    public MemcacheClientBuilder<V> dnsRefreshInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("negative DNS refresh interval: " + interval);
        }
        this.dnsRefreshInterval = interval;
        return this;
    }

    /**
     * Takes the servers from {@code discovery} (an ElastiCache configuration endpoint, DNS, a
     * supplier of the application's), asked at start and then every {@link #discoveryInterval}.
     * Servers configured with {@link #servers} are the list to start with if it does not answer
     * within the {@link #discoveryTimeout}; the client never fails to start because of it.
     */
    public MemcacheClientBuilder<V> discovery(ServerDiscovery discovery) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        return this;
    }

    /** How often discovery asks for the servers; 60 s by default. Failed requests are retried sooner (from 1 s). */
    public MemcacheClientBuilder<V> discoveryInterval(Duration interval) {
        this.discoveryInterval = positive(interval, "discovery interval");
        return this;
    }

    /**
     * How long one discovery request may take, and how long {@link #build()} waits for the first
     * answer before it starts with the configured servers (or none); 2 s by default.
     */
    public MemcacheClientBuilder<V> discoveryTimeout(Duration timeout) {
        this.discoveryTimeout = positive(timeout, "discovery timeout");
        return this;
    }

    /**
     * Builds the client. Its connections are opened in the background at once; operations issued
     * before a connection is ready wait for it (within their timeout). Use
     * {@link MemcacheClient#awaitConnected} to wait for the connections. With a {@link
     * #discovery}, waits up to the discovery timeout for its first answer.
     *
     * @throws IllegalStateException if neither servers nor a discovery are configured
     */
    public MemcacheClient<V> build() {
        if (servers.isEmpty() && discovery == null) {
            throw new IllegalStateException("no servers configured, and no discovery");
        }
        return new DefaultMemcacheClient<>(ClientCore.start(this), transcoder);
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }
}
