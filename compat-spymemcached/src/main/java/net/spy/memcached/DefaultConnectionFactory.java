package net.spy.memcached;

import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.compat.SpyObject;
import net.spy.memcached.transcoders.SerializingTranscoder;
import net.spy.memcached.transcoders.Transcoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import net.spy.memcached.metrics.DefaultMetricCollector;
import net.spy.memcached.metrics.MetricCollector;
import net.spy.memcached.metrics.MetricType;
import net.spy.memcached.metrics.NoopMetricCollector;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.protocol.ascii.AsciiMemcachedNodeImpl;
import net.spy.memcached.protocol.ascii.AsciiOperationFactory;
import net.spy.memcached.protocol.binary.BinaryMemcachedNodeImpl;
import net.spy.memcached.protocol.binary.BinaryOperationFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * spymemcached's defaults: text protocol, array-mod server selection with {@code NATIVE_HASH},
 * {@link FailureMode#Redistribute}, a 2500 ms operation timeout, 16384 operations per server,
 * reconnect delays up to 30 s, {@link SerializingTranscoder}, non-daemon. Override the getters to
 * change a setting, or use {@link ConnectionFactoryBuilder}.
 */
public class DefaultConnectionFactory extends SpyObject implements ConnectionFactory {

    /** The failure mode by default. */
    public static final FailureMode DEFAULT_FAILURE_MODE = FailureMode.Redistribute;
    /** The hash algorithm by default. */
    public static final HashAlgorithm DEFAULT_HASH = DefaultHashAlgorithm.NATIVE_HASH;
    /** The operation queue length by default. */
    public static final int DEFAULT_OP_QUEUE_LEN = 16384;
    /** Milliseconds a caller may wait for room in a full queue, by default. */
    public static final long DEFAULT_OP_QUEUE_MAX_BLOCK_TIME = TimeUnit.SECONDS.toMillis(10);
    /** The read buffer size by default. */
    public static final int DEFAULT_READ_BUFFER_SIZE = 16384;
    /** Milliseconds. */
    public static final long DEFAULT_OPERATION_TIMEOUT = 2500;
    /** Seconds. */
    public static final long DEFAULT_MAX_RECONNECT_DELAY = 30;
    /** Consecutive timeouts after which a connection is reopened, by default. */
    public static final int DEFAULT_MAX_TIMEOUTEXCEPTION_THRESHOLD = 998;
    /** Milliseconds to wait for authentication by default. */
    public static final long DEFAULT_AUTH_WAIT_TIME = 1000;
    /** Metrics are off unless the system property {@code net.spy.metrics.type} says otherwise. */
    public static final MetricType DEFAULT_METRIC_TYPE = MetricType.OFF;

    /** The operation queue length. */
    protected final int opQueueLen;
    private final int readBufSize;
    private final HashAlgorithm hashAlg;
    private ExecutorService executorService;
    private MetricCollector metrics;

    /** A factory with {@code qLen} operations per queue, placing keys by {@code hash}. */
    public DefaultConnectionFactory(int qLen, int bufSize, HashAlgorithm hash) {
        this.opQueueLen = qLen;
        this.readBufSize = bufSize;
        this.hashAlg = hash;
    }

    /** A factory with {@code qLen} operations per queue and the default hash. */
    public DefaultConnectionFactory(int qLen, int bufSize) {
        this(qLen, bufSize, DEFAULT_HASH);
    }

    /** A factory with the default queue length, buffer size and hash. */
    public DefaultConnectionFactory() {
        this(DEFAULT_OP_QUEUE_LEN, DEFAULT_READ_BUFFER_SIZE);
    }

    @Override
    public FailureMode getFailureMode() {
        return DEFAULT_FAILURE_MODE;
    }

    /** The most operations outstanding on one server. */
    public int getOpQueueLen() {
        return opQueueLen;
    }

    @Override
    public long getOpQueueMaxBlockTime() {
        return DEFAULT_OP_QUEUE_MAX_BLOCK_TIME;
    }

    @Override
    public long getAuthWaitTime() {
        return DEFAULT_AUTH_WAIT_TIME;
    }

    /** A pool of daemon threads named {@code FutureNotifyListener}, created on first use. */
    @Override
    public synchronized ExecutorService getListenerExecutorService() {
        if (executorService == null) {
            AtomicInteger count = new AtomicInteger();
            int threads = Runtime.getRuntime().availableProcessors();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60L, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "FutureNotifyListener-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            executorService = pool;
        }
        return executorService;
    }

    @Override
    public boolean isDefaultExecutorService() {
        return true;
    }

    @Override
    public int getReadBufSize() {
        return readBufSize;
    }

    @Override
    public HashAlgorithm getHashAlg() {
        return hashAlg;
    }

    /** A text or binary node of spymemcached's selector loop, as {@link #getOperationFactory()} says. */
    @Override
    public MemcachedNode createMemcachedNode(SocketAddress sa, SocketChannel c, int bufSize) {
        OperationFactory of = getOperationFactory();
        if (of instanceof AsciiOperationFactory) {
            return new AsciiMemcachedNodeImpl(sa, c, bufSize, createReadOperationQueue(), createWriteOperationQueue(),
                    createOperationQueue(), getOpQueueMaxBlockTime(), getOperationTimeout(), getAuthWaitTime(), this);
        }
        if (of instanceof BinaryOperationFactory) {
            return new BinaryMemcachedNodeImpl(sa, c, bufSize, createReadOperationQueue(), createWriteOperationQueue(),
                    createOperationQueue(), getOpQueueMaxBlockTime(), getAuthDescriptor() != null, getOperationTimeout(),
                    getAuthWaitTime(), this);
        }
        throw new IllegalStateException("Unhandled operation factory type " + of);
    }

    @Override
    public MemcachedConnection createConnection(List<InetSocketAddress> addrs) throws IOException {
        return new MemcachedConnection(getReadBufSize(), this, addrs, getInitialObservers(), getFailureMode(),
                getOperationFactory());
    }

    /** An {@link ArrayBlockingQueue} of {@link #getOpQueueLen()} operations. */
    @Override
    public BlockingQueue<Operation> createOperationQueue() {
        return new ArrayBlockingQueue<>(getOpQueueLen());
    }

    @Override
    public BlockingQueue<Operation> createReadOperationQueue() {
        return new LinkedBlockingQueue<>();
    }

    @Override
    public BlockingQueue<Operation> createWriteOperationQueue() {
        return new LinkedBlockingQueue<>();
    }

    /** An {@link ArrayModNodeLocator} with {@link #getHashAlg()}. */
    @Override
    public NodeLocator createLocator(List<MemcachedNode> nodes) {
        return new ArrayModNodeLocator(nodes, getHashAlg());
    }

    /** The text protocol's. */
    @Override
    public OperationFactory getOperationFactory() {
        return new AsciiOperationFactory();
    }

    /** {@link #DEFAULT_METRIC_TYPE}, unless the system property {@code net.spy.metrics.type} names another. */
    @Override
    public MetricType enableMetrics() {
        String type = System.getProperty("net.spy.metrics.type");
        return type == null ? DEFAULT_METRIC_TYPE : MetricType.valueOf(type.toUpperCase(Locale.ROOT));
    }

    /** A {@link DefaultMetricCollector} if metrics are on, else a {@link NoopMetricCollector}; made once. */
    @Override
    public synchronized MetricCollector getMetricCollector() {
        if (metrics == null) {
            metrics = enableMetrics() == MetricType.OFF ? new NoopMetricCollector() : new DefaultMetricCollector();
        }
        return metrics;
    }

    @Override
    public long getOperationTimeout() {
        return DEFAULT_OPERATION_TIMEOUT;
    }

    @Override
    public boolean isDaemon() {
        return false;
    }

    @Override
    public Collection<ConnectionObserver> getInitialObservers() {
        return Collections.emptyList();
    }

    @Override
    public Transcoder<Object> getDefaultTranscoder() {
        return new SerializingTranscoder();
    }

    @Override
    public boolean useNagleAlgorithm() {
        return false;
    }

    @Override
    public boolean shouldOptimize() {
        return false;
    }

    @Override
    public long getMaxReconnectDelay() {
        return DEFAULT_MAX_RECONNECT_DELAY;
    }

    @Override
    public AuthDescriptor getAuthDescriptor() {
        return null;
    }

    @Override
    public int getTimeoutExceptionThreshold() {
        return DEFAULT_MAX_TIMEOUTEXCEPTION_THRESHOLD;
    }

    /** A short name for {@link #toString()}. */
    protected String getName() {
        return "DefaultConnectionFactory";
    }

    @Override
    public String toString() {
        return "Failure Mode: " + getFailureMode().name() + ", Hash Algorithm: " + getHashAlg()
                + " Max Reconnect Delay: " + getMaxReconnectDelay() + ", Max Op Timeout: " + getOperationTimeout()
                + ", Op Queue Length: " + getOpQueueLen() + ", Transcoder: " + getDefaultTranscoder() + " isDaemon: " + isDaemon()
                + ", ConnectionFactory: " + getName();
    }
}
