package net.spy.memcached.spring;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.AddrUtil;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.FailureMode;
import net.spy.memcached.HashAlgorithm;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.OperationFactory;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.ops.OperationQueueFactory;
import net.spy.memcached.transcoders.Transcoder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * A Spring factory of one {@link MemcachedClient}: its properties are those of {@link
 * ConnectionFactoryBuilder}, plus {@code servers} ({@code "host:port host:port"}) and {@code
 * shutdownTimeoutSeconds}; the client is built when the properties are set and shut down with the
 * context. Needs {@code spring-beans} (an optional dependency of this jar).
 *
 * <pre>{@code
 * <bean id="memcachedClient" class="net.spy.memcached.spring.MemcachedClientFactoryBean">
 *   <property name="servers" value="cache1:11211 cache2:11211"/>
 *   <property name="protocol" value="BINARY"/>
 *   <property name="opTimeout" value="1000"/>
 * </bean>
 * }</pre>
 */
@SuppressWarnings("rawtypes") // spymemcached's factory bean is raw, and so code that names it expects
public class MemcachedClientFactoryBean implements FactoryBean, InitializingBean, DisposableBean {

    private final ConnectionFactoryBuilder connectionFactoryBuilder = new ConnectionFactoryBuilder();
    private String servers;
    private long shutdownTimeoutSeconds;
    private MemcachedClient client;

    /** A factory bean with {@link ConnectionFactoryBuilder}'s defaults. */
    public MemcachedClientFactoryBean() {
    }

    /** The client, once the properties are set. */
    @Override
    public Object getObject() throws Exception {
        return client;
    }

    @Override
    public Class<?> getObjectType() {
        return MemcachedClient.class;
    }

    /** True: one client per bean. */
    @Override
    public boolean isSingleton() {
        return true;
    }

    /** Builds the client. */
    @Override
    public void afterPropertiesSet() throws Exception {
        client = new MemcachedClient(connectionFactoryBuilder.build(), AddrUtil.getAddresses(servers));
    }

    /** Shuts the client down, waiting up to {@code shutdownTimeoutSeconds} for its operations if positive. */
    @Override
    public void destroy() throws Exception {
        if (shutdownTimeoutSeconds > 0) {
            client.shutdown(shutdownTimeoutSeconds, TimeUnit.SECONDS);
        } else {
            client.shutdown();
        }
    }

    /** The servers, {@code "host:port host:port"} (as {@link AddrUtil#getAddresses(String)} reads them). */
    public void setServers(String newServers) {
        servers = newServers;
    }

    /** See {@link ConnectionFactoryBuilder#setAuthDescriptor}. */
    public void setAuthDescriptor(AuthDescriptor to) {
        connectionFactoryBuilder.setAuthDescriptor(to);
    }

    /** See {@link ConnectionFactoryBuilder#setDaemon}. */
    public void setDaemon(boolean d) {
        connectionFactoryBuilder.setDaemon(d);
    }

    /** See {@link ConnectionFactoryBuilder#setFailureMode}. */
    public void setFailureMode(FailureMode fm) {
        connectionFactoryBuilder.setFailureMode(fm);
    }

    /** See {@link ConnectionFactoryBuilder#setHashAlg}. */
    public void setHashAlg(HashAlgorithm to) {
        connectionFactoryBuilder.setHashAlg(to);
    }

    /** See {@link ConnectionFactoryBuilder#setInitialObservers}. */
    public void setInitialObservers(Collection<ConnectionObserver> obs) {
        connectionFactoryBuilder.setInitialObservers(obs);
    }

    /** See {@link ConnectionFactoryBuilder#setLocatorType}. */
    public void setLocatorType(ConnectionFactoryBuilder.Locator l) {
        connectionFactoryBuilder.setLocatorType(l);
    }

    /** See {@link ConnectionFactoryBuilder#setMaxReconnectDelay}. */
    public void setMaxReconnectDelay(long to) {
        connectionFactoryBuilder.setMaxReconnectDelay(to);
    }

    /** See {@link ConnectionFactoryBuilder#setOpFact}. */
    public void setOpFact(OperationFactory f) {
        connectionFactoryBuilder.setOpFact(f);
    }

    /** See {@link ConnectionFactoryBuilder#setOpQueueFactory}. */
    public void setOpQueueFactory(OperationQueueFactory q) {
        connectionFactoryBuilder.setOpQueueFactory(q);
    }

    /** See {@link ConnectionFactoryBuilder#setOpQueueMaxBlockTime}. */
    public void setOpQueueMaxBlockTime(long t) {
        connectionFactoryBuilder.setOpQueueMaxBlockTime(t);
    }

    /** See {@link ConnectionFactoryBuilder#setOpTimeout}. */
    public void setOpTimeout(long t) {
        connectionFactoryBuilder.setOpTimeout(t);
    }

    /** See {@link ConnectionFactoryBuilder#setProtocol}. */
    public void setProtocol(ConnectionFactoryBuilder.Protocol prot) {
        connectionFactoryBuilder.setProtocol(prot);
    }

    /** See {@link ConnectionFactoryBuilder#setReadBufferSize}. */
    public void setReadBufferSize(int to) {
        connectionFactoryBuilder.setReadBufferSize(to);
    }

    /** See {@link ConnectionFactoryBuilder#setReadOpQueueFactory}. */
    public void setReadOpQueueFactory(OperationQueueFactory q) {
        connectionFactoryBuilder.setReadOpQueueFactory(q);
    }

    /** See {@link ConnectionFactoryBuilder#setShouldOptimize}. */
    public void setShouldOptimize(boolean o) {
        connectionFactoryBuilder.setShouldOptimize(o);
    }

    /** See {@link ConnectionFactoryBuilder#setTimeoutExceptionThreshold}. */
    public void setTimeoutExceptionThreshold(int to) {
        connectionFactoryBuilder.setTimeoutExceptionThreshold(to);
    }

    /** See {@link ConnectionFactoryBuilder#setTranscoder}. */
    public void setTranscoder(Transcoder<Object> t) {
        connectionFactoryBuilder.setTranscoder(t);
    }

    /** See {@link ConnectionFactoryBuilder#setUseNagleAlgorithm}. */
    public void setUseNagleAlgorithm(boolean to) {
        connectionFactoryBuilder.setUseNagleAlgorithm(to);
    }

    /** See {@link ConnectionFactoryBuilder#setWriteOpQueueFactory}. */
    public void setWriteOpQueueFactory(OperationQueueFactory q) {
        connectionFactoryBuilder.setWriteOpQueueFactory(q);
    }

    /** How long {@link #destroy()} waits for the client's operations; 0 (the default) for not at all. */
    public void setShutdownTimeoutSeconds(long shutdownTimeoutSeconds) {
        this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
    }
}
