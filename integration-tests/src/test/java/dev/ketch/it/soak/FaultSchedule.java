package dev.ketch.it.soak;

import dev.ketch.it.failover.FaultProxy;
import dev.ketch.it.failover.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Injects one fault at a time into a random server, for a random time, with healthy periods
 * between: killed (and restarted, empty), black-holed, flapping, slowed, restarted at once. Every
 * fault is a window from its start to its end plus a grace period, within which errors are
 * expected.
 */
final class FaultSchedule implements Runnable {

    enum Kind { KILL, BLACK_HOLE, FLAP, SLOW, RESTART, REFUSE }

    /** A fault: its server, kind and when it was in force (nanoTime), the end extended by the grace. */
    record Window(int server, Kind kind, long startNanos, long endNanos) {
        boolean overlaps(long from, long to) {
            return from <= endNanos && to >= startNanos;
        }
    }

    private final List<Server> servers;
    private final List<FaultProxy> proxies;
    private final Random random;
    private final long graceNanos;
    private final long endNanos;
    private final List<Window> windows = new ArrayList<>();
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private volatile long openSince;

    FaultSchedule(List<Server> servers, List<FaultProxy> proxies, long seed, Duration grace, long endNanos) {
        this.servers = servers;
        this.proxies = proxies;
        this.random = new Random(seed);
        this.graceNanos = grace.toNanos();
        this.endNanos = endNanos;
    }

    @Override
    public void run() {
        try {
            sleepMillis(5000 + random.nextInt(5000));
            while (System.nanoTime() < endNanos - Duration.ofSeconds(20).toNanos()) {
                int s = random.nextInt(servers.size());
                Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                long holdMillis = 1000 + random.nextInt(7000);
                long start = System.nanoTime();
                openSince = start;
                inject(s, kind, holdMillis);
                long end = System.nanoTime();
                openSince = 0;
                synchronized (windows) {
                    windows.add(new Window(s, kind, start, end + graceNanos));
                    counts.merge(kind, 1, Integer::sum);
                }
                sleepMillis(4000 + random.nextInt(8000));
            }
        } catch (Exception e) {
            throw new IllegalStateException("fault injection failed", e);
        }
    }

    private void inject(int s, Kind kind, long holdMillis) throws Exception {
        FaultProxy proxy = proxies.get(s);
        Server server = servers.get(s);
        switch (kind) {
            case KILL -> {
                server.kill();
                sleepMillis(holdMillis);
                server.restart();
            }
            case RESTART -> {
                server.kill();
                server.restart();
            }
            case BLACK_HOLE -> {
                proxy.blackHole();
                sleepMillis(holdMillis);
                proxy.forward();
            }
            case FLAP -> {
                proxy.cutEachAfter(Duration.ofMillis(20 + random.nextInt(300)));
                proxy.cutAll();
                sleepMillis(holdMillis);
                proxy.forward();
            }
            case SLOW -> {
                proxy.delayReplies(Duration.ofMillis(20 + random.nextInt(400)));
                sleepMillis(holdMillis);
                proxy.forward();
            }
            case REFUSE -> {
                proxy.refuse();
                sleepMillis(holdMillis);
                proxy.forward();
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** True if an operation that ran from {@code from} to {@code to} overlapped a fault (or its grace). */
    boolean inFault(long from, long to) {
        long open = openSince;
        if (open != 0 && to >= open) {
            return true;
        }
        synchronized (windows) {
            for (int i = windows.size() - 1; i >= 0; i--) {
                if (windows.get(i).overlaps(from, to)) {
                    return true;
                }
            }
        }
        return false;
    }

    Map<Kind, Integer> counts() {
        synchronized (windows) {
            return new EnumMap<>(counts);
        }
    }

    long faultNanos() {
        synchronized (windows) {
            return windows.stream().mapToLong(w -> w.endNanos() - graceNanos - w.startNanos()).sum();
        }
    }

    private static void sleepMillis(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
