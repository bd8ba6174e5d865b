package dev.ketch.it.clients;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ketch.it.support.KetchServer;
import dev.ketch.it.support.RealMemcached;
import dev.ketch.it.support.ServerProcess;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two servers a test class runs its client scenarios against, each started on first use and
 * stopped by {@link #close()}: a real memcached (the control; tests on that side are skipped when
 * it is not installed) and the Ketch server under test.
 *
 * <p>A server that failed to start is not started again: later tests on that side fail at once
 * with the same error instead of waiting for another start timeout.
 */
public final class ClientTestServers implements AutoCloseable {

    private final Map<Side, Supplier<ServerProcess>> starters = new EnumMap<>(Side.class);
    private final Map<Side, ServerProcess> running = new EnumMap<>(Side.class);
    private final Map<Side, AssertionError> startFailures = new EnumMap<>(Side.class);

    /**
     * @param memcached starts the control (may skip the test, e.g. when memcached is missing)
     * @param ketch     starts the server under test
     */
    public ClientTestServers(Supplier<ServerProcess> memcached, Supplier<ServerProcess> ketch) {
        starters.put(Side.MEMCACHED, memcached);
        starters.put(Side.KETCH, ketch);
    }

    /** Both servers started with the same memcached command-line flags. */
    public static ClientTestServers withFlags(String... flags) {
        return new ClientTestServers(() -> RealMemcached.start(flags), () -> KetchServer.start(flags));
    }

    /** The port of {@code side}'s server, starting it on first use. */
    public synchronized int port(Side side) {
        AssertionError failure = startFailures.get(side);
        if (failure != null) {
            throw new AssertionError(side.label() + " failed to start earlier in this class: " + failure.getMessage(),
                    failure);
        }
        ServerProcess server = running.get(side);
        if (server == null) {
            try {
                server = starters.get(side).get();
            } catch (AssertionError e) {
                startFailures.put(side, e);
                throw e;
            }
            running.put(side, server);
        }
        if (!server.isAlive()) {
            fail(server + " is no longer running; its stderr:\n" + server.stderr());
        }
        return server.port();
    }

    /** Stops both servers; fails if Ketch died during the tests or reported leaked buffers. */
    @Override
    public synchronized void close() {
        ServerProcess memcached = running.remove(Side.MEMCACHED);
        ServerProcess ketch = running.remove(Side.KETCH);
        if (memcached != null) {
            memcached.close();
        }
        if (ketch != null) {
            boolean diedEarly = !ketch.isAlive();
            ketch.close();
            if (diedEarly) {
                fail(ketch + " exited during the tests; its stderr:\n" + ketch.stderr());
            }
            KetchServer.assertNoLeakReports(ketch);
        }
    }
}
