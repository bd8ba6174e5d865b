package dev.ketch.server;

import dev.ketch.server.config.ServerSettings;

// placeholder, replaced on merge
/**
 * The memcached-compatible server. This is a stand-in with the API the launcher codes against;
 * the real implementation lives on another branch and replaces this file when merged.
 */
public final class MemcachedServer {

    private MemcachedServer() {
    }

    /**
     * Starts a server with {@code settings}.
     *
     * @throws Exception with a message fit for stderr when it cannot bind or start
     */
    public static MemcachedServer start(ServerSettings settings) throws Exception {
        throw new UnsupportedOperationException("not merged yet");
    }

    /** Stops serving and releases everything. */
    public void close() {
    }
}
