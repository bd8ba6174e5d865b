package dev.ketch.it.clients;

import dev.ketch.it.support.KetchServer;

/** Which server a client scenario runs against. */
public enum Side {
    /**
     * A real memcached, the control: a scenario that fails here is wrong about the client or its
     * configuration, not about Ketch.
     */
    MEMCACHED,
    /** The Ketch server under test (or its memcached stand-in, see {@link KetchServer}). */
    KETCH;

    /** How the side is called in test names and messages. */
    public String label() {
        return this == MEMCACHED ? "memcached (control)" : KetchServer.label();
    }
}
