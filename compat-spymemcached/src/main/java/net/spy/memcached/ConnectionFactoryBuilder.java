package net.spy.memcached;

import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.ops.OperationQueueFactory;
import net.spy.memcached.transcoders.Transcoder;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import net.spy.memcached.metrics.MetricCollector;
import net.spy.memcached.metrics.MetricType;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.protocol.ascii.AsciiOperationFactory;
import net.spy.memcached.protocol.binary.BinaryOperationFactory;

/**
 * Builds a {@link ConnectionFactory} from spymemcached's settings, starting from {@link
 * DefaultConnectionFactory}'s defaults.
 *
 * <pre>{@code
 * MemcachedClient client = new MemcachedClient(new ConnectionFactoryBuilder()
 *         .setProtocol(ConnectionFactoryBuilder.Protocol.BINARY)
 *         .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT)
 *         .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
 *         .setOpTimeout(1000)
 *         .build(), AddrUtil.getAddresses("cache1:11211 cache2:11211"));
 * }</pre>
 *
 * <p>Note that, as in spymemcached, {@link Locator#CONSISTENT} keeps the default {@code
 * NATIVE_HASH} unless {@link #setHashAlg} says otherwise (most code sets {@code KETAMA_HASH}).
 */
public class ConnectionFactoryBuilder {

    /** The wire protocols. */
    public enum Protocol {
        /** memcached's text protocol (spymemcached's default). */
        TEXT,
        /** memcached's binary protocol. */
        BINARY
    }

    /** How keys are spread over servers. */
    public enum Locator {
        /** The key hash modulo the number of servers (spymemcached's default). */
        ARRAY_MOD,
        /** spymemcached's ketama ring (160 points per server). */
        CONSISTENT,
        /** Couchbase only; a client built with it fails at construction. */
        VBUCKET
    }

    /** The queue factory of operations waiting to be sent (its capacity bounds them). */
    protected OperationQueueFactory opQueueFactory;
    /** The queue factory of operations awaiting a reply. */
    protected OperationQueueFactory readQueueFactory;
    /** The queue factory of operations being written. */
    protected OperationQueueFactory writeQueueFactory;
    /** The default transcoder. */
    protected Transcoder<Object> transcoder;
    /** What happens to operations for a server that is down. */
    protected FailureMode failureMode;
    /** Observers registered when the client starts. */
    protected Collection<ConnectionObserver> initialObservers = Collections.emptyList();
    /** The protocol. */
    protected Protocol protocol;
    /** How keys are placed on servers. */
    protected Locator locator = Locator.ARRAY_MOD;
    /** The operation timeout in milliseconds; -1 for the default. */
    protected long opTimeout = -1;
    /** Whether the client's threads are daemon threads. */
    protected boolean isDaemon;
    /** Whether consecutive gets are merged. */
    protected boolean shouldOptimize;
    /** Whether Nagle's algorithm stays on. */
    protected boolean useNagle;
    /** The longest wait between reconnection attempts, in seconds. */
    protected long maxReconnectDelay = DefaultConnectionFactory.DEFAULT_MAX_RECONNECT_DELAY;
    /** The read buffer size; -1 for the default. */
    protected int readBufSize = -1;
    /** How keys are hashed to servers. */
    protected HashAlgorithm hashAlg;
    /** The authentication to use, or null. */
    protected AuthDescriptor authDescriptor;
    /** Milliseconds a caller may wait for room in a full queue; -1 for the default. */
    protected long opQueueMaxBlockTime = -1;
    /** Consecutive timeouts after which a connection is reopened. */
    protected int timeoutExceptionThreshold = DefaultConnectionFactory.DEFAULT_MAX_TIMEOUTEXCEPTION_THRESHOLD;
    /** Where listeners run, or null for the default. */
    protected ExecutorService executorService;
    /** Milliseconds to wait for authentication. */
    protected long authWaitTime = DefaultConnectionFactory.DEFAULT_AUTH_WAIT_TIME;
    private SSLContext sslContext;
    private String hostnameForTlsVerification;
    private boolean skipTlsHostnameVerification;
    /** The protocol's operation factory. */
    protected OperationFactory opFact;
    /** Which metrics are collected, or null for the default. */
    protected MetricType metricType;
    /** Where metrics go, or null for the default. */
    protected MetricCollector collector;

    /** A builder with {@link DefaultConnectionFactory}'s settings. */
    public ConnectionFactoryBuilder() {
    }

    /**
     * A builder with {@code cf}'s settings, as spymemcached copies them: not its protocol, locator,
     * operation factory or queues, and with its timeout exception threshold lowered by 2 (the setter
     * takes 2 off what it is given).
     */
    public ConnectionFactoryBuilder(ConnectionFactory cf) {
        setAuthDescriptor(cf.getAuthDescriptor());
        setDaemon(cf.isDaemon());
        setFailureMode(cf.getFailureMode());
        setHashAlg(cf.getHashAlg());
        setInitialObservers(cf.getInitialObservers());
        setMaxReconnectDelay(cf.getMaxReconnectDelay());
        setOpQueueMaxBlockTime(cf.getOpQueueMaxBlockTime());
        setOpTimeout(cf.getOperationTimeout());
        setReadBufferSize(cf.getReadBufSize());
        setShouldOptimize(cf.shouldOptimize());
        setTimeoutExceptionThreshold(cf.getTimeoutExceptionThreshold());
        setTranscoder(cf.getDefaultTranscoder());
        setUseNagleAlgorithm(cf.useNagleAlgorithm());
        setListenerExecutorService(cf.getListenerExecutorService());
        setAuthWaitTime(cf.getAuthWaitTime());
        setEnableMetrics(cf.enableMetrics());
    }

    /** The most operations outstanding on one server: the factory's capacity. */
    public ConnectionFactoryBuilder setOpQueueFactory(OperationQueueFactory q) {
        opQueueFactory = q;
        return this;
    }

    /** Accepted and ignored: Ketch has no separate read queue. */
    public ConnectionFactoryBuilder setReadOpQueueFactory(OperationQueueFactory q) {
        readQueueFactory = q;
        return this;
    }

    /** Accepted and ignored: Ketch has no separate write queue. */
    public ConnectionFactoryBuilder setWriteOpQueueFactory(OperationQueueFactory q) {
        writeQueueFactory = q;
        return this;
    }

    /** Recorded; a full queue fails a call at once instead of blocking it this long. */
    public ConnectionFactoryBuilder setOpQueueMaxBlockTime(long t) {
        opQueueMaxBlockTime = t;
        return this;
    }

    /** The transcoder of the methods without one. */
    public ConnectionFactoryBuilder setTranscoder(Transcoder<Object> t) {
        transcoder = t;
        return this;
    }

    /** What to do with operations for a server that is down. */
    public ConnectionFactoryBuilder setFailureMode(FailureMode fm) {
        failureMode = fm;
        return this;
    }

    /** Observers registered when the client starts. */
    public ConnectionFactoryBuilder setInitialObservers(Collection<ConnectionObserver> obs) {
        initialObservers = obs;
        return this;
    }

    /** The operation timeout in milliseconds. */
    public ConnectionFactoryBuilder setOpTimeout(long t) {
        opTimeout = t;
        return this;
    }

    /** True to let the JVM exit while the client is running. */
    public ConnectionFactoryBuilder setDaemon(boolean d) {
        isDaemon = d;
        return this;
    }

    /** Accepted and ignored. */
    public ConnectionFactoryBuilder setShouldOptimize(boolean o) {
        shouldOptimize = o;
        return this;
    }

    /** Accepted and ignored. */
    public ConnectionFactoryBuilder setReadBufferSize(int to) {
        readBufSize = to;
        return this;
    }

    /** The key hash; one of {@link DefaultHashAlgorithm}. */
    public ConnectionFactoryBuilder setHashAlg(HashAlgorithm to) {
        hashAlg = to;
        return this;
    }

    /** Accepted and ignored: Ketch always disables Nagle. */
    public ConnectionFactoryBuilder setUseNagleAlgorithm(boolean to) {
        useNagle = to;
        return this;
    }

    /** The wire protocol. */
    public ConnectionFactoryBuilder setProtocol(Protocol prot) {
        protocol = prot;
        return this;
    }

    /** How keys are spread over servers. */
    public ConnectionFactoryBuilder setLocatorType(Locator l) {
        locator = l;
        return this;
    }

    /** The longest wait between reconnect attempts, in seconds. */
    public ConnectionFactoryBuilder setMaxReconnectDelay(long to) {
        if (to <= 0) {
            throw new IllegalArgumentException("Reconnect delay must be a positive number");
        }
        maxReconnectDelay = to;
        return this;
    }

    /** Credentials for every connection (SASL PLAIN in binary, memcached's {@code -Y} in text). */
    public ConnectionFactoryBuilder setAuthDescriptor(AuthDescriptor to) {
        authDescriptor = to;
        return this;
    }

    /** Accepted and ignored (minimum 2, as in spymemcached). */
    public ConnectionFactoryBuilder setTimeoutExceptionThreshold(int to) {
        if (to > 1) {
            timeoutExceptionThreshold = to - 2;
        }
        return this;
    }

    /** Where future listeners run; not shut down by the client. */
    public ConnectionFactoryBuilder setListenerExecutorService(ExecutorService executorService) {
        this.executorService = executorService;
        return this;
    }

    /** Accepted and ignored. */
    public ConnectionFactoryBuilder setAuthWaitTime(long authWaitTime) {
        this.authWaitTime = authWaitTime;
        return this;
    }

    /** The operation factory; overrides {@link #setProtocol}. */
    public ConnectionFactoryBuilder setOpFact(OperationFactory f) {
        opFact = f;
        return this;
    }

    /** Which metrics to collect. */
    public ConnectionFactoryBuilder setEnableMetrics(MetricType type) {
        metricType = type;
        return this;
    }

    /** Where metrics go. */
    public ConnectionFactoryBuilder setMetricCollector(MetricCollector collector) {
        this.collector = collector;
        return this;
    }

    /**
     * Connects with TLS through {@code context} (null: plaintext). Not in spymemcached 2.12.3; as in
     * the AWS ElastiCache client's fork.
     */
    public ConnectionFactoryBuilder setSSLContext(SSLContext context) {
        this.sslContext = context;
        return this;
    }

    /** The name every server's certificate must carry, instead of the host each server was given by. */
    public ConnectionFactoryBuilder setHostnameForTlsVerification(String hostname) {
        this.hostnameForTlsVerification = hostname;
        return this;
    }

    /** Accepts server certificates without checking their host name (not recommended). */
    public ConnectionFactoryBuilder setSkipTlsHostnameVerification(boolean skip) {
        this.skipTlsHostnameVerification = skip;
        return this;
    }

    /** The factory with these settings. */
    public ConnectionFactory build() {
        return new Built();
    }

    /** The built factory: the builder's settings over {@link DefaultConnectionFactory}'s. */
    private final class Built extends DefaultConnectionFactory {

        private final OperationQueueFactory queue = opQueueFactory;
        private final OperationQueueFactory readQueue = readQueueFactory;
        private final OperationQueueFactory writeQueue = writeQueueFactory;
        private final OperationFactory operations = opFact;
        private final MetricType metrics = metricType;
        private final MetricCollector metricCollector = collector;
        private final Transcoder<Object> tc = transcoder;
        private final FailureMode mode = failureMode;
        private final Collection<ConnectionObserver> observers = initialObservers;
        private final Protocol prot = protocol;
        private final Locator loc = locator;
        private final long timeout = opTimeout;
        private final boolean daemon = isDaemon;
        private final boolean optimize = shouldOptimize;
        private final boolean nagle = useNagle;
        private final long reconnect = maxReconnectDelay;
        private final int bufSize = readBufSize;
        private final HashAlgorithm hash = hashAlg;
        private final AuthDescriptor auth = authDescriptor;
        private final long blockTime = opQueueMaxBlockTime;
        private final int threshold = timeoutExceptionThreshold;
        private final ExecutorService listeners = executorService;
        private final long authWait = authWaitTime;
        private final SSLContext tls = sslContext;
        private final String tlsHostname = hostnameForTlsVerification;
        private final boolean skipTlsHostname = skipTlsHostnameVerification;

        @Override
        public SSLContext getSSLContext() {
            return tls;
        }

        @Override
        public String getHostnameForTlsVerification() {
            return tlsHostname;
        }

        @Override
        public boolean skipTlsHostnameVerification() {
            return skipTlsHostname;
        }

        @Override
        public BlockingQueue<Operation> createOperationQueue() {
            return queue == null ? super.createOperationQueue() : queue.create();
        }

        @Override
        public BlockingQueue<Operation> createReadOperationQueue() {
            return readQueue == null ? super.createReadOperationQueue() : readQueue.create();
        }

        @Override
        public BlockingQueue<Operation> createWriteOperationQueue() {
            return writeQueue == null ? super.createReadOperationQueue() : writeQueue.create();
        }

        @Override
        public NodeLocator createLocator(List<MemcachedNode> nodes) {
            switch (loc) {
                case ARRAY_MOD:
                    return new ArrayModNodeLocator(nodes, getHashAlg());
                case CONSISTENT:
                    return new KetamaNodeLocator(nodes, getHashAlg());
                default:
                    throw new IllegalStateException("Unhandled locator type: " + loc);
            }
        }

        @Override
        public OperationFactory getOperationFactory() {
            if (operations != null) {
                return operations;
            }
            return prot == Protocol.BINARY ? new BinaryOperationFactory() : new AsciiOperationFactory();
        }

        @Override
        public MetricType enableMetrics() {
            return metrics == null ? super.enableMetrics() : metrics;
        }

        @Override
        public MetricCollector getMetricCollector() {
            return metricCollector == null ? super.getMetricCollector() : metricCollector;
        }

        @Override
        public Transcoder<Object> getDefaultTranscoder() {
            return tc == null ? super.getDefaultTranscoder() : tc;
        }

        @Override
        public FailureMode getFailureMode() {
            return mode == null ? super.getFailureMode() : mode;
        }

        @Override
        public HashAlgorithm getHashAlg() {
            return hash == null ? super.getHashAlg() : hash;
        }

        @Override
        public Collection<ConnectionObserver> getInitialObservers() {
            return observers;
        }


        @Override
        public long getOperationTimeout() {
            return timeout == -1 ? super.getOperationTimeout() : timeout;
        }

        @Override
        public int getReadBufSize() {
            return bufSize == -1 ? super.getReadBufSize() : bufSize;
        }

        @Override
        public boolean isDaemon() {
            return daemon;
        }

        @Override
        public boolean shouldOptimize() {
            return optimize;
        }

        @Override
        public boolean useNagleAlgorithm() {
            return nagle;
        }

        @Override
        public long getMaxReconnectDelay() {
            return reconnect;
        }

        @Override
        public AuthDescriptor getAuthDescriptor() {
            return auth;
        }

        @Override
        public long getOpQueueMaxBlockTime() {
            return blockTime > -1 ? blockTime : super.getOpQueueMaxBlockTime();
        }

        @Override
        public int getTimeoutExceptionThreshold() {
            return threshold;
        }

        @Override
        public ExecutorService getListenerExecutorService() {
            return listeners == null ? super.getListenerExecutorService() : listeners;
        }

        @Override
        public boolean isDefaultExecutorService() {
            return listeners == null;
        }

        @Override
        public long getAuthWaitTime() {
            return authWait;
        }

        @Override
        protected String getName() {
            return "ConnectionFactoryBuilder";
        }
    }
}
