package dev.ketch.it.soak;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.Protocol;
import dev.ketch.it.failover.FaultProxy;
import dev.ketch.it.failover.Server;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The soak: for N minutes (30 by default), several clients in every protocol run a mixed workload
 * against 3 to 5 bundled servers, each behind a fault proxy, while {@link FaultSchedule} kills,
 * black-holes, flaps, slows, refuses and restarts them at random. At the end it reports the
 * futures that never completed, wrong values read, errors outside fault windows (all three must be
 * 0), heap and direct memory over time (must be flat) and Netty leak reports (must be 0), and
 * exits non-zero if any of them is not. Not a unit test: run it with
 * {@code integration-tests/soak.sh [--minutes N] [--servers 3..5] [--clients N] [--seed S]}.
 */
public final class Soak {

    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int interval, long maxActive) {
                return new ResourceLeakDetector<T>(resource, interval) {
                    @Override
                    protected boolean needReport() {
                        return true;
                    }

                    @Override
                    protected void reportTracedLeak(String type, String records) {
                        LEAKS.add("LEAK: " + type + records);
                    }

                    @Override
                    protected void reportUntracedLeak(String type) {
                        LEAKS.add("LEAK: " + type + " (untraced)");
                    }
                };
            }
        });
    }

    private Soak() {
    }

    /** The clients' longest reconnect delay: the builder's default. */
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(5);

    public static void main(String[] args) throws Exception {
        double minutes = 30;
        int serverCount = 4;
        int clientCount = 4;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--servers" -> serverCount = Integer.parseInt(args[++i]);
                case "--clients" -> clientCount = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --minutes N --servers 3..5 --clients N --seed S");
            }
        }
        if (serverCount < 3 || serverCount > 5) {
            throw new IllegalArgumentException("--servers must be 3 to 5");
        }
        System.exit(run(Duration.ofSeconds((long) (minutes * 60)), serverCount, clientCount, seed) ? 0 : 1);
    }

    static boolean run(Duration length, int serverCount, int clientCount, long seed) throws Exception {
        StringBuilder report = new StringBuilder();
        line(report, "soak: " + length.toMinutes() + " min, " + serverCount + " servers behind fault proxies, "
                + clientCount + " clients, seed " + seed + ", leak detection "
                + ResourceLeakDetector.getLevel() + ", started " + Instant.now());
        List<Server> servers = new ArrayList<>();
        List<FaultProxy> proxies = new ArrayList<>();
        List<MemcacheClient<String>> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Workload.Tally tally = new Workload.Tally();
        List<long[]> memory = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        boolean passed;
        try {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < serverCount; i++) {
                Server s = Server.start();
                servers.add(s);
                FaultProxy p = new FaultProxy(0, s.port());
                proxies.add(p);
                addresses.add(p.address());
            }
            // A fault's window lasts until the clients can have recovered from it: a connection cut
            // at the very end of a flap (cuts come up to 320 ms after accept) waits out the reconnect
            // backoff the flapping grew, up to its 5 s maximum, and calls on that server fail fast
            // meanwhile (a 30-minute run with a 5 s grace counted one such failure as outside).
            Duration grace = RECONNECT_MAX.plusSeconds(2);
            FaultSchedule faults = new FaultSchedule(servers, proxies, seed, grace, end);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                keys.add("soak:" + i);
            }
            Protocol[] protocols = {Protocol.BINARY, Protocol.TEXT, Protocol.META};
            for (int c = 0; c < clientCount; c++) {
                Protocol protocol = protocols[c % protocols.length];
                MemcacheClient<String> client = MemcacheClient.builder().servers(addresses.toArray(new String[0]))
                        .protocol(protocol).connectionsPerNode(1 + c % 2).ioThreads(1).build();
                clients.add(client);
                for (int t = 0; t < 2; t++) {
                    Thread thread = new Thread(new Workload(client, "client" + c + "/" + protocol, keys, 16, faults,
                            tally, end), "soak-" + c + "-" + t);
                    thread.setDaemon(true);
                    threads.add(thread);
                }
            }
            Thread injector = new Thread(faults, "soak-faults");
            injector.setDaemon(true);
            threads.forEach(Thread::start);
            injector.start();

            long hung = 0;
            long nextSample = System.nanoTime();
            long lastOk = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(1000);
                long now = System.nanoTime();
                hung = Math.max(hung, tally.pending.stream()
                        .filter(p -> now - p.startNanos() > TimeUnit.SECONDS.toNanos(30)).count());
                if (now >= nextSample) {
                    long ok = tally.ok.sum();
                    long[] sample = sampleMemory(now - start);
                    memory.add(sample);
                    System.out.printf("soak %4ds: %,d ops ok (%,d/s), failed %,d in faults, %,d outside; wrong %d; "
                            + "pending %d; heap %d MiB, direct %d MiB; faults %s%n", (now - start) / 1_000_000_000L,
                            ok, (ok - lastOk) / 30, tally.failedInFault.sum(), tally.failedOutside.sum(),
                            tally.wrongValues.sum(), tally.pending.size(), sample[1] >> 20, sample[2] >> 20,
                            faults.counts());
                    lastOk = ok;
                    nextSample = now + TimeUnit.SECONDS.toNanos(30);
                }
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            injector.join(TimeUnit.SECONDS.toMillis(60));
            // everything still pending gets the longest any operation may take, then counts as hung
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!tally.pending.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long neverCompleted = Math.max(hung, tally.pending.size());
            long elapsed = System.nanoTime() - start;
            memory.add(sampleMemory(elapsed));
            checkLeaks();

            line(report, String.format("operations completed: %,d (%,d/s over %d s), faults injected: %s, in force %d s",
                    tally.ok.sum() + tally.failedInFault.sum() + tally.failedOutside.sum(),
                    (tally.ok.sum() + tally.failedInFault.sum() + tally.failedOutside.sum())
                            / Math.max(1, TimeUnit.NANOSECONDS.toSeconds(elapsed)),
                    TimeUnit.NANOSECONDS.toSeconds(elapsed), faults.counts(),
                    TimeUnit.NANOSECONDS.toSeconds(faults.faultNanos())));
            line(report, "failures inside fault windows (plus " + grace.toSeconds() + " s): " + tally.failedInFault.sum() + " " + types(tally));
            line(report, "futures that never completed: " + neverCompleted + " (must be 0)");
            line(report, "wrong values read: " + tally.wrongValues.sum() + " (must be 0) " + tally.wrongSamples);
            line(report, "errors outside fault windows: " + tally.failedOutside.sum() + " (must be 0) "
                    + tally.outsideSamples);
            line(report, "leak reports: " + LEAKS.size() + " (must be 0)" + (LEAKS.isEmpty() ? "" : "\n" + LEAKS.peek()));
            line(report, "memory after a full GC (s, heap MiB, direct MiB):");
            StringBuilder series = new StringBuilder();
            for (long[] m : memory) {
                series.append(String.format("  %d s: %d / %d%n", m[0] / 1_000_000_000L, m[1] >> 20, m[2] >> 20));
            }
            report.append(series);
            System.out.print(series);
            String flat = flatness(memory);
            line(report, flat);
            passed = neverCompleted == 0 && tally.wrongValues.sum() == 0 && tally.failedOutside.sum() == 0
                    && LEAKS.isEmpty() && flat.startsWith("memory flat");
            line(report, passed ? "SOAK PASSED" : "SOAK FAILED");
        } finally {
            clients.forEach(MemcacheClient::close);
            for (FaultProxy p : proxies) {
                p.close();
            }
            servers.forEach(Server::close);
        }
        Path out = Path.of(System.getProperty("soak.report", "integration-tests/target/soak-report.txt"));
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
            System.out.println("report: " + out.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("cannot write " + out + ": " + e);
        }
        return passed;
    }

    private static String types(Workload.Tally tally) {
        StringBuilder b = new StringBuilder("{");
        tally.failureTypes.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(v.sum()));
        return b.append('}').toString();
    }

    /** {elapsed ns, heap used, direct used} after a full GC. */
    private static long[] sampleMemory(long elapsedNanos) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = Math.max(PlatformDependent.usedDirectMemory(),
                PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
        return new long[] {elapsedNanos, heap, direct};
    }

    /**
     * Flat: the last third's largest heap and direct memory exceed the middle third's by less than
     * 32 MiB and 25% (the first third is the warm-up).
     */
    private static String flatness(List<long[]> memory) {
        int n = memory.size();
        if (n < 6) {
            return "memory flat (too short a run to tell)";
        }
        long heapMid = 0;
        long heapLast = 0;
        long directMid = 0;
        long directLast = 0;
        for (int i = n / 3; i < 2 * n / 3; i++) {
            heapMid = Math.max(heapMid, memory.get(i)[1]);
            directMid = Math.max(directMid, memory.get(i)[2]);
        }
        for (int i = 2 * n / 3; i < n; i++) {
            heapLast = Math.max(heapLast, memory.get(i)[1]);
            directLast = Math.max(directLast, memory.get(i)[2]);
        }
        boolean flat = grewLittle(heapMid, heapLast) && grewLittle(directMid, directLast);
        return (flat ? "memory flat" : "MEMORY GREW") + String.format(": heap %d -> %d MiB, direct %d -> %d MiB "
                + "(largest of the middle and last thirds)", heapMid >> 20, heapLast >> 20, directMid >> 20,
                directLast >> 20);
    }

    private static boolean grewLittle(long before, long after) {
        return after - before < 32L << 20 || after < before * 5 / 4;
    }

    private static void checkLeaks() throws InterruptedException {
        for (int i = 0; i < 3 && LEAKS.isEmpty(); i++) {
            System.gc();
            Thread.sleep(50);
            List<ByteBuf> probes = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                probes.add(PooledByteBufAllocator.DEFAULT.directBuffer(16));
            }
            probes.forEach(ByteBuf::release);
        }
    }

    private static void line(StringBuilder report, String line) {
        report.append(line).append('\n');
        System.out.println(line);
    }
}
