package dev.ketch.it.failover;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The black-hole figure: one caller keeps 64 requests in flight over 10,000 keys on three servers
 * with the client's default settings; one server falls silent (accepts, never answers). Total
 * throughput over the 3 s after the first 250 ms of silence is compared with the 2 s before it,
 * and every failure must be on the silent server's keys.
 */
public final class BlackHoleFigure {

    /** What the silence did. */
    public record Result(double before, double after, List<Double> buckets, long failures, long ejectedAfterMillis,
            long suspectedAfterMillis, long failuresBefore, List<String> failuresElsewhere, double p99BeforeMillis) {

        public double ratio() {
            return after / before;
        }

        @Override
        public String toString() {
            return String.format("before %.0f ops/s (p99 latency %.0f ms), from 250 ms to 3.25 s after the silence "
                    + "%.0f ops/s (%.0f%%); per 250 ms from the silence: %s; %d failures, %d of them on other servers' "
                    + "keys%s; suspected after %d ms, ejected after %d ms", before, p99BeforeMillis, after, 100 * ratio(),
                    rounded(buckets), failures, failuresElsewhere.size(),
                    failuresElsewhere.isEmpty() ? "" : " " + failuresElsewhere.stream().limit(3).toList(),
                    suspectedAfterMillis, ejectedAfterMillis);
        }

        private static String rounded(List<Double> rates) {
            return rates.stream().map(r -> Long.toString(Math.round(r))).toList().toString();
        }
    }

    /** Silences and restores the server under test. */
    public interface Fault {
        void silence() throws Exception;
    }

    private BlackHoleFigure() {
    }

    /** A client of {@code servers} with the defaults, reporting to {@code events}. */
    public static MemcacheClient<String> defaultClient(List<String> servers, Events events) {
        return MemcacheClient.builder().servers(servers.toArray(new String[0])).listener(events).build();
    }

    public static Result measure(MemcacheClient<String> client, Events events, List<String> servers, String silent,
            Fault fault) throws Exception {
        List<String> keys = Clients.keys("bh:", 10_000);
        Clients.preload(servers, keys);
        Map<String, String> owners = Clients.owners(client, keys);
        Set<String> silentKeys = Clients.ownedBy(owners, silent);
        ClosedLoop loop = new ClosedLoop(client, keys, 64).start();
        Thread.sleep(3000); // warm-up, then 2 s measured before the fault
        long silenced = System.nanoTime();
        fault.silence();
        Thread.sleep(3500);
        List<ClosedLoop.Done> all = loop.stop(TimeUnit.SECONDS.toMillis(30));
        long second = TimeUnit.SECONDS.toNanos(1);
        long quarter = TimeUnit.MILLISECONDS.toNanos(250);
        double before = ClosedLoop.rate(all, silenced - 2 * second, silenced);
        double after = ClosedLoop.rate(all, silenced + quarter, silenced + quarter + 3 * second);
        List<Double> buckets = ClosedLoop.buckets(all, silenced, 14, 250);
        List<String> elsewhere = ClosedLoop.failuresOutside(all, silentKeys, silenced - 3 * second, Long.MAX_VALUE)
                .stream().map(d -> d.key() + ": " + d.failure()).toList();
        long ejected = events.of("ejected", silent).stream().mapToLong(Events.Event::nanos)
                .filter(t -> t - silenced >= 0).findFirst().orElse(-1);
        long suspected = events.suspectedAt(silent, silenced);
        return new Result(before, after, buckets, ClosedLoop.failures(all, silenced, Long.MAX_VALUE),
                ejected < 0 ? -1 : Figures.millis(ejected - silenced),
                suspected < 0 ? -1 : Figures.millis(suspected - silenced), ClosedLoop.failures(all, 0, silenced),
                elsewhere, ClosedLoop.p99Millis(all, silenced - 2 * second, silenced));
    }

    /**
     * Fails unless the silence kept at least half the throughput after its first 250 ms, and only
     * the silent server's keys saw errors.
     */
    public static void assertHalfTheThroughputKept(Result r) {
        assertTrue(r.before() > 0, "no throughput before the fault: " + r);
        assertTrue(r.failuresBefore() == 0, "no failure before the silence: " + r);
        assertTrue(r.failuresElsewhere().isEmpty(), "failures on other servers' keys: " + r);
        assertTrue(r.ratio() >= 0.5, "throughput after the first 250 ms of silence: " + r);
    }

    /** How long the scenario waits for an event. */
    public static final Duration WAIT = Duration.ofSeconds(30);
}
