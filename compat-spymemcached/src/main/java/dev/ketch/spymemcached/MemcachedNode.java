package dev.ketch.spymemcached;

import java.net.SocketAddress;

/**
 * A server, as {@link NodeLocator} reports it: where it is and whether it is connected. (spymemcached's
 * interface of this name also exposes its I/O internals, which Ketch does not have.)
 */
public interface MemcachedNode {

    /** The server's address, as given to the client. */
    SocketAddress getSocketAddress();

    /** True while a connection to the server is established. */
    boolean isActive();
}
