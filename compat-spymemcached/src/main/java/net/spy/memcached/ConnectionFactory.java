package net.spy.memcached;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.metrics.MetricCollector;
import net.spy.memcached.metrics.MetricType;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.transcoders.Transcoder;

/**
 * A {@link MemcachedClient}'s settings and the factories of its parts. On the drop-in, which sends
 * through Ketch's connections, the hooks are honoured as follows:
 * <ul>
 *   <li>{@link #createConnection} makes the client's {@link MemcachedConnection};</li>
 *   <li>{@link #createLocator} places the keys: a {@link KetamaNodeLocator} or {@link
 *       ArrayModNodeLocator} it returns (with a {@link DefaultHashAlgorithm}) is routed by Ketch's
 *       equivalent distribution; any other locator is refused at construction;</li>
 *   <li>{@link #getOperationFactory} decides the protocol (binary if its operations are the binary
 *       protocol's), and makes the operations of {@code broadcastOp};</li>
 *   <li>{@link #createOperationQueue} gives, by the capacity of the queue it returns, the most
 *       operations outstanding on one server;</li>
 *   <li>{@link #getMetricCollector} receives the client's metrics when {@link #enableMetrics} is on.</li>
 * </ul>
 * {@link #createMemcachedNode} and the read and write queues belong to spymemcached's selector loop
 * and are not used; nor are {@link #useNagleAlgorithm()} (Ketch sets {@code TCP_NODELAY}), {@link
 * #shouldOptimize()}, {@link #getReadBufSize()}, {@link #getTimeoutExceptionThreshold()} and {@link
 * #getAuthWaitTime()}; {@link #getOpQueueMaxBlockTime()} is not waited (a full queue fails a call at
 * once).
 */
public interface ConnectionFactory {

    /**
     * The connections to {@code addrs}.
     *
     * @throws IOException never on the drop-in (declared as spymemcached declares it)
     */
    MemcachedConnection createConnection(List<InetSocketAddress> addrs) throws IOException;

    /** A node of spymemcached's selector loop (not used by the drop-in's clients). */
    MemcachedNode createMemcachedNode(SocketAddress sa, SocketChannel c, int bufSize);

    /** The operation queue of a server: its capacity bounds the operations outstanding on it. */
    BlockingQueue<Operation> createOperationQueue();

    /** The read queue of a node (not used by the drop-in's clients). */
    BlockingQueue<Operation> createReadOperationQueue();

    /** The write queue of a node (not used by the drop-in's clients). */
    BlockingQueue<Operation> createWriteOperationQueue();

    /** How long spymemcached blocks a caller when a server's queue is full (not waited: see above). */
    long getOpQueueMaxBlockTime();

    /** Where future listeners run. */
    ExecutorService getListenerExecutorService();

    /** True if {@link #getListenerExecutorService()} is the factory's own, shut down with the client. */
    boolean isDefaultExecutorService();

    /** The locator of {@code nodes}. */
    NodeLocator createLocator(List<MemcachedNode> nodes);

    /** The operations of the client's protocol. */
    OperationFactory getOperationFactory();

    /** The operation timeout in milliseconds (positive). */
    long getOperationTimeout();

    /** False to keep the JVM alive until the client is shut down (spymemcached's default). */
    boolean isDaemon();

    /** Ignored: Ketch sets {@code TCP_NODELAY}. */
    boolean useNagleAlgorithm();

    /** Observers registered when the client starts. */
    Collection<ConnectionObserver> getInitialObservers();

    /** What to do with operations for a server that is down. */
    FailureMode getFailureMode();

    /** The transcoder of the methods without one. */
    Transcoder<Object> getDefaultTranscoder();

    /** Ignored (spymemcached's get-merging; Ketch pipelines every request). */
    boolean shouldOptimize();

    /** Ignored. */
    int getReadBufSize();

    /** The key hash for server selection. */
    HashAlgorithm getHashAlg();

    /** The longest wait between reconnect attempts, in seconds. */
    long getMaxReconnectDelay();

    /** Credentials, or null. */
    AuthDescriptor getAuthDescriptor();

    /** Ignored. */
    int getTimeoutExceptionThreshold();

    /** Which metrics to collect. */
    MetricType enableMetrics();

    /** Where metrics go. */
    MetricCollector getMetricCollector();

    /** Ignored. */
    long getAuthWaitTime();

    /**
     * The TLS context of the connections, or null for plaintext (the default). Not in spymemcached
     * 2.12.3, which has no TLS: the name and meaning are those of the AWS ElastiCache client's fork
     * of spymemcached, so code written for that fork runs too.
     */
    default SSLContext getSSLContext() {
        return null;
    }

    /**
     * The name every server's certificate must carry, or null to verify each against the host it was
     * given by (the default). As in the AWS ElastiCache client.
     */
    default String getHostnameForTlsVerification() {
        return null;
    }

    /** Whether server certificates are accepted without checking their host name (default: checked). */
    default boolean skipTlsHostnameVerification() {
        return false;
    }
}
