package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.spymemcached.testing.BlackHole;
import dev.ketch.spymemcached.testing.Bundled;
import dev.ketch.spymemcached.testing.Impl;
import dev.ketch.spymemcached.testing.Side;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Timeouts and unreachable servers, the same on spymemcached and the adapter: a black-holed server
 * (accepts, never answers), a server that answers beside one that does not, and a port nobody
 * listens on under each FailureMode. The four clients of a case (two implementations, two
 * protocols) run in parallel to keep the waiting short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeoutParityTest {

    /** The operation timeout where every operation is expected to time out or fail. */
    private static final long TIMEOUT = 250;

    /**
     * The operation timeout with a black-holed server alone. The drop-in completes an operation by
     * its lifetime, twice this, whether or not anyone waits; spymemcached never does: the scenario's
     * short waits just after an operation is issued (50 and 100 ms) must end long before, however
     * slow the machine.
     */
    private static final long BLACK_HOLE_TIMEOUT = 1000;

    /**
     * The operation timeout with a live server beside a black-holed one: the live server's answers
     * must come within it on a loaded machine. It cannot be much longer: the drop-in ejects a server
     * that never answers its connection's handshake after three 4 s handshake timeouts, about 12 s
     * after the client is built, and then sends its keys to the live server. The scenario ends about
     * 3 times this plus {@link #LIVE_PART_WINDOW} after the build (the drop-in's constructor waits
     * this long for the black hole's first connection attempt; a get and a bulk get time out).
     */
    private static final long LIVE_BESIDE_HOLE_TIMEOUT = 2500;

    /**
     * How long {@code getSome} waits for the live server's part of a bulk get; far below the
     * lifetime of the black-holed part (twice {@link #LIVE_BESIDE_HOLE_TIMEOUT}), which must still be
     * outstanding at its end.
     */
    private static final long LIVE_PART_WINDOW = 1500;

    private BlackHole hole;
    private Bundled spyLive;
    private Bundled ketchLive;

    @BeforeAll
    void start() throws IOException {
        hole = new BlackHole();
        spyLive = new Bundled();
        ketchLive = new Bundled();
    }

    @AfterAll
    void stop() throws IOException {
        hole.close();
        spyLive.close();
        ketchLive.close();
    }

    /** A scenario on one side. */
    @FunctionalInterface
    interface Scenario {
        void run(Side s, boolean binary) throws Exception;
    }

    /**
     * Runs {@code scenario} on both implementations and protocols at once; each pair's transcripts
     * must match.
     *
     * @param connect wait for every server to be connected first; Ketch counts a server as
     *     connected only once it answered (a black hole never does), spymemcached once TCP connected
     */
    private void compare(Function<Impl, List<InetSocketAddress>> servers, boolean connect, String failureMode,
            Scenario scenario) throws Exception {
        compare(servers, connect, failureMode, TIMEOUT, scenario);
    }

    /** As {@link #compare(Function, boolean, String, Scenario)}, with an operation timeout of {@code timeout} ms. */
    private void compare(Function<Impl, List<InetSocketAddress>> servers, boolean connect, String failureMode,
            long timeout, Scenario scenario) throws Exception {
        List<CompletableFuture<List<String>>> runs = new ArrayList<>();
        for (boolean binary : new boolean[] {false, true}) {
            for (Impl impl : Impl.values()) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    List<InetSocketAddress> addresses = servers.apply(impl);
                    Impl.Settings settings = Impl.Settings.of(binary).timeout(timeout).failureMode(failureMode);
                    Side side = new Side(impl, impl.client(settings, addresses), addresses);
                    if (connect) {
                        long answering = addresses.stream().filter(a -> !a.equals(hole.address())).count();
                        side.connected(impl == Impl.KETCH ? (int) answering : addresses.size());
                    }
                    try {
                        scenario.run(side, binary);
                    } catch (Exception e) {
                        side.note("scenario failed", e);
                    } finally {
                        side.close();
                    }
                    return side.transcript();
                }, runnable -> new Thread(runnable).start()));
            }
        }
        for (int i = 0; i < runs.size(); i += 2) {
            List<String> spy = runs.get(i).get(60, TimeUnit.SECONDS);
            List<String> ketch = runs.get(i + 1).get(60, TimeUnit.SECONDS);
            assertTrue(spy.size() > 3, "a scenario worth comparing: " + spy);
            assertEquals(String.join("\n", spy), String.join("\n", ketch), i == 0 ? "text" : "binary");
        }
    }

    @Test
    void blackHoledServer() throws Exception {
        compare(impl -> List.of(hole.address()), false, "Redistribute", BLACK_HOLE_TIMEOUT, (s, binary) -> {
            // first, while the connection is up (Ketch drops a connection whose replies never come)
            Future<?> cancelled = (Future<?>) s.invoke("asyncGet(String)", "k");
            s.invokeOn(cancelled, "cancel(boolean)", true);
            s.note("cancelled", cancelled.isCancelled());
            s.note("cancelled get()", s.invokeOn(cancelled, "get()"));
            s.note("cancelled status", s.invokeOn(cancelled, "getStatus()"));
            s.call("get(String)", "k");
            s.call("gets(String)", "k");
            s.call("getBulk(String[])", (Object) new String[] {"k1", "k2"});
            s.call("incr(String,long)", "k", 1L);
            s.call("incr(String,long,long)", "k", 1L, 5L);
            s.call("cas(String,long,Object)", "k", 1L, "v");
            if (binary) {
                s.call("getAndTouch(String,int)", "k", 10);
            }
            Future<?> set = (Future<?>) s.invoke("set(String,int,Object)", "k", 0, "v");
            s.note("set get(50 ms)", s.invokeOn(set, "get(long,TimeUnit)", 50L, TimeUnit.MILLISECONDS));
            s.note("set done after timing out", set.isDone());
            s.note("set status", s.invokeOn(set, "getStatus()"));
            s.note("set get() again", s.invokeOn(set, "get()"));
            Future<?> get = (Future<?>) s.invoke("asyncGet(String)", "k");
            s.note("asyncGet get()", s.invokeOn(get, "get()"));
            s.note("asyncGet get() again", s.invokeOn(get, "get()"));
            s.note("asyncGet status", s.invokeOn(get, "getStatus()"));
            Future<?> bulk = (Future<?>) s.invoke("asyncGetBulk(String[])", (Object) new String[] {"k1", "k2"});
            s.note("bulk getSome", s.invokeOn(bulk, "getSome(long,TimeUnit)", 100L, TimeUnit.MILLISECONDS));
            s.note("bulk isTimeout", s.invokeOn(bulk, "isTimeout()"));
            s.note("bulk get(100 ms)", s.invokeOn(bulk, "get(long,TimeUnit)", 100L, TimeUnit.MILLISECONDS));
            s.call("getVersions()");
            s.call("getStats()");
            s.call("waitForQueues(long,TimeUnit)", 100L, TimeUnit.MILLISECONDS);
        });
    }

    @Test
    void oneServerAnswersTheOtherDoesNot() throws Exception {
        compare(impl -> List.of(impl == Impl.SPYMEMCACHED ? spyLive.address() : ketchLive.address(), hole.address()),
                true, "Redistribute", LIVE_BESIDE_HOLE_TIMEOUT, (s, binary) -> {
                    Object locator = s.invoke("getNodeLocator()");
                    List<String> live = new ArrayList<>();
                    List<String> dead = new ArrayList<>();
                    for (int i = 0; live.size() < 3 || dead.size() < 3; i++) {
                        String key = "key" + i;
                        Object server = s.invokeOn(s.invokeOn(locator, "getPrimary(String)", key), "getSocketAddress()");
                        (s.describe(server).equals("server#0") ? live : dead).add(key);
                    }
                    s.note("live keys", live);
                    for (String key : live) {
                        s.call("set(String,int,Object)", key, 0, "v " + key);
                    }
                    s.call("get(String)", live.get(0));
                    s.call("get(String)", dead.get(0));
                    List<String> both = new ArrayList<>(live);
                    both.addAll(dead);
                    s.call("getBulk(Collection)", both);
                    Future<?> bulk = (Future<?>) s.invoke("asyncGetBulk(Collection)", both);
                    s.note("getSome", s.invokeOn(bulk, "getSome(long,TimeUnit)", LIVE_PART_WINDOW, TimeUnit.MILLISECONDS));
                    s.note("isTimeout", s.invokeOn(bulk, "isTimeout()"));
                });
    }

    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }
    }

    @Test
    void unreachableServerUnderEachFailureMode() throws Exception {
        InetSocketAddress refused = closedPort();
        for (String mode : List.of("Redistribute", "Retry", "Cancel")) {
            compare(impl -> List.of(refused), false, mode, (s, binary) -> {
                s.call("get(String)", "k");
                s.call("incr(String,long)", "k", 1L);
                s.note("set get()", s.invokeOn(s.invoke("set(String,int,Object)", "k", 0, "v"), "get()"));
                s.call("getAvailableServers()");
                s.call("getUnavailableServers()");
            });
        }
    }

    private static void sameOnBoth(Object expected, String scenario, Object... args) {
        Object theirs = Impl.SPYMEMCACHED.call("Edges", scenario, args);
        assertEquals(expected, theirs, "spymemcached");
        assertEquals(theirs, Impl.KETCH.call("Edges", scenario, args), "the drop-in");
    }

    /** An operation for a refused server waits, as queued, until the caller's wait times out. */
    @Test
    void aRefusedServerTimesTheCallerOutAtItsTimeout() throws IOException {
        sameOnBoth(List.of("threw OperationTimeoutException", "at the timeout"), "refusedServer", closedPort());
    }

    /** getStatus() of an operation that times out throws, as get() does, the first time. */
    @Test
    void statusOfATimedOutOperationThrows() {
        sameOnBoth("threw RuntimeException", "statusOfTimedOut", hole.address());
    }

    /** getVersions() and getStats() report the servers that answered. */
    @Test
    void versionsAndStatsWhenOneServerDoesNotAnswer() {
        Bundled live = new Bundled();
        try {
            sameOnBoth(List.of("versions from live true", "stats of live true"), "versionsAndStatsWithOneSilent",
                    live.address(), hole.address());
        } finally {
            live.close();
        }
    }
}
