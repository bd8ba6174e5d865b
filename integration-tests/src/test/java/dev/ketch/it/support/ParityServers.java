package dev.ketch.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The two servers of a parity test: a real memcached (the reference) and the Ketch server under
 * test, both started as processes with the same flags. {@link #runOnBoth} flushes both and runs
 * one table row on each at once, on fresh connections.
 */
public final class ParityServers implements AutoCloseable {

    private final ServerProcess memcached;
    private final ServerProcess ketch;
    private final ExecutorService bothAtOnce = Executors.newFixedThreadPool(2);
    private final Duration replyTimeout;

    private ParityServers(ServerProcess memcached, ServerProcess ketch, Duration replyTimeout) {
        this.memcached = memcached;
        this.ketch = ketch;
        this.replyTimeout = replyTimeout;
    }

    /**
     * Starts both servers with {@code flags}, or returns null when memcached is not installed (the
     * rows then skip themselves: an assumption failing in {@code @BeforeAll} would hide them from
     * the reports instead of listing them as skipped).
     */
    public static ParityServers startIfMemcachedInstalled(Duration replyTimeout, String... flags) {
        if (!RealMemcached.isInstalled()) {
            return null;
        }
        ServerProcess memcached = RealMemcached.start(flags);
        try {
            return new ParityServers(memcached, KetchServer.start(flags), replyTimeout);
        } catch (RuntimeException | Error e) {
            memcached.close();
            throw e;
        }
    }

    /** Skips the calling row when {@code servers} is null (memcached not installed). */
    public static ParityServers require(ParityServers servers) {
        Skip.unless(servers != null, RealMemcached.NOT_FOUND);
        return servers;
    }

    /** What running a row on one server gave: the reference's and the server under test's. */
    public record Results<T>(T memcached, T ketch) {
    }

    /** Flushes both servers, then runs {@code row} (given a port) on both at once. */
    public <T> Results<T> runOnBoth(IntFunction<T> row) throws InterruptedException, ExecutionException {
        flush(memcached);
        flush(ketch);
        Future<T> reference = bothAtOnce.submit(() -> row.apply(memcached.port()));
        Future<T> underTest = bothAtOnce.submit(() -> row.apply(ketch.port()));
        return new Results<>(reference.get(), underTest.get());
    }

    private void flush(ServerProcess server) {
        try (TextConnection connection = TextConnection.open(server.port(), replyTimeout)) {
            connection.send("flush_all\r\n");
            assertEquals("OK", connection.readLine(), "flush_all before the row on " + server);
        } catch (IOException e) {
            throw new AssertionError("cannot flush " + server + " before the row (alive: " + server.isAlive()
                    + ")\n" + server.stderr(), e);
        }
    }

    /** Stops both servers; fails if Ketch reported leaked buffers. */
    @Override
    public void close() {
        bothAtOnce.shutdownNow();
        memcached.close();
        ketch.close();
        KetchServer.assertNoLeakReports(ketch);
    }
}
