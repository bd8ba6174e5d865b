package net.spy.memcached;

import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.compat.SpyObject;
import net.spy.memcached.transcoders.SerializingTranscoder;
import net.spy.memcached.transcoders.Transcoder;
import java.net.InetSocketAddress;
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

    public static final FailureMode DEFAULT_FAILURE_MODE = FailureMode.Redistribute;
    public static final HashAlgorithm DEFAULT_HASH = DefaultHashAlgorithm.NATIVE_HASH;
    public static final int DEFAULT_OP_QUEUE_LEN = 16384;
    public static final long DEFAULT_OP_QUEUE_MAX_BLOCK_TIME = TimeUnit.SECONDS.toMillis(10);
    public static final int DEFAULT_READ_BUFFER_SIZE = 16384;
    /** Milliseconds. */
    public static final long DEFAULT_OPERATION_TIMEOUT = 2500;
    /** Seconds. */
    public static final long DEFAULT_MAX_RECONNECT_DELAY = 30;
    public static final int DEFAULT_MAX_TIMEOUTEXCEPTION_THRESHOLD = 998;
    public static final long DEFAULT_AUTH_WAIT_TIME = 1000;

    protected final int opQueueLen;
    private final int readBufSize;
    private final HashAlgorithm hashAlg;
    private ExecutorService executorService;

    public DefaultConnectionFactory(int qLen, int bufSize, HashAlgorithm hash) {
        this.opQueueLen = qLen;
        this.readBufSize = bufSize;
        this.hashAlg = hash;
    }

    public DefaultConnectionFactory(int qLen, int bufSize) {
        this(qLen, bufSize, DEFAULT_HASH);
    }

    public DefaultConnectionFactory() {
        this(DEFAULT_OP_QUEUE_LEN, DEFAULT_READ_BUFFER_SIZE);
    }

    @Override
    public FailureMode getFailureMode() {
        return DEFAULT_FAILURE_MODE;
    }

    @Override
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

    @Override
    public ConnectionFactoryBuilder.Protocol getProtocol() {
        return ConnectionFactoryBuilder.Protocol.TEXT;
    }

    @Override
    public ConnectionFactoryBuilder.Locator getLocatorType() {
        return ConnectionFactoryBuilder.Locator.ARRAY_MOD;
    }

    @Override
    public Map<InetSocketAddress, Integer> getWeights() {
        return Collections.emptyMap();
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
                + ", Op Queue Length: " + getOpQueueLen() + ", Protocol: " + getProtocol() + ", Locator: "
                + getLocatorType() + ", Transcoder: " + getDefaultTranscoder() + " isDaemon: " + isDaemon()
                + ", ConnectionFactory: " + getName();
    }
}
