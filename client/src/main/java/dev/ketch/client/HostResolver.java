package dev.ketch.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a configured host name into addresses: on every connection attempt (so a reconnect finds a
 * server that moved) and on every DNS refresh ({@link MemcacheClientBuilder#dnsRefreshInterval}).
 * Address literals ({@code 10.0.0.1}, {@code ::1}) never reach it. The client connects to the
 * first address.
 *
 * <p>The default, {@link #JVM}, asks the JVM ({@link InetAddress#getAllByName}), which caches
 * answers for {@code networkaddress.cache.ttl} seconds (a security property; 30 s unless set).
 * Called on the client's I/O and discovery threads: it may block as the JVM's resolution does.
 */
@FunctionalInterface
public interface HostResolver {

    /** The JVM's resolution, with its cache. */
    HostResolver JVM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * Every address of {@code host}, the preferred first.
     *
     * @throws UnknownHostException if it has none
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
