package dev.ketch.spymemcached.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.internal.BulkFuture;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.StatusCode;

/**
 * Edge cases of timeouts, cancellation, unreachable servers and the text protocol: each scenario
 * returns what it observed, as lines, to compare spymemcached's observations with the drop-in's.
 */
public final class Edges {

    private Edges() {
    }

    static MemcachedClient client(boolean binary, long timeout, InetSocketAddress... servers) {
        try {
            return new MemcachedClient(new ConnectionFactoryBuilder()
                    .setProtocol(binary ? ConnectionFactoryBuilder.Protocol.BINARY : ConnectionFactoryBuilder.Protocol.TEXT)
                    .setOpTimeout(timeout).setDaemon(true).build(), List.of(servers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static String outcome(Call call) {
        try {
            return String.valueOf(call.run());
        } catch (Exception e) {
            return "threw " + e.getClass().getSimpleName();
        }
    }

    /** getAndTouch and a delete with a CAS unique in the text protocol. */
    public static List<String> textGetAndTouchAndCasDelete(InetSocketAddress server) throws Exception {
        MemcachedClient c = client(false, 2500, server);
        try {
            List<String> seen = new ArrayList<>();
            c.set("gat", 0, "v").get();
            seen.add("getAndTouch " + outcome(() -> c.getAndTouch("gat", 10).getValue()));
            long cas = c.gets("gat").getCas();
            seen.add("delete, other cas " + outcome(() -> c.delete("gat", cas + 1).get()));
            seen.add("delete, its cas " + outcome(() -> c.delete("gat", cas).get()));
            return seen;
        } finally {
            c.shutdown();
        }
    }

    /** The mechanisms listed by a server without SASL. */
    public static String saslMechanismsWithoutSasl(InetSocketAddress server) {
        MemcachedClient c = client(true, 2500, server);
        try {
            return String.valueOf(new java.util.TreeSet<>(c.listSaslMechanisms()));
        } finally {
            c.shutdown();
        }
    }

    /** A text error reply: the future's failure, whether the connection stayed, the status after. */
    public static List<String> textErrorReply(InetSocketAddress server) throws Exception {
        MemcachedClient c = client(false, 2500, server);
        List<String> lost = new CopyOnWriteArrayList<>();
        c.addObserver(new ConnectionObserver() {
            @Override
            public void connectionEstablished(SocketAddress sa, int reconnectCount) {
            }

            @Override
            public void connectionLost(SocketAddress sa) {
                lost.add(String.valueOf(sa));
            }
        });
        try {
            List<String> seen = new ArrayList<>();
            c.set("text-counter", 0, "abc").get();
            OperationFuture<Long> incr = c.asyncIncr("text-counter", 1);
            try {
                incr.get();
                seen.add("incr succeeded");
            } catch (ExecutionException e) {
                seen.add("incr " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            }
            seen.add("get after " + c.get("text-counter"));
            // the connection reopens, and the operation is cancelled, some time after the reply
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (incr.getStatus().getStatusCode() != StatusCode.CANCELLED && lost.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            seen.add("status " + incr.getStatus().getStatusCode());
            seen.add("connections lost " + lost.size());
            return seen;
        } finally {
            c.shutdown();
        }
    }

    /** cancel() on a future whose request was written, and on a completed future. */
    public static List<String> cancel(InetSocketAddress live, InetSocketAddress hole) throws Exception {
        MemcachedClient toHole = client(true, 2500, hole);
        MemcachedClient toLive = client(true, 2500, live);
        try {
            List<String> seen = new ArrayList<>();
            Future<Object> pending = toHole.asyncGet("k");
            Thread.sleep(100); // written, waiting for the reply
            seen.add("pending cancel " + pending.cancel(true) + ", cancelled " + pending.isCancelled());
            toLive.set("c", 0, "v").get();
            Future<Object> done = toLive.asyncGet("c");
            seen.add("done get " + done.get());
            seen.add("done cancel " + done.cancel(true) + ", cancelled " + done.isCancelled());
            seen.add("done get again " + outcome(done::get));
            return seen;
        } finally {
            toHole.shutdown();
            toLive.shutdown();
        }
    }

    /** Futures of a server that never answers, with nobody waiting. */
    public static List<String> unwaitedFutures(InetSocketAddress hole) throws Exception {
        MemcachedClient c = client(true, 200, hole);
        try {
            List<String> seen = new ArrayList<>();
            CountDownLatch listened = new CountDownLatch(1);
            OperationFuture<Boolean> set = c.set("k", 0, "v");
            set.addListener(f -> listened.countDown());
            BulkFuture<Map<String, Object>> bulk = c.asyncGetBulk("a", "b");
            seen.add("listener called within 2 s " + listened.await(2, TimeUnit.SECONDS));
            seen.add("set done " + set.isDone());
            Thread.sleep(300);
            seen.add("bulk done " + bulk.isDone());
            return seen;
        } finally {
            c.shutdown();
        }
    }

    /** getStatus() of a timed-out operation. */
    public static String statusOfTimedOut(InetSocketAddress hole) {
        MemcachedClient c = client(true, 200, hole);
        try {
            return outcome(() -> c.delete("k").getStatus().getStatusCode());
        } finally {
            c.shutdown();
        }
    }

    /** A text key with a tab. */
    public static String tabInTextKey(InetSocketAddress server) {
        MemcachedClient c = client(false, 2500, server);
        try {
            return outcome(() -> c.set("tab\tkey", 0, "v").get());
        } finally {
            c.shutdown();
        }
    }

    /** Versions and stats while the second server does not answer: which servers have answers. */
    public static List<String> versionsAndStatsWithOneSilent(InetSocketAddress live, InetSocketAddress hole) {
        MemcachedClient c = client(true, 1000, live, hole);
        try {
            List<String> seen = new ArrayList<>();
            seen.add("versions from live " + c.getVersions().containsKey(live));
            seen.add("stats of live " + !c.getStats().get(live).isEmpty());
            return seen;
        } finally {
            c.shutdown();
        }
    }

    /** How long a get of a refused server takes to fail, and how. */
    public static List<String> refusedServer(InetSocketAddress refused) {
        MemcachedClient c = client(true, 1500, refused);
        try {
            long start = System.nanoTime();
            String failure = outcome(() -> c.get("k"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return List.of(failure, millis >= 1400 ? "at the timeout" : millis < 1000 ? "at once" : "late: " + millis + " ms");
        } finally {
            c.shutdown();
        }
    }
}
