package net.spy.memcached;

import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.transcoders.Transcoder;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * A {@link MemcachedClient}'s settings, as spymemcached's {@code ConnectionFactory} gives them. The
 * methods through which spymemcached builds its own I/O objects ({@code createConnection}, {@code
 * createLocator}, {@code getOperationFactory}, the queue factories) are replaced by the settings they
 * encode: {@link #getProtocol()}, {@link #getLocatorType()}, {@link #getWeights()} and {@link
 * #getOpQueueLen()}. Subclass {@link DefaultConnectionFactory} (or use {@link
 * ConnectionFactoryBuilder}) rather than implementing this from scratch.
 *
 * <p>Settings Ketch has no counterpart for are accepted and ignored: {@link #useNagleAlgorithm()}
 * (Ketch always disables Nagle), {@link #shouldOptimize()}, {@link #getReadBufSize()}, {@link
 * #getTimeoutExceptionThreshold()} (Ketch drops a connection whose timed-out replies never come) and
 * {@link #getAuthWaitTime()}. {@link #getOpQueueMaxBlockTime()} is not waited: a call finding its
 * server's queue full fails at once.
 */
public interface ConnectionFactory {

    /** How long spymemcached blocks a caller when a server's queue is full (not used: see above). */
    long getOpQueueMaxBlockTime();

    /** Where future listeners run. */
    ExecutorService getListenerExecutorService();

    /** True if {@link #getListenerExecutorService()} is the factory's own, shut down with the client. */
    boolean isDefaultExecutorService();

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

    /** The key hash for server selection; one of {@link DefaultHashAlgorithm}. */
    HashAlgorithm getHashAlg();

    /** The longest wait between reconnect attempts, in seconds. */
    long getMaxReconnectDelay();

    /** Credentials, or null. */
    AuthDescriptor getAuthDescriptor();

    /** Ignored. */
    int getTimeoutExceptionThreshold();

    /** Ignored. */
    long getAuthWaitTime();

    /** The wire protocol (what spymemcached's {@code getOperationFactory()} decides). Ketch addition. */
    ConnectionFactoryBuilder.Protocol getProtocol();

    /** How keys are spread over servers (what {@code createLocator} decides). Ketch addition. */
    ConnectionFactoryBuilder.Locator getLocatorType();

    /**
     * Ketama weights per server; empty for the unweighted ring. When not empty every server must
     * have one, as in spymemcached. Ketch addition ({@link KetamaConnectionFactory#getWeights()}).
     */
    Map<InetSocketAddress, Integer> getWeights();

    /** The most operations outstanding on one server; more fail at once. Ketch addition. */
    int getOpQueueLen();
}
