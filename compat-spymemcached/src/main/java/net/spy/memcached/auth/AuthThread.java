package net.spy.memcached.auth;

import java.util.concurrent.atomic.AtomicBoolean;
import net.spy.memcached.MemcachedConnection;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.OperationFactory;
import net.spy.memcached.compat.SpyThread;

/**
 * spymemcached's SASL handshake with one node. On the drop-in Ketch authenticates every
 * connection before using it, so {@link #run()} has nothing to do; the thread exists so that code
 * naming it still links.
 */
public class AuthThread extends SpyThread {

    /** Round trips slower than this (ms) were logged by spymemcached. */
    public static final int AUTH_ROUNDTRIP_THRESHOLD = 250;
    /** Handshakes slower than this (ms) were logged by spymemcached. */
    public static final int AUTH_TOTAL_THRESHOLD = 1000;
    /** Separates mechanism names in a server's list. */
    public static final String MECH_SEPARATOR = " ";

    private final AuthDescriptor authDescriptor;

    /** A thread for {@code node}; not started. */
    public AuthThread(MemcachedConnection c, OperationFactory o, AuthDescriptor a, MemcachedNode n) {
        super("SASL auth for " + n);
        authDescriptor = a;
    }

    /** The mechanisms the descriptor offers (Ketch uses PLAIN among them). */
    protected String[] listSupportedSASLMechanisms(AtomicBoolean done) {
        done.set(true);
        return authDescriptor == null ? new String[0] : authDescriptor.getMechs();
    }

    /** Nothing to do: Ketch authenticates the connection itself. */
    @Override
    public void run() {
    }
}
